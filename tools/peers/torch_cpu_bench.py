#!/usr/bin/python3
"""PyTorch (Debian's python3-torch) side of convlab's peers benchmark.

Run with /usr/bin/python3 (Debian's torch 1.13), the OpenMP build of OpenBLAS and glibc's
MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824; the Java harness
(org.convlab.bench.peers.PythonTorchEngine) starts it with exactly that environment.

Server mode (default): one JSON command per line on stdin, one JSON reply per line on stdout,
so the harness can interleave it with the engines running inside the JVM:

  {"cmd": "prepare", "layers": [...], "input": [C, H, W], "file": PATH,
   "tensors": [{"name", "shape", "offset"}], "x": {"shape", "offset"}, "labels": [...], "lr": LR}
      loads the shared weights and batch (float32 little-endian, offsets in floats)
  {"cmd": "logits"}                 -> {"logits": [...]}       (N x 10, row-major)
  {"cmd": "train", "steps": k}      -> {"seconds": s, "loss": last loss}
  {"cmd": "infer", "steps": k}      -> {"seconds": s}
  {"cmd": "gemm_prepare", "n": n}   -> {}
  {"cmd": "gemm", "calls": k}       -> {"seconds": s}
  {"cmd": "profile"}                -> {"ops": [[name, self-CPU ms], ...]} of one training step
  {"cmd": "quit"}

Every reply carries "ok": true, or "ok": false with "error".

Standalone: torch_cpu_bench.py --once cnn-3x32x32 [--threads 1] [--steps 30] prints the
images/s of training steps on PyTorch's own initial weights and a random batch.
"""
import argparse
import json
import os
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ThreeLayerConvNet(nn.Module):
    """conv 5x5 pad 2 -> ReLU -> conv 3x3 pad 1 -> ReLU -> flatten -> linear (the notebook's)."""

    def __init__(self, in_channel, channel_1, channel_2, num_classes, height, width):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channel, channel_1, 5, padding=2)
        self.conv2 = nn.Conv2d(channel_1, channel_2, 3, padding=1)
        self.fc = nn.Linear(channel_2 * height * width, num_classes)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


class ThreeLayerMLP(nn.Module):
    """flatten -> linear -> ReLU -> linear -> ReLU -> linear (the notebook's)."""

    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.fc2 = nn.Linear(hidden_size, hidden_size)
        self.fc3 = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def build(layers, input_chw):
    """The module for a layer list as sent by the harness (conv: in, out, kernel, padding)."""
    c, h, w = input_chw
    if layers[0]["kind"] == "conv":
        return ThreeLayerConvNet(c, layers[0]["out"], layers[1]["out"], layers[2]["out"], h, w)
    return ThreeLayerMLP(layers[0]["in"], layers[0]["out"], layers[2]["out"])


def from_name(name):
    """cnn-CxHxW or mlp-IN-HIDDEN, as the harness names them (for --once)."""
    m = re.fullmatch(r"cnn-(\d+)x(\d+)x(\d+)", name)
    if m:
        c, h, w = map(int, m.groups())
        return ThreeLayerConvNet(c, 32, 16, 10, h, w), (c, h, w)
    m = re.fullmatch(r"mlp-(\d+)-(\d+)", name)
    if m:
        n, hidden = map(int, m.groups())
        chw = {784: (1, 28, 28), 3072: (3, 32, 32)}.get(n, (1, 1, n))
        return ThreeLayerMLP(n, hidden, 10), chw
    raise SystemExit("model: expected cnn-CxHxW or mlp-IN-HIDDEN, got '%s'" % name)


