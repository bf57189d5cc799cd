#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peers of benchmarks/map.cpp: MMAction2 0.x's mean_average_precision (mmaction/core/evaluation/
accuracy.py, transcribed) on numpy, and scikit-learn's average_precision_score(average='macro') when installed.

Usage: map_peer.py SCORES.npy LABELS.npy REPS
Prints one JSON object: {"numpy": {"seconds", "value"}, "sklearn": {"seconds", "version", "value"} or null}.
Times are the best of REPS runs of the metric call alone (the files are loaded once, before timing)."""
import json
import sys
import time

import numpy as np


def binary_precision_recall_curve(y_score, y_true):
    """MMAction2 0.x accuracy.py L205-246."""
    assert isinstance(y_score, np.ndarray)
    assert isinstance(y_true, np.ndarray)
    assert y_score.shape == y_true.shape
    y_true = (y_true == 1)
    desc_score_indices = np.argsort(y_score, kind='mergesort')[::-1]
    y_score = y_score[desc_score_indices]
    y_true = y_true[desc_score_indices]
    distinct_value_inds = np.where(np.diff(y_score))[0]
    threshold_inds = np.r_[distinct_value_inds, y_true.size - 1]
    tps = np.cumsum(y_true)[threshold_inds]
    fps = 1 + threshold_inds - tps
    thresholds = y_score[threshold_inds]
    precision = tps / (tps + fps)
    precision[np.isnan(precision)] = 0
    recall = tps / tps[-1]
    last_ind = tps.searchsorted(tps[-1])
    sl = slice(last_ind, None, -1)
    return np.r_[precision[sl], 1], np.r_[recall[sl], 0], thresholds[sl]


def mean_average_precision(scores, labels):
    """MMAction2 0.x accuracy.py L179-202."""
    results = []
    scores = np.stack(scores).T
    labels = np.stack(labels).T
    for score, label in zip(scores, labels):
        precision, recall, _ = binary_precision_recall_curve(score, label)
        ap = -np.sum(np.diff(recall) * np.array(precision)[:-1])
        results.append(ap)
    results = [x for x in results if not np.isnan(x)]
    if results == []:
        return np.nan
    return np.mean(results)


def best_of(reps, f):
    best = float('inf')
    value = None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - t0)
    return best, value


def main():
    scores = np.load(sys.argv[1])
    labels = np.load(sys.argv[2])
    reps = int(sys.argv[3])
    # MMAction2's evaluate() passes the results list (one array per sample) and one multi-hot array per sample.
    score_list = [row for row in scores]
    label_list = [row for row in labels]
    seconds, value = best_of(reps, lambda: mean_average_precision(score_list, label_list))
    out = {'numpy': {'seconds': seconds, 'value': float(value)}, 'sklearn': None}
    try:
        import sklearn
        from sklearn.metrics import average_precision_score
    except ImportError:
        print(json.dumps(out))
        return
    seconds, value = best_of(reps, lambda: average_precision_score(labels, scores, average='macro'))
    out['sklearn'] = {'seconds': seconds, 'version': sklearn.__version__, 'value': float(value)}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
