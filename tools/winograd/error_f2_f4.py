#!/usr/bin/python3
"""The float32 error of Winograd's F(2x2, 3x3) form (convlab's) and of F(4x4, 3x3) (a candidate:
2.25 multiply-adds per output instead of 4) on the ConvNets' 32->16 3x3 layer, pad 1, 28 x 28
inputs shaped like rectifier outputs and He-initialised filters, against a float64 direct
correlation. The transforms are the standard ones (Lavin and Gray); the filters are transformed in
float64 and rounded once, as convlab does; the sums' order is numpy's, not convlab's, so the
figures are magnitudes, not convlab's bits. Compare with Tolerance.F32_WINOGRAD (5e-5).

    /usr/bin/python3 tools/winograd/error_f2_f4.py
"""
import numpy as np

rng = np.random.default_rng(7)
def mats(m):
    if m == 2:
        BT = np.array([[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]], dtype=np.float64)
        G = np.array([[1,0,0],[.5,.5,.5],[.5,-.5,.5],[0,0,1]], dtype=np.float64)
        AT = np.array([[1,1,1,0],[0,1,-1,-1]], dtype=np.float64)
    else:
        BT = np.array([[4,0,-5,0,1,0],[0,-4,-4,1,1,0],[0,4,-4,-1,1,0],[0,-2,-1,2,1,0],[0,2,-1,-2,1,0],[0,4,0,-5,0,1]], dtype=np.float64)
        G = np.array([[1/4,0,0],[-1/6,-1/6,-1/6],[-1/6,1/6,-1/6],[1/24,1/12,1/6],[1/24,-1/12,1/6],[0,0,1]], dtype=np.float64)
        AT = np.array([[1,1,1,1,1,0],[0,1,-1,2,-2,0],[0,1,1,4,4,0],[0,1,-1,8,-8,1]], dtype=np.float64)
    return BT, G, AT
def direct(x, w):  # x (C,H,W) padded, w (F,C,3,3) -> (F,H-2,W-2), float64
    C,H,W = x.shape; F = w.shape[0]
    out = np.zeros((F,H-2,W-2))
    for i in range(3):
        for j in range(3):
            out += np.einsum('fc,chw->fhw', w[:,:,i,j], x[:,i:i+H-2,j:j+W-2])
    return out
def wino(x, w, m):  # float32 arithmetic, U transformed in float64 and rounded once (as convlab)
    BT, G, AT = mats(m); a = m + 2
    C,H,W = x.shape; F = w.shape[0]
    OH, OW = H-2, W-2
    th, tw = -(-OH//m), -(-OW//m)
    xp = np.zeros((C, th*m+2, tw*m+2), np.float32); xp[:, :H, :W] = x
    U = np.einsum('ij,fcjk,lk->fcil', G, w.astype(np.float64), G).astype(np.float32)
    BT32, AT32 = BT.astype(np.float32), AT.astype(np.float32)
    out = np.zeros((F, th*m, tw*m), np.float32)
    for ty in range(th):
        for tx in range(tw):
            d = xp[:, ty*m:ty*m+a, tx*m:tx*m+a]
            V = np.einsum('ij,cjk,lk->cil', BT32, d, BT32).astype(np.float32)
            M = np.einsum('fcil,cil->fil', U, V).astype(np.float32)
            Y = np.einsum('ij,fjk,lk->fil', AT32, M, AT32).astype(np.float32)
            out[:, ty*m:ty*m+m, tx*m:tx*m+m] = Y
    return out[:, :OH, :OW]
C, F, S = 32, 16, 28
for trial in range(3):
    x = np.maximum(rng.standard_normal((C, S, S)), 0).astype(np.float32)   # ReLU-like activations
    w = (rng.standard_normal((F, C, 3, 3)) * np.sqrt(2.0 / (C * 9))).astype(np.float32)  # He init
    xp = np.pad(x, ((0,0),(1,1),(1,1)))
    ref = direct(xp.astype(np.float64), w.astype(np.float64))
    scale = np.abs(ref).max()
    for m in (2, 4):
        e = np.abs(wino(xp, w, m) - ref).max()
        print(f"trial {trial} F({m}x{m},3x3): max|err| {e:.2e}  (max|y| {scale:.2f}, rel {e/scale:.1e})")
