#!/usr/bin/python3
"""convlab's lab protocol in PyTorch: the reference that `./convlab reproduce` shows beside its numbers.

Runs exactly the protocol of `./convlab reproduce` on Fashion-MNIST (Debian's dataset-fashion-mnist):
  - split: training = the first 59,000 images of the training files, validation = the last 1,000,
    test = all 10,000 test images (the sharing study: the first --sharing-train training images and
    the first --sharing-test test images);
  - normalisation: x = (p / 255 - mean) / std in float32, mean and population std over every pixel
    of the 59,000 training images (as convlab computes them);
  - models (convlab's nn/models and lab/train/ModelSpec, PyTorch's default initialisation, built
    after torch.manual_seed(seed)):
      cnn            conv1 5x5 pad 2 (1->32) -> ReLU -> conv2 3x3 pad 1 (32->16) -> ReLU -> fc (16*28*28 -> 10)
      mlp-H          fc1 (784->H) -> ReLU -> fc2 (H->H) -> ReLU -> fc3 (H->10), H = 100 and 4000
      linear         fc (784 -> 10)
      frozen-conv1   conv1 (frozen) -> ReLU -> fc (32*28*28 -> 10)
      frozen-cnn     cnn with conv1 and conv2 frozen at their initialisation
      frozen-mlp-100 mlp-100 with fc1 and fc2 frozen
      lc             cnn's windows unshared: lc1 weight (28, 28, 32, 1, 5, 5), bias (32, 28, 28), ...
  - training: cross-entropy, plain SGD lr 3e-3, batch 64 (last batch smaller), 2 epochs, a fresh
    shuffle per epoch from torch.Generator().manual_seed(seed); test accuracy at the end;
  - the sharing study's shifted test sets: each test image moved right by k and down by k pixels
    (k = 1..4), black (byte 0) filling the uncovered pixels, then normalised; accuracy at shift k
    is the mean of the two directions.

Usage (Debian's PyTorch 1.13 is /usr/bin/python3 with python3-torch):
  /usr/bin/python3 tools/reference/reference.py --out tools/reference/fashion-mnist.json
  /usr/bin/python3 tools/reference/reference.py --facts --out tools/reference/facts.json

The run writes its JSON after every finished training run and, started again with the same --out,
skips the runs already in it (so an interrupted run continues). The JSON records the environment
(torch version, CPU model, threads, wall time) so that convlab compares times only on the same CPU.
"""

import argparse
import gzip
import hashlib
import json
import math
import os
import platform
import re
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "convlab-reference/1"
DEFAULT_DIR = "/usr/share/datasets/fashion-mnist"
VALIDATION = 1000
CLASSES = 10
MAIN_MODELS = ["cnn", "mlp-100", "mlp-4000", "linear", "frozen-conv1", "frozen-cnn", "frozen-mlp-100"]
SHARING_MODELS = ["cnn", "lc", "mlp-100"]
MAX_SHIFT = 4


# ---------------------------------------------------------------- data

def read_idx(path, magic, dims):
    """An IDX file (gzip or plain) as a uint8 array; checks the magic number and the sizes."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 + 4 * dims:
        sys.exit(f"{path}: {len(raw)} bytes, too short for an IDX header")
    m = struct.unpack(">I", raw[:4])[0]
    if m != magic:
        sys.exit(f"{path}: magic {m:#x} at offset 0, expected {magic:#x}")
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    body = raw[4 + 4 * dims:]
    if len(body) != int(np.prod(shape)):
        sys.exit(f"{path}: {len(body)} bytes of data, expected {int(np.prod(shape))} for shape {shape}")
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)


def find(directory, stem):
    for name in (stem + ".gz", stem):
        p = os.path.join(directory, name)
        if os.path.exists(p):
            return p
    sys.exit(f"{directory}: no {stem} or {stem}.gz (apt-get install dataset-fashion-mnist)")


def load(directory):
    """(train images, train labels, test images, test labels) as uint8 arrays, images (N, 1, 28, 28)."""
    tr = read_idx(find(directory, "train-images-idx3-ubyte"), 0x803, 3)
    tl = read_idx(find(directory, "train-labels-idx1-ubyte"), 0x801, 1)
    te = read_idx(find(directory, "t10k-images-idx3-ubyte"), 0x803, 3)
    tel = read_idx(find(directory, "t10k-labels-idx1-ubyte"), 0x801, 1)
    return tr[:, None, :, :], tl, te[:, None, :, :], tel


def fingerprint_split(h, images, labels):
    """Feeds one split into h as convlab's DataFingerprint does: (N, C, H, W, classes) LE int32, pixels, labels."""
    n, c, hh, ww = images.shape
    h.update(struct.pack("<5i", n, c, hh, ww, CLASSES))
    h.update(np.ascontiguousarray(images).tobytes())
    h.update(np.ascontiguousarray(labels).tobytes())


