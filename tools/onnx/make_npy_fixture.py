#!/usr/bin/python3
"""Writes the .npy files NumPy itself produces, for convlab's NpyFile tests.

    /usr/bin/python3 tools/onnx/make_npy_fixture.py data/src/test/resources/npy
    numpy_2x3x4.npy   float32, shape (2, 3, 4), values 0.5 * arange(24) - 3
    numpy_scalar.npy  float32, shape (), value 2.5
    numpy_v2.npy      float32, shape (5,), arange(5), written as format version 2.0
"""
import os
import sys

import numpy as np
from numpy.lib import format as npformat

out = sys.argv[1] if len(sys.argv) > 1 else "data/src/test/resources/npy"
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "numpy_2x3x4.npy"), (0.5 * np.arange(24) - 3).astype("<f4").reshape(2, 3, 4))
np.save(os.path.join(out, "numpy_scalar.npy"), np.float32(2.5))
with open(os.path.join(out, "numpy_v2.npy"), "wb") as f:
    npformat.write_array(f, np.arange(5, dtype="<f4"), version=(2, 0))
