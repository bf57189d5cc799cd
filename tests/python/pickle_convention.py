# SPDX-License-Identifier: Apache-2.0
# The JSON convention of vidata::pickle::to_json, computed independently by Python from the objects
# pickle.load returns, plus a type signature; shared by the pickle_*.py test scripts.
import base64
import collections
import numpy as np


def _float(x):
    # Floats are compared bit-exactly through Python's repr (nan, inf and -0.0 included).
    return {"__float__": repr(float(x))}


def _int(x):
    x = int(x)
    return x if -2**63 <= x < 2**64 else str(x)


def _key(k):
    return str(k) if isinstance(k, str) else repr(k)


def _element(x):
    if isinstance(x, bool):
        return x
    if isinstance(x, float):
        return _float(x)
    return _int(x)


def expected(o):
    if o is None:
        return None
    if isinstance(o, np.ndarray):
        return {"__ndarray__": {"dtype": o.dtype.str, "shape": list(o.shape),
                                "data": [_element(x) for x in o.ravel(order="C").tolist()]}}
    if isinstance(o, np.generic):
        if isinstance(o, np.str_):
            return str(o)
        if isinstance(o, np.bytes_):
            return {"__bytes__": base64.b64encode(bytes(o)).decode()}
        if isinstance(o, np.bool_):
            return bool(o)
        if isinstance(o, np.floating):
            return _float(o)
        return _int(o)
    if isinstance(o, bool):
        return o
    if isinstance(o, int):
        return _int(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, str):
        return o
    if isinstance(o, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(bytes(o)).decode()}
    if isinstance(o, dict):
        return {_key(k): expected(v) for k, v in o.items()}
    if isinstance(o, (list, tuple, set, frozenset)):
        return [expected(x) for x in o]
    raise TypeError("no JSON convention for %r" % type(o))


def type_name(o):
    t = type(o)
    return t.__name__ if t.__module__ == "builtins" else t.__module__ + "." + t.__qualname__


def signature(o):
    """Type tree: what vidata's value::type_name() must report at every node."""
    t = type_name(o)
    if isinstance(o, np.ndarray):
        order = "F" if o.ndim >= 2 and o.flags.f_contiguous and not o.flags.c_contiguous else "C"
        return "%s<%s,%s,%s>" % (t, o.dtype.str, list(o.shape), order)
    if isinstance(o, dict):
        if isinstance(o, collections.defaultdict):
            f = o.default_factory
            t += "[%s]" % ("" if f is None else f.__name__ if f.__module__ == "builtins" else f.__module__ + "." + f.__qualname__)
        return t + "{" + ",".join(signature(k) + ":" + signature(v) for k, v in o.items()) + "}"
    if isinstance(o, (list, tuple, set, frozenset)):
        return t + "[" + ",".join(signature(x) for x in o) + "]"
    return t