def fingerprint(splits, mean, std):
    """convlab's DataFingerprint.of(DataSet): training, validation, test, then the normalisation's float bits."""
    h = hashlib.sha256()
    for images, labels in splits:
        fingerprint_split(h, images, labels)
    h.update(struct.pack("<i", 1) + struct.pack("<ff", mean, std))
    return "sha256:" + h.hexdigest()


def split_fingerprint(images, labels):
    h = hashlib.sha256()
    fingerprint_split(h, images, labels)
    return "sha256:" + h.hexdigest()


def normalisation(train_images):
    """Mean and population std of p / 255 over every pixel of the training split, as float32."""
    x = train_images.astype(np.float64) / 255.0
    return np.float32(x.mean()), np.float32(x.std())


def normalise(images, mean, std):
    """(p / 255 - mean) / std computed in float32 in that order (torchvision's ToTensor + Normalize)."""
    x = torch.from_numpy(images.astype(np.float32)) / 255.0
    return (x - torch.tensor(mean, dtype=torch.float32)) / torch.tensor(std, dtype=torch.float32)


def shifted(images, dy, dx):
    """Images (N, C, H, W) moved down by dy and right by dx, byte 0 filling the uncovered pixels."""
    out = np.zeros_like(images)
    h, w = images.shape[2], images.shape[3]
    out[:, :, dy:h, dx:w] = images[:, :, 0:h - dy, 0:w - dx]
    return out


# ---------------------------------------------------------------- models

class LocallyConnected2d(nn.Module):
    """Unshared convolution, size kept: weight (H, W, C_out, C_in, k, k), bias (C_out, H, W), both U(-b, b), b = 1/sqrt(C_in k k)."""

    def __init__(self, cin, cout, k, pad, h, w):
        super().__init__()
        self.k, self.pad, self.h, self.w, self.cout = k, pad, h, w, cout
        self.weight = nn.Parameter(torch.empty(h, w, cout, cin, k, k))
        self.bias = nn.Parameter(torch.empty(cout, h, w))
        bound = 1.0 / math.sqrt(cin * k * k)
        nn.init.uniform_(self.weight, -bound, bound)
        nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        cols = F.unfold(x, self.k, padding=self.pad)  # (N, C_in k k, H W)
        w = self.weight.reshape(self.h * self.w, self.cout, -1)  # (H W, C_out, C_in k k)
        y = torch.einsum("nkp,pok->nop", cols, w)
        return y.reshape(x.shape[0], self.cout, self.h, self.w) + self.bias


class Net(nn.Module):
    """A sequence of named layers, like convlab's Sequential (parameter names conv1.weight, fc.bias, ...)."""

    def __init__(self, layers):
        super().__init__()
        self.names = [name for name, _ in layers]
        for name, layer in layers:
            self.add_module(name, layer)

    def forward(self, x):
        for name in self.names:
            x = getattr(self, name)(x)
        return x


