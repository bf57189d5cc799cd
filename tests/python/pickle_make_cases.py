# SPDX-License-Identifier: Apache-2.0
# Writes the reader's test corpus into OUTDIR: cases/<case>.p<N>.pkl for protocols 2-5 with
# cases/<case>.p<N>.json (what pickle.load gives back, in vidata's JSON convention, plus its type
# signature), and refused/<case>.pkl with refused/<case>.expect (text the error must contain).
import collections
import json
import math
import os
import pickle
import sys

import numpy as np

import pickle_convention as conv

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"]


def sample_values(dtype, n):
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return np.array([(i * 7) % 3 == 0 for i in range(n)], dtype=dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        base = [info.min, info.max, 0, 1, info.max - 1, info.min + 1] + [(i * 37) % 101 - (50 if dt.kind == "i" else 0) for i in range(n)]
        return np.array(base[:n], dtype=dt)
    info = np.finfo(dt)
    base = [0.1, -2.5, float(info.max), float(info.tiny), float("inf"), float("-inf"), float("nan"), -0.0, 1e-3, 12345.678]
    base += [(i * 0.37) - 3 for i in range(n)]
    return np.array(base[:n], dtype=dt)


def array_case(dtype):
    c = sample_values(dtype, 12).reshape(3, 4)
    out = {
        "c": c,
        "f": np.asfortranarray(c),
        "zero_d": sample_values(dtype, 2)[1].reshape(()),
        "empty": np.zeros((0,), dtype=dtype),
        "empty2": np.zeros((2, 0), dtype=dtype),
        "cube": sample_values(dtype, 24).reshape(2, 3, 4),
        "strided": sample_values(dtype, 12)[::3],
        "row": sample_values(dtype, 5).reshape(1, 5),
    }
    if np.dtype(dtype).itemsize > 1:
        out["big_endian"] = c.astype(np.dtype(dtype).newbyteorder(">"))
        out["big_endian_f"] = np.asfortranarray(out["big_endian"])
    return out


def cases():
    shared = [1, 2]
    nan = float("nan")
    yield "none", None
    yield "bools", [True, False]
    yield "ints", [0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, 2**63 - 1, -2**63, 2**63, 2**64 - 1, 2**64,
                   -2**63 - 1, 2**100, -2**100, 10**30 + 7, 2**2000 - 1]
    yield "big_positive", 2**100
    yield "big_negative", -2**100
    yield "floats", [0.0, -0.0, 1.5, 0.1, 1e16, 1e15, 1e-5, 1e-4, 123456789.123, 5e-324, 1.7976931348623157e308,
                     float("inf"), float("-inf"), nan, 2.5e-300, 1 / 3, 9007199254740993.0, 1e22, 1e100]
    yield "strings", ["", "abc", "ünïcödé", "日本語", "😀 emoji", "with\nnewline\ttab", "quote's \"both\"", "x" * 300, "\x00nul", "\u2028"]
    yield "long_string", "é" * 70000
    yield "bytes", [b"", b"abc", bytes(range(256)), b"x" * 300]
    yield "bytearray", bytearray(b"hello\x00\xff")
    yield "empty_bytearray", bytearray()
    yield "nested", [1, [2, [3, [4, []]]], (5, (6,)), {"k": [7]}, {"d": {"e": {"f": None}}}]
    yield "tuples", [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((), ((),))]
    yield "mixed_keys", {"a": 1, 1: "int", -3: "neg", (1, "a"): "tuple", b"x": "bytes", None: "none", 0.5: "half",
                         2**70: "big", frozenset({3}): "frozenset", ("q'uote", b"\x00", 1.0, None, (2,)): "nested tuple"}
    yield "bool_key", {True: "yes", False: "no"}
    yield "sets", [{1, 2, 3}, frozenset({"a"}), set(), frozenset(), {(1, 2), "s"}]
    yield "empties", [[], {}, set(), frozenset(), (), "", b""]
    yield "ordered", collections.OrderedDict([("b", 1), ("a", [1, 2]), ("c", collections.OrderedDict())])
    yield "defaultdict_list", collections.defaultdict(list, {"x": [1], "y": []})
    yield "defaultdict_int", collections.defaultdict(int, {"a": 3})
    yield "defaultdict_none", collections.defaultdict(None, {"a": 3})
    yield "defaultdict_dict", collections.defaultdict(dict, {1: {"z": 2}})
    yield "shared", [shared, shared, {"a": shared}, (shared,)]
    yield "long_list", list(range(2500))
    yield "long_dict", {"k%d" % i: i for i in range(2100)}
    yield "long_set", set(range(1500))
    for dtype in DTYPES:
        yield "array_" + dtype, array_case(dtype)
        yield "scalars_" + dtype, [np.dtype(dtype).type(v) for v in sample_values(dtype, 10).tolist()]
    yield "numpy_text", [np.str_("héllo"), np.str_(""), np.bytes_(b"ab"), np.str_("日本"), {np.str_("key"): 1}]
    yield "annotations", [{"frame_dir": "v_%d" % i, "label": i % 3, "img_shape": (240, 320),
                           "keypoint": np.arange(2 * 3 * 17 * 2, dtype=np.float32).reshape(2, 3, 17, 2) / (i + 1),
                           "keypoint_score": np.ones((2, 3, 17), dtype=np.float16), "total_frames": np.int64(3)} for i in range(4)]
    yield "scores", [np.linspace(0, 1, 7).astype(np.float32) for _ in range(3)]


def refused():
    yield "object_array", np.array([1, "a", None], dtype=object), "object"
    yield "complex_array", np.arange(3, dtype=np.complex128), "complex128"
    yield "string_array", np.array(["ab", "c"]), "str (U2)"
    yield "bytes_array", np.array([b"ab", b"c"]), "bytes (S2)"
    yield "structured_array", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i2")]), "structured"
    yield "datetime_array", np.array(["2020-01-01"], dtype="datetime64[D]"), "datetime64"
    yield "float128_array", np.zeros(2, dtype=np.longdouble), "float128"
    yield "complex_scalar", np.complex64(1 + 2j), "complex64"
    yield "masked_array", np.ma.masked_array([1, 2], mask=[0, 1]), "numpy.ma.core._mareconstruct"
    yield "matrix", np.matrix([[1, 2]]), "numpy.matrix"
    yield "ordered_dict_subclass_state", collections.Counter({"a": 1}), "collections.Counter"
    yield "complex_number", 1 + 2j, "builtins.complex"
    yield "self_list", _self_list(), "contains itself"
    yield "self_dict", _self_dict(), "contains itself"


def _self_list():
    x = [1]
    x.append(x)
    return x


def _self_dict():
    d = {}
    d["me"] = [d]
    return d


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "cases"), exist_ok=True)
    os.makedirs(os.path.join(out, "refused"), exist_ok=True)
    for name, obj in cases():
        for protocol in (2, 3, 4, 5):
            data = pickle.dumps(obj, protocol=protocol)
            back = pickle.loads(data)  # the reference is what Python itself reads from these bytes
            base = os.path.join(out, "cases", "%s.p%d" % (name, protocol))
            with open(base + ".pkl", "wb") as f:
                f.write(data)
            with open(base + ".json", "w", encoding="utf-8") as f:
                json.dump({"json": conv.expected(back), "signature": conv.signature(back)}, f, ensure_ascii=False)
    for name, obj, expect in refused():
        protocol = 2 if name in ("object_array", "self_list") else 4
        with open(os.path.join(out, "refused", name + ".pkl"), "wb") as f:
            f.write(pickle.dumps(obj, protocol=protocol))
        with open(os.path.join(out, "refused", name + ".expect"), "w", encoding="utf-8") as f:
            f.write(expect)
    print("ok")


if __name__ == "__main__":
    main()
