#!/usr/bin/python3
"""SGEMM GFLOP/s of the system's OpenBLAS (through numpy) on the shapes GemmBenchmark uses.

Run with Debian's python3 (numpy linked to libopenblas0-openmp), one thread count per run:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
      /usr/bin/python3 bench/scripts/openblas_gemm.py [SHAPE ...]
Add --cpu-time to time by the thread's CPU time (one thread). A shape is MxNxK or MxNxK:TT (transpose flags of A and B, as in GemmBenchmark). Each figure is
the median of 9 timed repeats after warm-up; GFLOP/s = 2 m n k / seconds / 1e9.
"""
import sys
import time

import numpy as np

SHAPES = ["256x256x256", "512x512x512", "1024x1024x1024", "64x100x3072:NT", "64x4000x3072:NT",
          "16x1024x288", "32x256x144"]


def operands(spec, rng):
    dims, _, flags = spec.partition(":")
    m, n, k = (int(v) for v in dims.split("x"))
    flags = flags or "NN"
    a = rng.random((k, m) if flags[0] == "T" else (m, k), dtype=np.float32) - 0.5
    b = rng.random((n, k) if flags[1] == "T" else (k, n), dtype=np.float32) - 0.5
    a = a.T if flags[0] == "T" else a
    b = b.T if flags[1] == "T" else b
    return m, n, k, a, b


def main():
    rng = np.random.default_rng(7)
    args = sys.argv[1:]
    # --cpu-time: time by the calling thread's CPU time (meaningful with one thread only).
    clock = time.thread_time if "--cpu-time" in args else time.perf_counter
    args = [a for a in args if a != "--cpu-time"]
    for spec in args or SHAPES:
        m, n, k, a, b = operands(spec, rng)
        c = np.empty((m, n), dtype=np.float32)
        flops = 2.0 * m * n * k
        reps = max(1, int(3e8 / flops))
        for _ in range(3 * reps):
            np.matmul(a, b, out=c)
        times = []
        for _ in range(9):
            t = clock()
            for _ in range(reps):
                np.matmul(a, b, out=c)
            times.append((clock() - t) / reps)
        times.sort()
        print(f"{spec:18s} {flops / times[4] / 1e9:7.1f} GFLOP/s  (best {flops / times[0] / 1e9:.1f})")


if __name__ == "__main__":
    main()
