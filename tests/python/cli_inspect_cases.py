# SPDX-License-Identifier: Apache-2.0
# Writes, into DIR, files for the `vidata inspect` tests together with what Python itself says they hold:
#   nested.pkl + nested.expected.json  (the --json --full convention of the CLI, computed here by Python)
#   scores.npy + scores.expected.json  (dtype.str, shape, fortran flag)
#   evil.pkl                            (a pickle whose loading would call os.system)
import base64, collections, json, os, pickle, sys
import numpy as np

out = sys.argv[1]

def convention(v):
    """The CLI's documented JSON view of a Python value, written independently of vidata."""
    if isinstance(v, np.ndarray):
        data = [x.item() for x in v.reshape(-1, order='C')]
        return {"__ndarray__": {"dtype": v.dtype.str, "shape": list(v.shape), "data": data}}
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dict):
        return {(k if isinstance(k, str) else repr(k)): convention(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [convention(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool) and not (-2**63 <= v < 2**64):
        return str(v)  # JSON numbers past 64 bits lose digits in most readers: the CLI writes the exact decimal text
    if isinstance(v, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(bytes(v)).decode()}
    return v

value = collections.OrderedDict()
value["video"] = "v_ApplyEyeMakeup_g01_c01"
value[3] = (1.5, None, True)
value[(1, "a")] = [b"\x00\xffraw", {"nested": np.arange(6, dtype=np.int16).reshape(2, 3)}]
value["fortran"] = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4) / 8)
value["scalar"] = np.float64(0.1)
value["big"] = 2 ** 70
value["unicode"] = "Überprüfung ✓"
with open(os.path.join(out, "nested.pkl"), "wb") as f:
    pickle.dump(value, f, protocol=2)
with open(os.path.join(out, "nested.expected.json"), "w") as f:
    json.dump(convention(value), f)

scores = np.linspace(0, 1, 40, dtype=np.float64).reshape(8, 5).astype('>f4')
np.save(os.path.join(out, "scores.npy"), scores)
with open(os.path.join(out, "scores.expected.json"), "w") as f:
    json.dump({"dtype": scores.dtype.str, "shape": list(scores.shape), "fortran_order": False}, f)

class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > " + os.path.join(out, "pwned"),))
with open(os.path.join(out, "evil.pkl"), "wb") as f:
    pickle.dump([1, Evil()], f, protocol=4)
