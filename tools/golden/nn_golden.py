#!/usr/bin/python3
"""Golden values from PyTorch for convlab's engine (nn module tests).

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/golden/nn_golden.py
Writes small JSON files to nn/src/test/resources/golden/:

  conv2d.json conv1d.json locally_connected.json pool.json linear.json relu.json
  cross_entropy.json training.json

Every layer case holds its hyper-parameters (in convlab's spelling), the input x, the
parameters, the output y, an upstream gradient dy and the gradients PyTorch computes for
the loss L = sum(y * dy): dx, dweight, dbias. A tensor is {"shape": [...], "data": [...]}
(row-major float32 values, each written as the shortest decimal that reads back as the same
float32, e.g. 0.12345679; parse it to the nearest float32).

training.json holds a tiny ThreeLayerConvNet (initial weights drawn by PyTorch), a batch,
and for several optimiser settings the loss, the gradients of the first step and the
parameters after each of three steps.

PyTorch has no locally connected layer: it is computed here from F.pad + F.unfold with
convlab's weight layout (OH, OW, C_out, C_in, kH, kW) and bias (C_out, OH, OW).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(20240601)
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "nn", "src", "test", "resources",
                   "golden")


class F32:
    """A float32 written as its shortest round-trip decimal."""

    def __init__(self, v):
        self.text = str(np.float32(v))


def t(x):
    x = x.detach().contiguous()
    return {"shape": list(x.shape), "data": [F32(v) for v in x.reshape(-1).tolist()]}


def dumps(v):
    if isinstance(v, F32):
        return v.text
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    return json.dumps(v)


def rand(*shape, scale=1.0):
    return ((torch.rand(*shape) * 2 - 1) * scale).float()


def write(name, cases, **extra):
    doc = {"generator": "tools/golden/nn_golden.py", "torch": torch.__version__, "cases": cases}
    doc.update(extra)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(dumps(doc) + "\n")
    print("wrote", name, len(cases), "cases")


def pad_mode(mode):
    return "constant" if mode == "zeros" else mode


# ---------------------------------------------------------------- convolution

def conv_case(name, dims, n, c, f, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True, mode="zeros",
              size=None, unbatched=False, explicit=None):
    """padding: int, tuple per axis, or 'same'/'valid' (done by torch's ConvNd);
    explicit: per-side amounts (T,B,L,R) for 2-D or (L,R) for 1-D (done by F.pad + ConvNd(padding=0))."""
    Conv = nn.Conv2d if dims == 2 else nn.Conv1d
    if explicit is None:
        m = Conv(c, f, kernel, stride=stride, padding=padding, dilation=dilation, groups=groups, bias=bias,
                 padding_mode=mode)
        spec = padding if isinstance(padding, str) else ",".join(str(p) for p in (
            padding if isinstance(padding, tuple) else (padding,)))
    else:
        m = Conv(c, f, kernel, stride=stride, padding=0, dilation=dilation, groups=groups, bias=bias)
        spec = ",".join(str(p) for p in explicit)
    shape = ([] if unbatched else [n]) + [c] + list(size)
    x = rand(*shape).requires_grad_(True)
    if explicit is None:
        y = m(x)
    else:
        torch_pad = (explicit[2], explicit[3], explicit[0], explicit[1]) if dims == 2 else tuple(explicit)
        y = m(F.pad(x, torch_pad, mode=pad_mode(mode)))
    dy = rand(*y.shape)
    (y * dy).sum().backward()
    k = kernel if isinstance(kernel, tuple) else (kernel,) * dims
    s = stride if isinstance(stride, tuple) else (stride,) * dims
    d = dilation if isinstance(dilation, tuple) else (dilation,) * dims
    case = {"name": name, "dims": dims, "in": c, "out": f, "kernel": list(k), "stride": list(s), "dilation": list(d),
            "padding": spec, "groups": groups, "bias": bias, "padding_mode": mode,
            "x": t(x), "weight": t(m.weight), "y": t(y), "dy": t(dy), "dx": t(x.grad), "dweight": t(m.weight.grad)}
    if bias:
        case["bias_value"] = t(m.bias)
        case["dbias"] = t(m.bias.grad)
    return case


conv2d = [
    conv_case("3x3 pad 1", 2, 2, 3, 4, 3, padding=1, size=(7, 6)),
    conv_case("5x5 stride 2 pad 1, C=1", 2, 2, 1, 3, 5, stride=2, padding=1, size=(9, 8)),
    conv_case("dilation 2 pad 2", 2, 2, 2, 3, 3, padding=2, dilation=2, size=(7, 7)),
    conv_case("groups 2, stride (2,1), pad (1,0)", 2, 2, 4, 6, 3, stride=(2, 1), padding=(1, 0), groups=2,
              size=(7, 6)),
    conv_case("depthwise x2", 2, 2, 3, 6, 3, padding=1, groups=3, size=(5, 6)),
    conv_case("even kernel 2x4 same", 2, 2, 2, 3, (2, 4), padding="same", size=(5, 7)),
    conv_case("even kernel 4 valid stride 3", 2, 2, 2, 2, 4, stride=3, size=(10, 9)),
    conv_case("stride 3 > kernel 2", 2, 1, 3, 2, 2, stride=3, size=(8, 7)),
    conv_case("1x1 no bias", 2, 3, 5, 4, 1, bias=False, size=(3, 4)),
    conv_case("reflect pad 2", 2, 2, 2, 3, 3, padding=2, mode="reflect", size=(5, 6)),
    conv_case("replicate pad (1,2)", 2, 2, 2, 2, 3, padding=(1, 2), mode="replicate", size=(5, 4)),
    conv_case("circular pad 1 stride 2", 2, 2, 2, 3, 3, stride=2, padding=1, mode="circular", size=(6, 7)),
    conv_case("asymmetric zeros 1,0,2,3", 2, 2, 2, 3, 3, explicit=(1, 0, 2, 3), size=(5, 5)),
    conv_case("asymmetric reflect 2,1,0,1", 2, 2, 1, 2, 3, explicit=(2, 1, 0, 1), mode="reflect", size=(5, 4)),
    conv_case("same reflect dilation 2", 2, 1, 2, 2, 3, padding="same", dilation=2, mode="reflect", size=(6, 6)),
    conv_case("unbatched", 2, 1, 3, 2, 3, padding=1, size=(4, 5), unbatched=True),
]
conv1d = [
    conv_case("k3 pad 1", 1, 2, 3, 4, 3, padding=1, size=(9,)),
    conv_case("stride 2 dilation 2", 1, 3, 2, 3, 3, stride=2, dilation=2, size=(13,)),
    conv_case("groups 2", 1, 2, 4, 2, 3, groups=2, size=(8,)),
    conv_case("reflect pad 2", 1, 2, 1, 2, 5, padding=2, mode="reflect", size=(7,)),
    conv_case("circular pad 1", 1, 2, 2, 2, 3, padding=1, mode="circular", size=(6,)),
    conv_case("even kernel 4 same", 1, 2, 2, 3, 4, padding="same", size=(9,)),
    conv_case("asymmetric replicate 2,1", 1, 2, 2, 2, 3, explicit=(2, 1), mode="replicate", size=(6,)),
    conv_case("unbatched no bias", 1, 1, 2, 3, 2, bias=False, size=(5,), unbatched=True),
]
os.makedirs(OUT, exist_ok=True)
write("conv2d.json", conv2d)
write("conv1d.json", conv1d)


# ---------------------------------------------------------------- locally connected

def lc_forward(x, w, b, dims, kernel, stride, dilation, sides, mode):
    """x (N, C, *size); w (*out, F, C, *kernel); b (F, *out) or None; sides: T,B,L,R or L,R."""
    if dims == 1:
        x = x.unsqueeze(2)
        kernel, stride, dilation = (1,) + kernel, (1,) + stride, (1,) + dilation
        sides = (0, 0) + tuple(sides)
    n, c, h, wd = x.shape
    xp = F.pad(x, (sides[2], sides[3], sides[0], sides[1]), mode=pad_mode(mode))
    cols = F.unfold(xp, kernel, dilation=dilation, stride=stride)  # (N, C*kh*kw, P)
    p = cols.shape[2]
    f = w.shape[dims]
    y = torch.einsum("nkp,pfk->nfp", cols, w.reshape(p, f, -1))
    if b is not None:
        y = y + b.reshape(f, p)
    oh = (h + sides[0] + sides[1] - dilation[0] * (kernel[0] - 1) - 1) // stride[0] + 1
    ow = (wd + sides[2] + sides[3] - dilation[1] * (kernel[1] - 1) - 1) // stride[1] + 1
    y = y.reshape(n, f, oh, ow)
    return y.squeeze(2) if dims == 1 else y


def lc_case(name, dims, n, c, f, kernel, size, stride=None, dilation=None, sides=None, spec="valid", bias=True,
            mode="zeros", unbatched=False):
    kernel = tuple(kernel)
    stride = tuple(stride or (1,) * dims)
    dilation = tuple(dilation or (1,) * dims)
    sides = tuple(sides or (0,) * (2 * dims))
    out = []
    for a in range(dims):
        before, after = sides[2 * a], sides[2 * a + 1]
        out.append((size[a] + before + after - dilation[a] * (kernel[a] - 1) - 1) // stride[a] + 1)
    fan_in = c
    for k in kernel:
        fan_in *= k
    bound = fan_in ** -0.5
    w = rand(*out, f, c, *kernel, scale=bound).requires_grad_(True)
    b = rand(f, *out, scale=bound).requires_grad_(True) if bias else None
    x = rand(*([n] if not unbatched else []), c, *size).requires_grad_(True)
    xb = x if not unbatched else x.unsqueeze(0)
    y = lc_forward(xb, w, b, dims, kernel, stride, dilation, sides, mode)
    if unbatched:
        y = y.squeeze(0)
    dy = rand(*y.shape)
    (y * dy).sum().backward()
    case = {"name": name, "dims": dims, "in": c, "out": f, "kernel": list(kernel), "stride": list(stride),
            "dilation": list(dilation), "padding": spec, "groups": 1, "bias": bias, "padding_mode": mode,
            "size": list(size), "x": t(x), "weight": t(w), "y": t(y), "dy": t(dy), "dx": t(x.grad),
            "dweight": t(w.grad)}
    if bias:
        case["bias_value"] = t(b)
        case["dbias"] = t(b.grad)
    return case


lc = [
    lc_case("2d 3x3 valid", 2, 2, 2, 3, (3, 3), (5, 6)),
    lc_case("2d 3x3 same", 2, 2, 2, 3, (3, 3), (4, 5), sides=(1, 1, 1, 1), spec="same"),
    lc_case("2d 5x5 pad 2, C=1", 2, 3, 1, 2, (5, 5), (5, 5), sides=(2, 2, 2, 2), spec="2"),
    lc_case("2d 2x2 stride 2 no bias", 2, 2, 3, 2, (2, 2), (6, 5), stride=(2, 2), bias=False),
    lc_case("2d reflect pad 1 dilation 2", 2, 2, 2, 2, (3, 3), (5, 5), dilation=(2, 2), sides=(1, 1, 1, 1), spec="1",
            mode="reflect"),
    lc_case("2d even kernel 2x4 same (asymmetric)", 2, 2, 2, 2, (2, 4), (4, 6), sides=(0, 1, 1, 2), spec="same"),
    lc_case("2d unbatched", 2, 1, 2, 2, (3, 3), (4, 4), sides=(1, 1, 1, 1), spec="same", unbatched=True),
    lc_case("1d k3 valid", 1, 2, 2, 3, (3,), (7,)),
    lc_case("1d k4 same (asymmetric) circular", 1, 2, 2, 2, (4,), (6,), sides=(1, 2), spec="same", mode="circular"),
]
write("locally_connected.json", lc)


# ---------------------------------------------------------------- pooling

def pool_case(name, kind, n, c, size, kernel, stride=None, padding=0, dilation=1, include=True, unbatched=False):
    if kind == "max":
        m = nn.MaxPool2d(kernel, stride=stride, padding=padding, dilation=dilation)
    else:
        m = nn.AvgPool2d(kernel, stride=stride, padding=padding, count_include_pad=include)
    pair = lambda v: list(v) if isinstance(v, tuple) else [v, v]
    x = rand(*([] if unbatched else [n]), c, *size).requires_grad_(True)
    y = m(x)
    dy = rand(*y.shape)
    (y * dy).sum().backward()
    return {"name": name, "kind": kind, "kernel": pair(kernel), "stride": pair(stride if stride is not None else kernel),
            "padding": pair(padding), "dilation": pair(dilation), "count_include_pad": include,
            "x": t(x), "y": t(y), "dy": t(dy), "dx": t(x.grad)}


pool = [
    pool_case("max 2 stride 2", "max", 2, 3, (6, 7), 2),
    pool_case("max 3 stride 2 pad 1", "max", 2, 2, (7, 6), 3, stride=2, padding=1),
    pool_case("max (2,3) stride (1,2) dilation 2", "max", 2, 2, (7, 8), (2, 3), stride=(1, 2), dilation=2),
    pool_case("max unbatched", "max", 1, 2, (4, 5), 2, stride=1, unbatched=True),
    pool_case("avg 2 stride 2", "avg", 2, 3, (6, 7), 2),
    pool_case("avg 3 stride 2 pad 1 count_include_pad", "avg", 2, 2, (7, 6), 3, stride=2, padding=1),
    pool_case("avg 3 stride 1 pad 1 exclude pad", "avg", 2, 2, (5, 5), 3, stride=1, padding=1, include=False),
    pool_case("avg (3,2) stride (2,1) pad (1,0)", "avg", 2, 2, (7, 5), (3, 2), stride=(2, 1), padding=(1, 0)),
]
write("pool.json", pool)


# ---------------------------------------------------------------- linear, relu, cross-entropy

def linear_case(name, lead, i, o, bias=True):
    m = nn.Linear(i, o, bias=bias)
    x = rand(*lead, i).requires_grad_(True)
    y = m(x)
    dy = rand(*y.shape)
    (y * dy).sum().backward()
    case = {"name": name, "in": i, "out": o, "bias": bias, "x": t(x), "weight": t(m.weight), "y": t(y), "dy": t(dy),
            "dx": t(x.grad), "dweight": t(m.weight.grad)}
    if bias:
        case["bias_value"] = t(m.bias)
        case["dbias"] = t(m.bias.grad)
    return case


write("linear.json", [
    linear_case("batch 4, 7 -> 5", [4], 7, 5),
    linear_case("no bias", [3], 6, 2, bias=False),
    linear_case("unbatched", [], 5, 3),
    linear_case("leading dims (2, 3)", [2, 3], 4, 6),
])

x = rand(3, 4, 5).requires_grad_(True)
y = torch.relu(x)
dy = rand(*y.shape)
(y * dy).sum().backward()
write("relu.json", [{"name": "relu", "x": t(x), "y": t(y), "dy": t(dy), "dx": t(x.grad)}])


def ce_case(name, n, k, scale, unbatched=False):
    z = rand(*([] if unbatched else [n]), k, scale=scale).requires_grad_(True)
    labels = torch.randint(0, k, ([] if unbatched else [n]))
    loss = F.cross_entropy(z, labels)
    loss.backward()
    return {"name": name, "logits": t(z), "labels": [int(v) for v in labels.reshape(-1).tolist()],
            "loss": float(loss), "dlogits": t(z.grad)}


write("cross_entropy.json", [
    ce_case("5 x 7", 5, 7, 3.0),
    ce_case("large logits 4 x 3", 4, 3, 60.0),
    ce_case("unbatched 6 classes", 1, 6, 2.0, unbatched=True),
])


# ---------------------------------------------------------------- training steps

class ThreeLayerConvNet(nn.Module):
    def __init__(self, cin, c1, c2, classes, h, w):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc = nn.Linear(c2 * h * w, classes)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


CIN, C1, C2, CLASSES, H, W, N = 2, 3, 4, 5, 6, 5, 4
base = ThreeLayerConvNet(CIN, C1, C2, CLASSES, H, W)
names = [name for name, _ in base.named_parameters()]
initial = {name: t(p) for name, p in base.named_parameters()}
batch = rand(N, CIN, H, W, scale=2.0)
labels = torch.randint(0, CLASSES, (N,))

settings = [
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.05, "momentum": 0.9}),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.1, "weight_decay": 0.001}),
    ("adam", {"lr": 0.01}),
    ("adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.01}),
    ("sgd-frozen-convs", {"lr": 0.1, "momentum": 0.9}),
]
runs = []
for kind, kw in settings:
    model = ThreeLayerConvNet(CIN, C1, C2, CLASSES, H, W)
    model.load_state_dict(base.state_dict())
    if kind == "sgd-frozen-convs":
        for p in list(model.conv1.parameters()) + list(model.conv2.parameters()):
            p.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, **kw) if kind == "adam" else torch.optim.SGD(params, **kw)
    losses, after, first_grads = [], [], None
    for step in range(3):
        opt.zero_grad()
        loss = F.cross_entropy(model(batch), labels)
        loss.backward()
        if step == 0:
            first_grads = {name: t(p.grad) for name, p in model.named_parameters() if p.grad is not None}
        opt.step()
        losses.append(float(loss))
        after.append({name: t(p) for name, p in model.named_parameters()})
    options = dict(kw)
    if "betas" in options:
        options["betas"] = list(options["betas"])
    runs.append({"optimizer": kind, "options": options, "losses": losses, "first_grads": first_grads,
                 "params_after_step": after})

write("training.json", runs, model={"in": CIN, "c1": C1, "c2": C2, "classes": CLASSES, "height": H, "width": W},
      parameter_names=names, initial=initial, x=t(batch), labels=[int(v) for v in labels.tolist()])
