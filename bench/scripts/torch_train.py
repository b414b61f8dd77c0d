#!/usr/bin/python3
"""Training images/s of PyTorch (Debian's python3-torch) on the models convlab bench times.

One SGD step = forward, cross-entropy, backward, update; batch 64; the first layer's input needs
no gradient (as in convlab bench). Run with the OpenMP build of OpenBLAS and glibc's malloc
thresholds raised (fresh processes otherwise re-fault their activations every step):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 \
      MALLOC_TRIM_THRESHOLD_=1073741824 /usr/bin/python3 bench/scripts/torch_train.py --threads 1
Each figure is the median of 7 timed runs of a few steps after warm-up.
"""
import argparse
import time

import torch
import torch.nn as nn


class ThreeLayerConvNet(nn.Module):
    def __init__(self, c, h, w, c1=32, c2=16, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc = nn.Linear(c2 * h * w, classes)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


def mlp(inputs, hidden, classes=10):
    return nn.Sequential(nn.Flatten(), nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, classes))


def images_per_second(model, shape, steps, clock, repeats=7, batch=64):
    torch.manual_seed(7)
    x = torch.rand(batch, *shape) * 2 - 1
    y = torch.arange(batch) % 10
    opt = torch.optim.SGD(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    for _ in range(3 * steps):
        step()
    rates = []
    for _ in range(repeats):
        t = clock()
        for _ in range(steps):
            step()
        rates.append(batch * steps / (clock() - t))
    rates.sort()
    return rates[len(rates) // 2]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--cpu-time", action="store_true",
                   help="time by the calling thread's CPU time (1 thread only), as convlab bench --cpu-time")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    clock = time.thread_time if args.cpu_time and args.threads == 1 else time.perf_counter
    print(f"torch {torch.__version__}, {args.threads} thread(s), {'thread CPU time' if clock is time.thread_time else 'wall clock'}")
    for name, model, shape, steps in [
        ("ThreeLayerConvNet 3x32x32", ThreeLayerConvNet(3, 32, 32), (3, 32, 32), 5),
        ("ThreeLayerConvNet 1x28x28", ThreeLayerConvNet(1, 28, 28), (1, 28, 28), 5),
        ("MLP 3072-4000-4000-10", mlp(3072, 4000), (3072,), 2),
    ]:
        print(f"{name:28s} {images_per_second(model, shape, steps, clock):8.0f} images/s")


if __name__ == "__main__":
    main()
