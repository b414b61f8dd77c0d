#!/usr/bin/env bash
# convlab side by side with PyTorch and ONNX Runtime, in one run.
#
#   bench/peers.sh [--threads 1,2] [--reps 7] [--workloads cnn-3x32x32,...] [--modes train,infer]
#                  [--engines convlab,pytorch-djl,pytorch-py,onnxruntime] [--isa native|avx2] [--json]
#                  [--profile] [--help]
#
# Builds the bench-peers module (Maven profile `peers`: the peers' native jars come from Maven
# Central on the first build and are never part of the default build), then runs
# org.convlab.bench.peers.PeersMain fully offline:
#   -Dai.djl.offline=true, OPT_OUT_TRACKING=true, PYTORCH_VERSION unset: DJL loads libtorch from
#   the pytorch-native-cpu jar on the class path and never touches the network;
#   -Dai.djl.pytorch.num_threads=N (the first --threads value; the harness switches counts at run
#   time) and -Dai.djl.pytorch.num_interop_threads=1.
# Debian's PyTorch runs as /usr/bin/python3 tools/peers/torch_cpu_bench.py with the OpenMP
# OpenBLAS and glibc's malloc thresholds (set by the harness for that subprocess).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bench-peers"

# The JDK: JAVA_HOME if it is 17 or newer, else the newest installed (as ./convlab does).
java_major() {
    local v
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[."].*/\1/p' | head -n 1)
    echo "${v:-0}"
}
pick_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 17 ]; then
        echo "$JAVA_HOME"; return
    fi
    local best="" best_major=0 dir major
    for dir in /usr/lib/jvm/*; do
        [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
        major=$(java_major "$dir")
        if [ "$major" -ge 17 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
    done
    [ -n "$best" ] || { echo "peers: no JDK 17 or newer found (set JAVA_HOME)" >&2; exit 1; }
    echo "$best"
}
jdk="$(pick_jdk)"

jar="$module/target/convlab-bench-peers-0.1.0-SNAPSHOT.jar"
needs_build() {
    [ -f "$jar" ] && [ -f "$module/target/classpath.txt" ] || return 0
    [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
        \( -path '*/src/main/*' -o -name 'pom.xml' -o -path "$root/tools/peers/*" \) -newer "$jar" -print -quit)" ]
}
if needs_build; then
    echo "peers: building bench-peers (mvn -Ppeers) ..." >&2
    log=$(mktemp)
    if ! (cd "$root" && JAVA_HOME="$jdk" mvn -q -o -Ppeers -DskipTests -pl bench-peers -am package >"$log" 2>&1 \
          || JAVA_HOME="$jdk" mvn -q -Ppeers -DskipTests -pl bench-peers -am package >"$log" 2>&1); then
        cat "$log" >&2; rm -f "$log"
        echo "peers: the build failed (output above)" >&2
        exit 1
    fi
    rm -f "$log"
fi

# The first thread count goes to DJL's start-up properties; --isa avx2 holds the engines to AVX2.
first_threads=1
isa=native
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --threads) first_threads="${args[$((i + 1))]%%,*}" ;;
        --threads=*) v="${args[$i]#--threads=}"; first_threads="${v%%,*}" ;;
        --isa) isa="${args[$((i + 1))]:-}" ;;
        --isa=*) isa="${args[$i]#--isa=}" ;;
    esac
done

unset PYTORCH_VERSION
export OPT_OUT_TRACKING=true
# glibc keeps freed activations instead of unmapping and re-faulting them every step. The harness
# sets the same for the python3-torch subprocess; here it serves libtorch inside the JVM (DJL),
# so both PyTorch set-ups run with the same allocator settings.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-1073741824}"
cp="$jar:$(cat "$module/target/classpath.txt")"
# JNA (DJL) loads native code; protobuf (ONNX model writer) uses sun.misc.Unsafe: allow both quietly.
jvm=(--add-modules jdk.incubator.vector -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED)
[ "$(java_major "$jdk")" -ge 23 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
# Before JDK 25 the kernels' vectors stay unboxed only with C2's cleanup after each round of
# inlining, where the JVM has the flag (see the convlab launcher).
cleanup=(-XX:+UnlockDiagnosticVMOptions -XX:+IncrementalInlineForceCleanup)
if [ "$(java_major "$jdk")" -lt 25 ] && "$jdk/bin/java" "${cleanup[@]}" -version >/dev/null 2>&1; then
    jvm+=("${cleanup[@]}")
fi
# --isa avx2: a stand-in for an AVX2 machine on a wider CPU. PyTorch's libraries (ATen, oneDNN,
# MKL in DJL's libtorch, OpenBLAS for Debian's) read these when they load, so they are set before
# the JVM starts; convlab is pinned to 256 bits and the JIT to AVX2's instructions and 16 vector
# registers (with AVX-512 it gives 256-bit vectors 32); ONNX Runtime has no such switch (HeldIsa).
held_variables=(ATEN_CPU_CAPABILITY ONEDNN_MAX_CPU_ISA DNNL_MAX_CPU_ISA MKL_ENABLE_INSTRUCTIONS OPENBLAS_CORETYPE)
if [ "$isa" = avx2 ]; then
    export ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 \
        OPENBLAS_CORETYPE=Haswell
    jvm+=(-Dconvlab.vector.bits=256 -XX:UseAVX=2)
elif [ "$isa" = native ]; then
    # Each engine's widest kernels: the same variables inherited from the environment would hold
    # some engines below it (a machine that sets OPENBLAS_CORETYPE=Haswell for every program held
    # OpenBLAS's 1024³ product to 126 GFLOP/s on a Zen 5, where its AVX-512 kernel gives 241-257).
    for v in "${held_variables[@]}"; do
        if [ -n "${!v:-}" ]; then
            echo "peers: --isa native: ignoring $v=${!v} from the environment (each engine runs its widest kernels; --isa avx2 holds them to AVX2)" >&2
            unset "$v"
        fi
    done
fi
# DJL logs through slf4j-simple: warnings only (PEERS_LOG=info shows where libtorch is extracted).
jvm+=(-Dorg.slf4j.simpleLogger.defaultLogLevel="${PEERS_LOG:-warn}" -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error)
exec "$jdk/bin/java" "${jvm[@]}" ${CONVLAB_JAVA_OPTS:-} \
    -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$first_threads" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dconvlab.peers.script="$root/tools/peers/torch_cpu_bench.py" \
    -cp "$cp" org.convlab.bench.peers.PeersMain "$@" \
    2> >(grep --line-buffered -v '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2)