def loaded_blas():
    """Paths of the BLAS/LAPACK/OpenMP/oneDNN libraries mapped into this process."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if re.search(r"blas|lapack|gomp|iomp|dnnl|mkl", os.path.basename(path)):
                libs.add(os.path.realpath(path))
    return sorted(libs)


class Bench:
    def __init__(self):
        self.model = None
        self.optimizer = None
        self.x = None
        self.y = None
        self.a = None
        self.b = None

    def train_step(self):
        # set_to_none: the faster of PyTorch's two ways to reset gradients (default from 2.0 on).
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(self.x), self.y)
        loss.backward()
        self.optimizer.step()
        return loss

    def prepare(self, cmd):
        import numpy as np
        data = np.fromfile(cmd["file"], dtype="<f4")

        def tensor(spec):
            n = 1
            for d in spec["shape"]:
                n *= d
            return torch.from_numpy(data[spec["offset"]:spec["offset"] + n].copy()).reshape(spec["shape"])

        self.model = build(cmd["layers"], cmd["input"])
        state = {t["name"]: tensor(t) for t in cmd["tensors"]}
        self.model.load_state_dict(state, strict=True)
        self.x = tensor(cmd["x"]).contiguous()
        self.y = torch.tensor(cmd["labels"], dtype=torch.long)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=cmd["lr"])
        return {}

    def logits(self, cmd):
        with torch.no_grad():
            return {"logits": self.model(self.x).reshape(-1).tolist()}

    def train(self, cmd):
        steps = int(cmd["steps"])
        t0 = time.perf_counter()
        loss = None
        for _ in range(steps):
            loss = self.train_step()
        seconds = time.perf_counter() - t0
        return {"seconds": seconds, "loss": float(loss.item())}

    def infer(self, cmd):
        steps = int(cmd["steps"])
        with torch.no_grad():
            t0 = time.perf_counter()
            for _ in range(steps):
                self.model(self.x)
            seconds = time.perf_counter() - t0
        return {"seconds": seconds}

    def gemm_prepare(self, cmd):
        n = int(cmd["n"])
        g = torch.Generator().manual_seed(1)
        self.a = torch.rand(n, n, generator=g) * 2 - 1
        self.b = torch.rand(n, n, generator=g) * 2 - 1
        return {}

    def gemm(self, cmd):
        calls = int(cmd["calls"])
        t0 = time.perf_counter()
        for _ in range(calls):
            torch.matmul(self.a, self.b)
        return {"seconds": time.perf_counter() - t0}

    def profile(self, cmd):
        from torch.autograd import profiler
        with profiler.profile() as prof:
            self.train_step()
        ops = [(e.key, e.self_cpu_time_total / 1000.0) for e in prof.key_averages()]
        ops.sort(key=lambda kv: -kv[1])
        return {"ops": ops[:15]}


def hello(threads):
    torch.matmul(torch.ones(64, 64), torch.ones(64, 64))  # loads BLAS before it is listed
    return {
        "ok": True,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "blas_libraries": loaded_blas(),
        "malloc_env": {k: os.environ.get(k) for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")},
        "config": torch.__config__.show(),
        "python": sys.version.split()[0],
        "requested_threads": threads,
    }


def serve(threads):
    bench = Bench()
    out = sys.stdout
    out.write(json.dumps(hello(threads)) + "\n")
    out.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            cmd = json.loads(line)
            if cmd["cmd"] == "quit":
                break
            reply = getattr(bench, cmd["cmd"])(cmd)
            reply["ok"] = True
        except Exception as e:  # report every failure to the harness as one line
            reply = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        out.write(json.dumps(reply) + "\n")
        out.flush()


def once(name, steps):
    torch.manual_seed(7)
    bench = Bench()
    bench.model, chw = from_name(name)
    bench.x = torch.randn(64, *chw)
    bench.y = torch.randint(0, 10, (64,))
    bench.optimizer = torch.optim.SGD(bench.model.parameters(), lr=3e-3)
    for _ in range(3):
        bench.train_step()
    t0 = time.perf_counter()
    for _ in range(steps):
        bench.train_step()
    seconds = time.perf_counter() - t0
    print(json.dumps({"model": name, "threads": torch.get_num_threads(),
                      "images_per_second": 64 * steps / seconds, "blas_libraries": loaded_blas()}))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--once", metavar="MODEL")
    p.add_argument("--steps", type=int, default=30)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    if args.once:
        once(args.once, args.steps)
    else:
        serve(args.threads)


if __name__ == "__main__":
    main()