def build(model, c=1, h=28, w=28, c1=32, c2=16):
    """The model named like convlab's ModelSpec.id(), layers created (and initialised) in convlab's order."""
    if model in ("cnn", "frozen-cnn"):
        net = Net([("conv1", nn.Conv2d(c, c1, 5, padding=2)), ("relu1", nn.ReLU()),
                   ("conv2", nn.Conv2d(c1, c2, 3, padding=1)), ("relu2", nn.ReLU()),
                   ("flatten", nn.Flatten()), ("fc", nn.Linear(c2 * h * w, CLASSES))])
        if model == "frozen-cnn":
            freeze(net.conv1, net.conv2)
        return net
    if model.startswith("mlp-") or model.startswith("frozen-mlp-"):
        hidden = int(model.rsplit("-", 1)[1])
        net = Net([("flatten", nn.Flatten()), ("fc1", nn.Linear(c * h * w, hidden)), ("relu1", nn.ReLU()),
                   ("fc2", nn.Linear(hidden, hidden)), ("relu2", nn.ReLU()), ("fc3", nn.Linear(hidden, CLASSES))])
        if model.startswith("frozen-"):
            freeze(net.fc1, net.fc2)
        return net
    if model == "linear":
        return Net([("flatten", nn.Flatten()), ("fc", nn.Linear(c * h * w, CLASSES))])
    if model == "frozen-conv1":
        net = Net([("conv1", nn.Conv2d(c, c1, 5, padding=2)), ("relu1", nn.ReLU()), ("flatten", nn.Flatten()),
                   ("fc", nn.Linear(c1 * h * w, CLASSES))])
        freeze(net.conv1)
        return net
    if model == "lc":
        return Net([("lc1", LocallyConnected2d(c, c1, 5, 2, h, w)), ("relu1", nn.ReLU()),
                    ("lc2", LocallyConnected2d(c1, c2, 3, 1, h, w)), ("relu2", nn.ReLU()),
                    ("flatten", nn.Flatten()), ("fc", nn.Linear(c2 * h * w, CLASSES))])
    sys.exit(f"unknown model {model!r}")


def freeze(*layers):
    for layer in layers:
        for p in layer.parameters():
            p.requires_grad_(False)


def fan_in(name, p):
    """The fan-in PyTorch's default initialisation uses for this weight's layer (None for a bias: its weight's)."""
    if not name.endswith("weight"):
        return None
    if p.dim() == 6:  # locally connected weight (H, W, C_out, C_in, k, k)
        return p.shape[3] * p.shape[4] * p.shape[5]
    return int(np.prod(p.shape[1:]))


# ---------------------------------------------------------------- training

