# SPDX-License-Identifier: Apache-2.0
"""The Python side of tests/prepare/activitynet_features_test.cpp: feature pickles made with numpy and pickle, and
the CSVs MMAction2's tools/data/activitynet/activitynet_feature_postprocessing.py writes for them.

scipy is not installed here, so pool_feature's scipy.interpolate.interp1d(range(n), data, axis=0) (kind 'linear')
is transcribed from scipy's interp1d._call_linear, in numpy: searchsorted (side left) of the new x among 0..n-1,
clipped to [1, n-1]; slope = (y[hi] - y[lo]) / (x[hi] - x[lo]) with y in its own dtype (float32 stays float32,
integers become float64) and x float64; y_new = slope * (x_new - x[lo]) + y[lo]. Every value is also checked
against numpy.interp per channel (a second, independent linear interpolation; equal to ~1e-6, float32 rounding).

  activitynet_features_reference.py make DIR
      Writes DIR/rgb/*.pkl, DIR/flow/*.pkl (the test's videos, some broken on purpose) and DIR/expected/*.csv,
      the script's output for each good video.
"""
import os
import pickle
import sys

import numpy as np


def interp1d_linear(n, y, x_new):
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.inexact):
        y = y.astype(np.float64)
    x = np.arange(n).astype(np.float64)
    x_new = np.asarray(x_new, dtype=np.float64)
    idx = np.searchsorted(x, x_new).clip(1, n - 1).astype(int)
    lo, hi = idx - 1, idx
    slope = (y[hi] - y[lo]) / (x[hi] - x[lo])[:, None]
    out = slope * (x_new - x[lo])[:, None] + y[lo]
    for c in range(y.shape[1]):  # the independent check
        assert np.allclose(out[:, c], np.interp(x_new, x, y[:, c].astype(np.float64)), rtol=1e-5, atol=1e-5)
    return out


def pool_feature(data, num_proposals=100, num_sample_bins=3):
    if len(data) == 1:
        return np.concatenate([data] * num_proposals)
    data = np.asarray(data)
    eps = 1e-4
    start, end = eps, len(data) - 1 - eps
    anchor_size = (end - start) / num_proposals
    ptr = start
    feature = []
    for _ in range(num_proposals):
        x_new = [ptr + i / num_sample_bins * anchor_size for i in range(num_sample_bins)]
        feature.append(np.mean(interp1d_linear(len(data), data, x_new), axis=0))
        ptr += anchor_size
    return np.stack(feature)


def csv_text(rgb, flow):
    feat = np.concatenate([pool_feature(rgb), pool_feature(flow)], axis=-1).tolist()
    # The script's header is f0..f399 (200 + 200 channels); these tests also use other widths, named f0..f{C-1}.
    lines = [','.join([f'f{i}' for i in range(len(feat[0]))])]
    for line in feat:
        lines.append(','.join([f'{x:.4f}' for x in line]))
    return '\n'.join(lines)


def make(root):
    rng = np.random.default_rng(20261207)
    for d in ('rgb', 'flow', 'expected'):
        os.makedirs(os.path.join(root, d), exist_ok=True)

    def feat(rows, cols, dtype=np.float32, scale=3.0):
        return (rng.standard_normal((rows, cols)) * scale).astype(dtype)

    videos = {
        'v_anet200.pkl': (feat(37, 200), feat(37, 200)),                  # ActivityNet's 200 + 200 channels
        'v_long.pkl': (feat(250, 8), feat(250, 6)),                       # more snippets than steps
        'v_double.pkl': (feat(5, 3, np.float64), feat(5, 2, np.float64)),
        'v_single.pkl': (feat(1, 4), feat(1, 4)),                         # repeated 100 times
        'v_two.pkl': (feat(2, 3), feat(2, 3)),
        'v_ints.pkl': (rng.integers(-50, 50, (10, 3)), rng.integers(0, 9, (10, 2)).astype(np.int32)),
        'v_list.pkl': ([r for r in feat(6, 4)], feat(6, 4)),              # a list of 1-D arrays
        'v_halves.pkl': (np.arange(12, dtype=np.float32).reshape(6, 2) * np.float32(0.5),
                         np.full((3, 1), 0.00005, dtype=np.float64)),     # ties at the 4th decimal
    }
    for name, (rgb, flow) in videos.items():
        for d, data in (('rgb', rgb), ('flow', flow)):
            with open(os.path.join(root, d, name), 'wb') as f:
                pickle.dump(data, f)
        with open(os.path.join(root, 'expected', name.replace('.pkl', '.csv')), 'w') as f:
            f.write(csv_text(rgb, flow))
    # Broken on purpose: a truncated RGB pickle, a flow file alone, an RGB file alone, a 1-D array, no snippets.
    good = pickle.dumps(feat(4, 2))
    with open(os.path.join(root, 'rgb', 'v_truncated.pkl'), 'wb') as f:
        f.write(good[:len(good) // 2])
    with open(os.path.join(root, 'flow', 'v_truncated.pkl'), 'wb') as f:
        f.write(good)
    with open(os.path.join(root, 'flow', 'v_flow_only.pkl'), 'wb') as f:
        f.write(good)
    with open(os.path.join(root, 'rgb', 'v_rgb_only.pkl'), 'wb') as f:
        f.write(good)
    for d in ('rgb', 'flow'):
        with open(os.path.join(root, d, 'v_flat.pkl'), 'wb') as f:
            pickle.dump(np.zeros(5, dtype=np.float32), f)
        with open(os.path.join(root, d, 'v_empty.pkl'), 'wb') as f:
            pickle.dump(np.zeros((0, 4), dtype=np.float32), f)
    # Not a .pkl: ignored, as the script's listing ignores it.
    with open(os.path.join(root, 'rgb', 'notes.txt'), 'w') as f:
        f.write('not a feature file\n')


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2])
    else:
        sys.exit('usage: activitynet_features_reference.py make DIR')
