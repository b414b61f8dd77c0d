#!/usr/bin/python3
"""Output shapes of PyTorch's Conv1d/Conv2d on random configurations, refusals included.

Run with the Python that has torch (on the build machine: /usr/bin/python3, torch 1.13):

    /usr/bin/python3 tools/golden/conv_shapes.py > algebra/src/test/resources/golden/conv_shapes.csv

Each row is one configuration given to torch.nn.Conv1d/Conv2d and run forward on a zero
input of shape (1, C_in, *input). Columns:

    dims          1 or 2 spatial dimensions
    in_channels   C_in
    out_channels  C_out
    groups        groups
    input         spatial input size, "9" or "28x30"
    kernel        "3" or "3x5" (H x W)
    stride        "1" or "2x1"
    dilation      "1" or "1x2"
    padding       "valid", "same", "2" or "1;2" (PyTorch's tuple: symmetric per axis)
    padding_mode  zeros, reflect, replicate, circular
    output        the output shape without the batch, "4x7" or "4x7x9"; empty when refused
    refusal       empty, or why PyTorch refused: kernel (the dilated kernel does not fit the padded
                  input), same-stride, groups-in, groups-out, reflect-pad, circular-pad, other

The rows are deterministic for the fixed seed below.

With the argument conv1d-channels it writes the Conv1d-with-channels case set instead, the
shapes the command line's --in-channels C --input L must give (PyTorch's (C_out, L_out)):

    /usr/bin/python3 tools/golden/conv_shapes.py conv1d-channels \
        > app/src/test/resources/golden/conv1d_channels.csv

Its columns are those above without dims (always 1); every row has 2..16 input channels.
"""
import random
import sys

import warnings

import torch

SEED = 20230214
ROWS = 1200


def per_axis(rng, dims, lo, hi, anisotropic=0.3):
    if dims == 2 and rng.random() < anisotropic:
        return tuple(rng.randint(lo, hi) for _ in range(dims))
    v = rng.randint(lo, hi)
    return v if dims == 1 else (v, v)


def text(v):
    if isinstance(v, tuple):
        return "x".join(str(a) for a in v)
    return str(v)


def classify(message):
    m = message.lower()
    if "kernel size can't be greater" in m:
        return "kernel"
    if "not supported for strided" in m:
        return "same-stride"
    if "in_channels must be divisible" in m:
        return "groups-in"
    if "out_channels must be divisible" in m:
        return "groups-out"
    if "padding size should be less than" in m:
        return "reflect-pad"
    if "wrapping around more than once" in m:
        return "circular-pad"
    return "other"


def config(rng):
    dims = rng.choice((1, 2))
    groups = rng.choice((1, 1, 1, 2, 3, 4))
    if rng.random() < 0.9:
        cin = groups * rng.randint(1, 3)
        cout = groups * rng.randint(1, 3)
    else:
        cin = rng.randint(1, 8)
        cout = rng.randint(1, 8)
    big = rng.random() < 0.15
    size = per_axis(rng, dims, 1, 300 if big else 24)
    kernel = per_axis(rng, dims, 1, 7)
    stride = per_axis(rng, dims, 1, 4) if rng.random() < 0.6 else (1 if dims == 1 else (1, 1))
    dilation = per_axis(rng, dims, 1, 3) if rng.random() < 0.4 else (1 if dims == 1 else (1, 1))
    r = rng.random()
    if r < 0.2:
        padding = "valid"
    elif r < 0.4:
        padding = "same"
    elif r < 0.8 or dims == 1:
        padding = rng.randint(0, 5)
    else:
        padding = (rng.randint(0, 4), rng.randint(0, 4))
    mode = rng.choice(("zeros", "zeros", "reflect", "replicate", "circular"))
    return dims, cin, cout, groups, size, kernel, stride, dilation, padding, mode


def run(dims, cin, cout, groups, size, kernel, stride, dilation, padding, mode):
    conv = (torch.nn.Conv1d if dims == 1 else torch.nn.Conv2d)
    try:
        m = conv(cin, cout, kernel, stride=stride, padding=padding, dilation=dilation, groups=groups,
                 bias=False, padding_mode=mode)
        spatial = size if isinstance(size, tuple) else (size,)
        with torch.no_grad():
            y = m(torch.zeros((1, cin) + spatial))
        return "x".join(str(v) for v in y.shape[1:]), ""
    except (RuntimeError, ValueError) as e:
        return "", classify(str(e))


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    out.write("dims,in_channels,out_channels,groups,input,kernel,stride,dilation,padding,padding_mode,output,refusal\n")
    for _ in range(ROWS):
        c = config(rng)
        dims, cin, cout, groups, size, kernel, stride, dilation, padding, mode = c
        shape, refusal = run(*c)
        pad = ";".join(str(p) for p in padding) if isinstance(padding, tuple) else str(padding)
        out.write(",".join(str(v) for v in (dims, cin, cout, groups, text(size), text(kernel), text(stride),
                                            text(dilation), pad, mode, shape, refusal)) + "\n")


CONV1D_SEED = 20231016
CONV1D_ROWS = 240


def conv1d_config(rng):
    groups = rng.choice((1, 1, 2, 3, 4))
    if rng.random() < 0.9:
        cin = groups * rng.randint(1, 4)
        cout = groups * rng.randint(1, 4)
    else:
        cin = rng.randint(2, 16)
        cout = rng.randint(1, 16)
    cin = max(cin, 2) if groups == 1 else cin
    size = rng.randint(1, 40)
    kernel = rng.randint(1, 9)
    stride = rng.randint(1, 4) if rng.random() < 0.6 else 1
    dilation = rng.randint(1, 3) if rng.random() < 0.4 else 1
    r = rng.random()
    padding = "valid" if r < 0.25 else "same" if r < 0.45 else rng.randint(0, 5)
    mode = rng.choice(("zeros", "zeros", "reflect", "replicate", "circular"))
    return 1, cin, cout, groups, size, kernel, stride, dilation, padding, mode


def conv1d_channels():
    rng = random.Random(CONV1D_SEED)
    out = sys.stdout
    out.write("in_channels,out_channels,groups,input,kernel,stride,dilation,padding,padding_mode,output,refusal\n")
    for _ in range(CONV1D_ROWS):
        c = conv1d_config(rng)
        shape, refusal = run(*c)
        out.write(",".join(str(v) for v in c[1:] + (shape, refusal)) + "\n")


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    if sys.argv[1:] == ["conv1d-channels"]:
        conv1d_channels()
    elif sys.argv[1:]:
        sys.exit("usage: conv_shapes.py [conv1d-channels]")
    else:
        main()
