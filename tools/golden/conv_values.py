#!/usr/bin/python3
"""Outputs of PyTorch's Conv1d/Conv2d on small integer inputs, every padding mode: the check that
convlab's matrix K pads (reflect, replicate, circular, zeros) exactly as PyTorch does.

Run with the Python that has torch (on the build machine: /usr/bin/python3, torch 1.13):

    /usr/bin/python3 tools/golden/conv_values.py > algebra/src/test/resources/golden/conv_values.csv

Columns: dims, in_channels, out_channels, groups, input ("5" or "4x6"), kernel, stride, dilation,
padding ("valid", "same", "2" or "1;2"), padding_mode, then x, w and y as space-separated numbers
(row-major, batch left out). x and w are small integers, so y is exact in float32 and double.
"""
import random
import sys
import warnings

import torch

SEED = 1802
ROWS = 60


def main():
    warnings.simplefilter("ignore")
    rng = random.Random(SEED)
    out = sys.stdout
    out.write("dims,in_channels,out_channels,groups,input,kernel,stride,dilation,padding,padding_mode,x,w,y\n")
    written = 0
    while written < ROWS:
        dims = rng.choice((1, 2))
        groups = rng.choice((1, 1, 2))
        cin = groups * rng.randint(1, 2)
        cout = groups * rng.randint(1, 2)
        size = tuple(rng.randint(2, 7) for _ in range(dims))
        kernel = tuple(rng.randint(1, 4) for _ in range(dims))
        stride = tuple(rng.choice((1, 1, 2)) for _ in range(dims))
        dilation = tuple(rng.choice((1, 1, 2)) for _ in range(dims))
        mode = ("zeros", "reflect", "replicate", "circular")[written % 4]
        r = rng.random()
        if r < 0.2:
            padding, text = "valid", "valid"
        elif r < 0.4 and all(s == 1 for s in stride):
            padding, text = "same", "same"
        else:
            padding = tuple(rng.randint(0, 3) for _ in range(dims))
            text = ";".join(str(p) for p in padding) if dims == 2 else str(padding[0])
        conv = torch.nn.Conv1d if dims == 1 else torch.nn.Conv2d
        try:
            m = conv(cin, cout, kernel, stride=stride, padding=padding, dilation=dilation, groups=groups,
                     bias=False, padding_mode=mode).double()
            x = torch.tensor([rng.randint(-3, 3) for _ in range(cin * int(torch.tensor(size).prod()))],
                             dtype=torch.float64).reshape((1, cin) + size)
            w = torch.tensor([rng.randint(-3, 3) for _ in range(m.weight.numel())],
                             dtype=torch.float64).reshape(m.weight.shape)
            with torch.no_grad():
                m.weight.copy_(w)
                y = m(x)
        except (RuntimeError, ValueError):
            continue
        row = [dims, cin, cout, groups, "x".join(map(str, size)), "x".join(map(str, kernel)),
               "x".join(map(str, stride)), "x".join(map(str, dilation)), text, mode,
               " ".join(str(int(v)) for v in x.flatten().tolist()),
               " ".join(str(int(v)) for v in w.flatten().tolist()),
               " ".join(str(int(v)) for v in y.flatten().tolist())]
        out.write(",".join(str(v) for v in row) + "\n")
        written += 1


if __name__ == "__main__":
    main()