def accuracy(net, x, y, batch=1000):
    correct = 0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            correct += (net(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / x.shape[0]


def train(model, seed, x, y, xv, yv, epochs, lr, batch, log):
    """Trains one model with one seed; returns (net, validation accuracy per epoch, seconds)."""
    start = time.time()
    torch.manual_seed(seed)
    net = build(model)
    opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=lr)
    gen = torch.Generator().manual_seed(seed)
    n = x.shape[0]
    val = []
    for epoch in range(epochs):
        perm = torch.randperm(n, generator=gen)
        for b, i in enumerate(range(0, n, batch)):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = F.cross_entropy(net(x[idx]), y[idx])
            if not math.isfinite(loss.item()):
                sys.exit(f"{model} seed {seed}: loss {loss.item()} at epoch {epoch + 1}, batch {b + 1}")
            loss.backward()
            opt.step()
            if (b + 1) % 100 == 0:
                log(f"  {model} seed {seed} epoch {epoch + 1}/{epochs} batch {b + 1}/{(n + batch - 1) // batch}:"
                    f" loss {loss.item():.4f}, {time.time() - start:.0f} s")
        val.append(accuracy(net, xv, yv))
        log(f"  {model} seed {seed} epoch {epoch + 1}/{epochs}: validation {100 * val[-1]:.2f}%,"
            f" {time.time() - start:.0f} s")
    return net, val, time.time() - start


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = line.split(":", 1)[1].split()
                    return [x for x in ("avx2", "fma", "avx512f") if x in flags]
    except OSError:
        pass
    return []


def loaded_blas():
    """Real paths of the BLAS, LAPACK, OpenMP and oneDNN libraries mapped into this process."""
    torch.matmul(torch.ones(64, 64), torch.ones(64, 64))  # loads the BLAS before it is listed
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            path = fields[-1] if len(fields) >= 6 else ""
            if re.search(r"blas|lapack|gomp|iomp|dnnl|mkl", os.path.basename(path)):
                libs.add(os.path.realpath(path))
    return sorted(libs)


def environment(threads):
    return {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__,
            "cpu": cpu_model(), "cpu_flags": cpu_flags(), "cores": os.cpu_count(), "threads": threads,
            "blas_libraries": loaded_blas(),
            "malloc": {k: os.environ.get(k) for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")},
            "platform": platform.platform()}


def warn_slow_blas(log, env):
    """Debian's reference BLAS (libblas3 alone) is single-threaded and many times slower than OpenBLAS:
    the accuracies do not change, the times do, so say so before hours are spent."""
    netlib = [p for p in env["blas_libraries"] if "/blas/libblas" in p]
    if netlib:
        log("reference.py: PyTorch's linear layers run on the reference BLAS (%s), many times slower than "
            "OpenBLAS; accuracies are unaffected, times are not comparable. For fair times: "
            "apt-get install libopenblas0-openmp" % netlib[0])


def write(path, doc):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def seeds_arg(text):
    return [int(s) for s in text.split(",") if s]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DIR, help="folder of the Fashion-MNIST IDX files")
    ap.add_argument("--out", required=True, help="the JSON to write (and to continue, if it exists)")
    ap.add_argument("--facts", action="store_true", help="write the checkable facts only, no training")
    ap.add_argument("--seeds", type=seeds_arg, default=[7, 8, 9])
    ap.add_argument("--models", default=",".join(MAIN_MODELS))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--sharing-train", type=int, default=20000)
    ap.add_argument("--sharing-test", type=int, default=2000)
    ap.add_argument("--sharing-seeds", type=int, default=2, help="how many of --seeds the sharing study uses")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--redo-seeds", type=seeds_arg, default=[],
                    help="drop the runs of these seeds from --out and train them again (e.g. runs timed on a busy "
                         "machine); their training time is taken off wall_seconds")
    args = ap.parse_args()
    if not args.facts and "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        # glibc's malloc hands PyTorch's large per-step buffers back to the kernel after every step
        # (page faults on every step of the MLP-4000); these thresholds keep them, as the peers
        # benchmark does. Re-executed so that they apply from the start.
        env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="33554432", MALLOC_TRIM_THRESHOLD_="1073741824")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    torch.set_num_threads(args.threads)

    tr, trl, te, tel = load(args.data)
    n = tr.shape[0] - VALIDATION
    train_i, train_l = tr[:n], trl[:n]
    val_i, val_l = tr[n:], trl[n:]
    mean, std = normalisation(train_i)
    main_fp = fingerprint([(train_i, train_l), (val_i, val_l), (te, tel)], mean, std)
    st, se = args.sharing_train, args.sharing_test
    sharing_fp = fingerprint([(train_i[:st], train_l[:st]), (val_i, val_l), (te[:se], tel[:se])], mean, std)
    data = {"name": "Fashion-MNIST", "dir": args.data, "classes": CLASSES,
            "normalization": {"mean": float(mean), "std": float(std),
                              "computed_on": f"every pixel of the {n} training images"}}

    if args.facts:
        return facts(args, data, (train_i, train_l), (val_i, val_l), (te, tel), main_fp)

    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    doc = {"format": FORMAT, "what": "convlab's lab protocol in PyTorch (tools/reference/reference.py)",
           "data": data,
           "protocol": {"epochs": args.epochs, "lr": args.lr, "batch": args.batch, "optimizer": "sgd",
                        "init": "PyTorch default", "shuffle": "fresh permutation per epoch",
                        "channels": [32, 16]},
           "experiments": {
               "main": {"fingerprint": main_fp, "train_images": n, "validation_images": VALIDATION,
                        "test_images": int(te.shape[0]), "seeds": args.seeds, "models": args.models.split(",")},
               "sharing": {"fingerprint": sharing_fp, "train_images": st, "validation_images": VALIDATION,
                           "test_images": se, "seeds": args.seeds[:args.sharing_seeds], "models": SHARING_MODELS,
                           "max_shift": MAX_SHIFT}},
           "environment": environment(torch.get_num_threads()), "wall_seconds": 0.0, "runs": []}
    warn_slow_blas(log, doc["environment"])
    if os.path.exists(args.out):
        old = json.load(open(args.out))
        if old.get("experiments") == doc["experiments"] and old.get("protocol") == doc["protocol"]:
            doc["runs"] = old["runs"]
            doc["wall_seconds"] = old.get("wall_seconds", 0.0)
            redo = [r for r in doc["runs"] if r["seed"] in args.redo_seeds]
            if redo:
                doc["runs"] = [r for r in doc["runs"] if r["seed"] not in args.redo_seeds]
                doc["wall_seconds"] = round(doc["wall_seconds"] - sum(r["seconds"] for r in redo), 1)
                log(f"dropping {len(redo)} runs of seeds {args.redo_seeds} to train them again")
            log(f"continuing {args.out}: {len(doc['runs'])} runs done")
        else:
            log(f"{args.out} holds another protocol or data: starting afresh")
    done = {(r["experiment"], r["model"], r["seed"]) for r in doc["runs"]}
    xv, yv = normalise(val_i, mean, std), torch.from_numpy(val_l.astype(np.int64))
    xt, yt = normalise(te, mean, std), torch.from_numpy(tel.astype(np.int64))
    xs_test = {k: [normalise(shifted(te[:se], 0, k), mean, std), normalise(shifted(te[:se], k, 0), mean, std)]
               for k in range(1, MAX_SHIFT + 1)}

    def run(experiment, model, seed, x, y, xtest, ytest, shifts):
        if (experiment, model, seed) in done:
            return
        t0 = time.time()
        net, val, seconds = train(model, seed, x, y, xv, yv, args.epochs, args.lr, args.batch, log)
        r = {"experiment": experiment, "model": model, "seed": seed, "train_images": int(x.shape[0]),
             "test_images": int(xtest.shape[0]),
             "params": sum(p.numel() for p in net.parameters()),
             "trainable": sum(p.numel() for p in net.parameters() if p.requires_grad),
             "validation": val, "test_accuracy": accuracy(net, xtest, ytest), "seconds": round(seconds, 2)}
        if shifts:
            r["shifted"] = [r["test_accuracy"]] + [
                sum(accuracy(net, s, ytest[:se]) for s in xs_test[k]) / 2 for k in range(1, MAX_SHIFT + 1)]
        doc["runs"].append(r)
        doc["wall_seconds"] = round(doc["wall_seconds"] + time.time() - t0, 1)
        write(args.out, doc)
        log(f"{experiment} {model} seed {seed}: test {100 * r['test_accuracy']:.2f}% in {seconds:.0f} s")

    x, y = normalise(train_i, mean, std), torch.from_numpy(train_l.astype(np.int64))
    xs, ys = x[:st], y[:st]
    for i, seed in enumerate(args.seeds):  # seed by seed, so that an early stop leaves whole seeds
        for model in args.models.split(","):
            run("main", model, seed, x, y, xt, yt, False)
        if i < args.sharing_seeds:
            for model in SHARING_MODELS:
                run("sharing", model, seed, xs, ys, xt[:se], yt[:se], True)
    log(f"wrote {args.out}: {len(doc['runs'])} runs, {doc['wall_seconds']:.0f} s of training and testing")


