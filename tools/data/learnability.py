#!/usr/bin/python3
"""How hard is a data set for the notebook's protocol? Trains the notebook's ThreeLayerConvNet and
ThreeLayerMLP with PyTorch (default initialisation, plain SGD lr 3e-3, batch 64, seed 7) on the four
IDX files in DIR and prints validation / test accuracy.

Used to calibrate convlab's synthetic glyphs so that a CNN and an MLP differ and both learn within
a minute.  Export the data first:  ./convlab data --data synthetic --export /tmp/syn
then:  /usr/bin/python3 tools/data/learnability.py /tmp/syn [--epochs 2] [--val 1000]
"""
import argparse, gzip, os, struct, time
import torch, torch.nn as nn, torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if open(path, 'rb').read(2) == b'\x1f\x8b' else open
    with opener(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('>I', data[:4])[0]
    rank = magic & 0xff
    dims = struct.unpack('>' + 'I' * rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def find(d, name):
    for n in (name, name + '.gz'):
        if os.path.exists(os.path.join(d, n)):
            return os.path.join(d, n)
    raise SystemExit('missing ' + name + ' in ' + d)


class ThreeLayerConvNet(nn.Module):
    def __init__(self, c, c1, c2, classes, side):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc = nn.Linear(c2 * side * side, classes)

    def forward(self, x):
        return self.fc(torch.flatten(F.relu(self.conv2(F.relu(self.conv1(x)))), 1))


class ThreeLayerMLP(nn.Module):
    def __init__(self, d, hidden, classes):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(d, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, classes)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))))


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('dir')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--val', type=int, default=1000)
    p.add_argument('--hidden', type=int, nargs='*', default=[100])
    p.add_argument('--no-cnn', action='store_true')
    a = p.parse_args()
    torch.set_num_threads(2)
    xtr = read_idx(find(a.dir, 'train-images-idx3-ubyte')).float().div(255).unsqueeze(1)
    ytr = read_idx(find(a.dir, 'train-labels-idx1-ubyte')).long()
    xte = read_idx(find(a.dir, 't10k-images-idx3-ubyte')).float().div(255).unsqueeze(1)
    yte = read_idx(find(a.dir, 't10k-labels-idx1-ubyte')).long()
    n = len(ytr) - a.val
    mean, std = xtr[:n].mean().item(), xtr[:n].std(unbiased=False).item()
    xtr, xte = (xtr - mean) / std, (xte - mean) / std
    side = xtr.shape[-1]
    models = [] if a.no_cnn else [('cnn', lambda: ThreeLayerConvNet(1, 32, 16, 10, side))]
    models += [('mlp-%d' % h, (lambda h=h: ThreeLayerMLP(side * side, h, 10))) for h in a.hidden]
    for name, make in models:
        torch.manual_seed(7)
        model = make()
        opt = torch.optim.SGD(model.parameters(), lr=3e-3)
        g = torch.Generator().manual_seed(7)
        t0 = time.time()
        for epoch in range(a.epochs):
            perm = torch.randperm(n, generator=g)
            for i in range(0, n, 64):
                idx = perm[i:i + 64]
                opt.zero_grad()
                F.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
                opt.step()
            print('%-8s epoch %d  val %.3f  (%.0f s)' % (name, epoch + 1, accuracy(model, xtr[n:], ytr[n:]),
                                                     time.time() - t0), flush=True)
        params = sum(p.numel() for p in model.parameters())
        print('%-8s test %.3f  params %d' % (name, accuracy(model, xte, yte), params), flush=True)


if __name__ == '__main__':
    main()
