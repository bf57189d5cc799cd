# SPDX-License-Identifier: Apache-2.0
"""The numpy side of the .npy cross-checks (tests/io/npy_test.cpp).

  npy_oracle.py write DIR   numpy writes one file per dtype x shape/order x format version into DIR and
                            DIR/manifest.json with what each holds (dtype.str, shape, fortran_order,
                            version, the values in C order) for the C++ reader to compare against.
  npy_oracle.py check DIR   numpy loads the files C++ wrote (listed in DIR/manifest.json with what they
                            should hold), compares dtype, shape, order and values, and checks that
                            numpy would have written the very same bytes. Exits 1 naming every mismatch.
  npy_oracle.py describe DIR OUT.json
                            numpy loads every .npy file under DIR (real data) and writes to OUT.json its
                            path, dtype.str, shape, fortran_order, the sum of its values and the first and
                            last value, for the C++ reader to agree with.
"""
import io
import json
import math
import os
import sys

import numpy as np

DESCRS = ['|b1', '|i1', '|u1',
          '<i2', '>i2', '<u2', '>u2', '<i4', '>i4', '<u4', '>u4', '<i8', '>i8', '<u8', '>u8',
          '<f2', '>f2', '<f4', '>f4', '<f8', '>f8']
# (shape, fortran): 0-d, empty, 1-d, 2-d and 3-d, C and Fortran order.
LAYOUTS = [((), False), ((0,), False), ((0, 3), False), ((5,), False),
           ((3, 4), False), ((3, 4), True), ((2, 3, 4), False), ((2, 3, 4), True)]
VERSIONS = [1, 2, 3]


def values_for(descr, n):
    """Values that exercise each type: extremes for integers, specials for floats."""
    dt = np.dtype(descr)
    i = np.arange(n, dtype=np.int64)
    if dt.kind == 'b':
        return (i % 3 == 0).tolist()
    if dt.kind in 'iu':
        info = np.iinfo(dt)
        v = [int((k * 37) % 251) + (0 if dt.kind == 'u' else -125) for k in range(n)]
        if n >= 2:
            v[0] = int(info.min)
            v[-1] = int(info.max)
        return v
    v = [(k - 3.5) * 0.75 for k in range(n)]
    specials = [math.nan, math.inf, -math.inf, -0.0]
    for k, s in enumerate(specials):
        if 4 * k + 1 < n:
            v[4 * k + 1] = s
    return v


def encode(v):
    if isinstance(v, float):
        if math.isnan(v):
            return 'nan'
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
    return v


def decode(v):
    return float(v) if isinstance(v, str) else v


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        a, b = float(a), float(b)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return a == b


def write(directory):
    os.makedirs(directory, exist_ok=True)
    manifest = []
    for descr in DESCRS:
        for shape, fortran in LAYOUTS:
            n = int(np.prod(shape, dtype=np.int64))
            values = values_for(descr, n)
            a = np.array(values, dtype=np.dtype(descr).newbyteorder('=')).astype(descr).reshape(shape)
            if fortran:
                a = np.asfortranarray(a)
            for version in VERSIONS:
                name = 'a_%s_%s_%s_v%d.npy' % (
                    descr.replace('<', 'le').replace('>', 'be').replace('|', ''),
                    'x'.join(map(str, shape)) or 'scalar', 'F' if fortran else 'C', version)
                with open(os.path.join(directory, name), 'wb') as f:
                    if version == 1:
                        np.save(f, a)
                    else:
                        np.lib.format.write_array(f, a, version=(version, 0))
                manifest.append({
                    'file': name, 'descr': a.dtype.str, 'shape': list(a.shape),
                    'fortran_order': np.lib.format.header_data_from_array_1_0(a)['fortran_order'],
                    'version': version, 'values': [encode(x) for x in a.ravel(order='C').tolist()]})
    with open(os.path.join(directory, 'manifest.json'), 'w') as f:
        json.dump(manifest, f)
    return 0


def check(directory):
    with open(os.path.join(directory, 'manifest.json')) as f:
        manifest = json.load(f)
    problems = []
    for entry in manifest:
        path = os.path.join(directory, entry['file'])
        try:
            a = np.load(path)
        except Exception as e:  # noqa: BLE001 - any failure to load is the finding
            problems.append('%s: numpy cannot load it: %s' % (entry['file'], e))
            continue
        if a.dtype.str != entry['descr']:
            problems.append('%s: dtype %s, expected %s' % (entry['file'], a.dtype.str, entry['descr']))
        if list(a.shape) != entry['shape']:
            problems.append('%s: shape %s, expected %s' % (entry['file'], a.shape, entry['shape']))
        header_fortran = np.lib.format.header_data_from_array_1_0(a)['fortran_order']
        if header_fortran != entry['fortran_order']:
            problems.append('%s: fortran_order %s, expected %s' % (entry['file'], header_fortran, entry['fortran_order']))
        got = a.ravel(order='C').tolist()
        want = [decode(v) for v in entry['values']]
        if len(got) != len(want) or not all(same(x, y) for x, y in zip(got, want)):
            problems.append('%s: values %s, expected %s' % (entry['file'], got[:12], want[:12]))
        with open(path, 'rb') as f:
            written = f.read()
        if written[6] != (entry['version'] or 1):
            problems.append('%s: format version %d, expected %d' % (entry['file'], written[6], entry['version'] or 1))
        again = io.BytesIO()
        np.lib.format.write_array(again, a, version=(entry['version'], 0) if entry['version'] else None)
        if again.getvalue() != written:
            problems.append('%s: numpy would write different bytes:\n  numpy: %r\n  C++:   %r' % (
                entry['file'], again.getvalue()[:160], written[:160]))
    for p in problems:
        print(p)
    print('checked %d files, %d problems' % (len(manifest), len(problems)))
    return 1 if problems else 0


def describe(directory, out):
    found = []
    for root, _, files in os.walk(directory):
        for name in sorted(files):
            if not name.endswith('.npy'):
                continue
            path = os.path.join(root, name)
            a = np.load(path)
            flat = a.ravel(order='C')
            found.append({'path': os.path.relpath(path, directory), 'descr': a.dtype.str, 'shape': list(a.shape),
                          'fortran_order': np.lib.format.header_data_from_array_1_0(a)['fortran_order'],
                          'sum': float(flat.astype(np.float64).sum()) if flat.size else 0.0,
                          'first': encode(flat[0].item()) if flat.size else None,
                          'last': encode(flat[-1].item()) if flat.size else None})
    with open(out, 'w') as f:
        json.dump(found, f)
    return 0


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'describe':
        sys.exit(describe(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 3 or sys.argv[1] not in ('write', 'check'):
        print(__doc__)
        sys.exit(2)
    sys.exit(write(sys.argv[2]) if sys.argv[1] == 'write' else check(sys.argv[2]))