def facts(args, data, train, val, test, main_fp):
    """The facts that can be checked without training: split, normalisation, parameter counts, initial weights."""
    def split(name, images, labels, first):
        return {"size": int(images.shape[0]), "first_index": first, "last_index": first + int(images.shape[0]) - 1,
                "of": name, "first_label": int(labels[0]), "last_label": int(labels[-1]),
                "fingerprint": split_fingerprint(images, labels)}
    n = train[0].shape[0]
    doc = {"format": FORMAT + "-facts", "what": "checkable facts of tools/reference/reference.py's protocol",
           "torch": torch.__version__, "data": data, "fingerprint": main_fp,
           "split": {"train": split("training files", *train, 0),
                     "validation": split("training files", *val, n),
                     "test": split("test files", *test, 0)},
           "seeds": args.seeds, "models": {}}
    for model in MAIN_MODELS + ["lc"]:
        nets = []
        for seed in args.seeds:
            torch.manual_seed(seed)
            nets.append(build(model))
        first = nets[0]
        layers = []
        weights = {}
        for name, p in first.named_parameters():
            fan = fan_in(name, p)
            if fan is not None:
                weights[name.rsplit(".", 1)[0]] = fan
        for name, p in first.named_parameters():
            fan = weights[name.rsplit(".", 1)[0]]
            values = torch.cat([dict(net.named_parameters())[name].detach().flatten() for net in nets]).double()
            layers.append({"name": name, "shape": list(p.shape), "fan_in": fan, "bound": 1.0 / math.sqrt(fan),
                           "trainable": p.requires_grad, "n": values.numel(),
                           "min": values.min().item(), "max": values.max().item(),
                           "mean": values.mean().item(), "std": values.std(unbiased=False).item()})
        doc["models"][model] = {"params": sum(p.numel() for p in first.parameters()),
                                "trainable": sum(p.numel() for p in first.parameters() if p.requires_grad),
                                "parameters": layers}
    write(args.out, doc)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
