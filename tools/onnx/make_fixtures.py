#!/usr/bin/python3
"""Writes the ONNX import fixtures: small PyTorch models exported by torch.onnx.export, with inputs and
PyTorch's logits, for convlab's onnx tests.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx 1.12):
    /usr/bin/python3 tools/onnx/make_fixtures.py onnx/src/test/resources/onnx
Everything is seeded, so a rerun writes the same models and the same numbers. For each model NAME:
    NAME.onnx         the model, batch dimension dynamic ("N")
    NAME_input.npy    float32 input, (3, C, H, W) or (3, C, L)
    NAME_logits.npy   float32 logits PyTorch computed for that input, (3, classes)
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ThreeLayerConvNet(nn.Module):
    """The notebook's model (as tools/golden/nn_golden.py), flattening with torch.flatten: one Flatten node."""

    def __init__(self, cin, c1, c2, classes, h, w):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc = nn.Linear(c2 * h * w, classes)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


class SmallMlp(nn.Module):
    """The notebook's ThreeLayerMLP, flattening with x.view(x.size(0), -1): Shape, Gather, Unsqueeze, Concat, Reshape."""

    def __init__(self, d, hidden, classes):
        super().__init__()
        self.fc1 = nn.Linear(d, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, classes)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def pooled_cnn():
    """Pools, a stride, a dilation, groups and nested names (features.0.weight) in an nn.Sequential."""
    features = nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3, stride=2, padding=2, dilation=2, groups=4),
        nn.ReLU(),
        nn.AvgPool2d(2),
    )
    return _Named(features, nn.Sequential(nn.Flatten(), nn.Linear(8 * 3 * 3, 10)))


class _Named(nn.Module):
    """features, then classifier: parameter names like features.0.weight, classifier.1.bias."""

    def __init__(self, features, classifier):
        super().__init__()
        self.features = features
        self.classifier = classifier

    def forward(self, x):
        return self.classifier(self.features(x))


class Conv1dNet(nn.Module):
    """A 1-D convolution with a stride, then a classifier; flattening by x.reshape(-1, D) (a constant shape)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(2, 4, 3, stride=2, padding=1)
        self.fc = nn.Linear(4 * 8, 5)

    def forward(self, x):
        return self.fc(F.relu(self.conv(x)).reshape(-1, 4 * 8))


def export(model, x, name, out_dir, opset):
    model.eval()
    with torch.no_grad():
        logits = model(x)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, opset_version=opset,
                      do_constant_folding=True)
    np.save(os.path.join(out_dir, name + "_input.npy"), x.numpy().astype("<f4"))
    np.save(os.path.join(out_dir, name + "_logits.npy"), logits.numpy().astype("<f4"))
    print(name, "->", path, tuple(logits.shape))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "onnx/src/test/resources/onnx"
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(14)
    export(ThreeLayerConvNet(1, 8, 4, 10, 28, 28), torch.randn(3, 1, 28, 28), "three_layer_convnet", out_dir, 14)
    torch.manual_seed(15)
    export(SmallMlp(28 * 28, 32, 10), torch.randn(3, 1, 28, 28), "small_mlp", out_dir, 13)
    torch.manual_seed(16)
    export(pooled_cnn(), torch.randn(3, 1, 28, 28), "pooled_cnn", out_dir, 13)
    torch.manual_seed(17)
    export(Conv1dNet(), torch.randn(3, 2, 16), "conv1d_net", out_dir, 13)


if __name__ == "__main__":
    main()
