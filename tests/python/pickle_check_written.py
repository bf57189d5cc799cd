# SPDX-License-Identifier: Apache-2.0
# pickle_check_written.py DIR: for every DIR/<case>.pkl written by vidata::pickle::dump, loads it with
# Python's pickle and compares it with the object DIR/<case>.expect.py describes (a Python expression
# the C++ test wrote by hand). Types, dtypes (byte order included), shapes, memory order and values
# must match exactly (floats and arrays bit for bit; sets order-independently). Prints OK <case> or
# FAIL <case>: <reason>; exits 1 on any failure.
import collections  # noqa: F401  (used by the expressions)
import math  # noqa: F401
import os
import pickle
import struct
import sys

import numpy as np


def same(a, b, path):
    if type(a) is not type(b):
        return "%s: type %s != %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.dtype.str != b.dtype.str:
            return "%s: dtype %s != %s" % (path, a.dtype.str, b.dtype.str)
        if a.shape != b.shape:
            return "%s: shape %s != %s" % (path, a.shape, b.shape)
        if a.ndim >= 2 and (a.flags.f_contiguous, a.flags.c_contiguous) != (b.flags.f_contiguous, b.flags.c_contiguous):
            return "%s: memory order differs" % path
        if np.ascontiguousarray(a).tobytes() != np.ascontiguousarray(b).tobytes():
            return "%s: values %r != %r" % (path, a, b)
        return None
    if isinstance(a, np.generic):
        if a.dtype.str != b.dtype.str or a.tobytes() != b.tobytes():
            return "%s: numpy scalar %r (%s) != %r (%s)" % (path, a, a.dtype.str, b, b.dtype.str)
        return None
    if isinstance(a, float):
        return None if struct.pack("<d", a) == struct.pack("<d", b) else "%s: %r != %r" % (path, a, b)
    if isinstance(a, dict):
        if isinstance(a, collections.defaultdict) and a.default_factory is not b.default_factory:
            return "%s: default_factory %r != %r" % (path, a.default_factory, b.default_factory)
        if len(a) != len(b):
            return "%s: %d != %d entries" % (path, len(a), len(b))
        for (ka, va), (kb, vb) in zip(a.items(), b.items()):
            r = same(ka, kb, path + "/key") or same(va, vb, "%s/%r" % (path, ka))
            if r:
                return r
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return "%s: length %d != %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            r = same(x, y, "%s/%d" % (path, i))
            if r:
                return r
        return None
    if isinstance(a, (set, frozenset)):
        return None if a == b and all(type(x) in {type(y) for y in b} for x in a) else "%s: %r != %r" % (path, a, b)
    return None if a == b else "%s: %r != %r" % (path, a, b)


def main():
    directory = sys.argv[1]
    failed = False
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".pkl"):
            continue
        case = name[:-4]
        try:
            with open(os.path.join(directory, case + ".expect.py"), encoding="utf-8") as f:
                expected = eval(f.read(), {"np": np, "collections": collections, "math": math})
            with open(os.path.join(directory, name), "rb") as f:
                got = pickle.load(f)
                if f.read(1):
                    raise ValueError("data after STOP")
            reason = same(got, expected, case)
        except Exception as e:  # report, do not stop at the first broken case
            reason = "%s: %s: %s" % (case, type(e).__name__, e)
        if reason:
            failed = True
            print("FAIL", reason)
        else:
            print("OK", case)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
