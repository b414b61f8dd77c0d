#!/usr/bin/python3
"""Golden values from PyTorch for the 3x3 convolutions convlab runs in Winograd's form.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/golden/winograd_golden.py
Writes nn/src/test/resources/golden/winograd.json: for each case the layer's hyper-parameters
(in convlab's spelling), the input x, weight, bias, PyTorch's output y (its rectified values
are max(y, 0)), an output gradient dy and the input gradient dx; then "repeats": the batch
x repeated that many times is large enough for convlab's Vector API kernels (which send calls
under 4e6 multiply-adds to the im2col path), and dweight and dbias are PyTorch's gradients of
that repeated batch under dy repeated alike. The Java test (GoldenWinogradTest) runs the
repeated batch through convlab's Inference.of and through the layer's forward and backward, all
in Winograd's F(2x2, 3x3) form, and holds Tolerance.F32_WINOGRAD.
The format of the tensors is nn_golden.py's.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(20261204)
torch.set_num_threads(1)

# convlab's SimdConv.MIN_DIRECT_FLOPS: smaller calls take the im2col path, not the form.
MIN_FLOPS = 4.2e6

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "nn", "src", "test", "resources",
                   "golden", "winograd.json")


def t(x):
    """A tensor, each value the shortest decimal that reads back as the same float32."""
    x = x.detach().contiguous()
    return {"shape": list(x.shape), "data": RawFloats(x.reshape(-1).tolist())}


class RawFloats(list):
    pass


def dumps(v):
    if isinstance(v, RawFloats):
        return "[" + ",".join(str(np.float32(x)) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    return json.dumps(v)


def case(name, n, c, f, h, w, padding, bias=True):
    m = nn.Conv2d(c, f, 3, padding=padding, bias=bias)
    x = torch.randn(n, c, h, w)
    y = m(x)
    dy = torch.randn_like(y)
    repeats = math.ceil(MIN_FLOPS / (2 * y.numel() * c * 9))
    xr = x.repeat(repeats, 1, 1, 1).requires_grad_()
    m.zero_grad()
    m(xr).backward(dy.repeat(repeats, 1, 1, 1))
    out = {"name": name, "in": c, "out": f, "padding": str(padding), "bias": bias,
           "x": t(x), "weight": t(m.weight), "y": t(y), "dy": t(dy), "dx": t(xr.grad[:n]),
           "repeats": repeats, "dweight": t(m.weight.grad)}
    if bias:
        out["bias_value"] = t(m.bias)
        out["dbias"] = t(m.bias.grad)
    return out


cases = [
    case("notebook's 32->16, 6x6", 1, 32, 16, 6, 6, 1),
    case("16->12 odd 5x11", 1, 16, 12, 5, 11, 1),
    case("8->9 7x6 no padding", 3, 8, 9, 7, 6, 0),
    case("12->10 5x37 padding 2", 1, 12, 10, 5, 37, 2),
    case("40->8 wide 3x12 no bias", 1, 40, 8, 3, 12, 1, bias=False),
]
with open(OUT, "w") as out:
    out.write(dumps({"generator": "tools/golden/winograd_golden.py", "torch": torch.__version__, "cases": cases}) + "\n")
print("wrote", OUT, len(cases), "cases")
