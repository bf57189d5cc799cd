#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peers of benchmarks/classification.cpp: MMAction2 0.x's top_k_accuracy and mean_class_accuracy
(mmaction/core/evaluation/accuracy.py, transcribed) on numpy, and scikit-learn's equivalents when installed.

Usage: classification_peer.py SCORES.npy LABELS.npy REPS
Prints one JSON object: {"numpy": {"seconds", "top1_acc", "top5_acc", "mean_class_accuracy"},
"sklearn": {"seconds", "version", "top1_acc", "top5_acc", "balanced_accuracy"} or null}. Times are the best
of REPS runs of the metric calls alone (the files are loaded once, before timing)."""
import json
import sys
import time

import numpy as np


def confusion_matrix(y_pred, y_real, normalize=None):
    """MMAction2 0.x accuracy.py L5-70 (normalize=None path)."""
    if isinstance(y_pred, list):
        y_pred = np.array(y_pred)
    if isinstance(y_real, list):
        y_real = np.array(y_real)
    label_set = np.unique(np.concatenate((y_pred, y_real)))
    num_labels = len(label_set)
    max_label = label_set[-1]
    label_map = np.zeros(max_label + 1, dtype=np.int64)
    for i, label in enumerate(label_set):
        label_map[label] = i
    y_pred_mapped = label_map[y_pred]
    y_real_mapped = label_map[y_real]
    confusion_mat = np.bincount(num_labels * y_real_mapped + y_pred_mapped,
                                minlength=num_labels**2).reshape(num_labels, num_labels)
    return confusion_mat


def mean_class_accuracy(scores, labels):
    """MMAction2 0.x accuracy.py L73-92."""
    pred = np.argmax(scores, axis=1)
    cf_mat = confusion_matrix(pred, labels).astype(float)
    cls_cnt = cf_mat.sum(axis=1)
    cls_hit = np.diag(cf_mat)
    mean_class_acc = np.mean([hit / cnt if cnt else 0.0 for cnt, hit in zip(cls_cnt, cls_hit)])
    return mean_class_acc


def top_k_accuracy(scores, labels, topk=(1, )):
    """MMAction2 0.x accuracy.py L134-153."""
    res = []
    labels = np.array(labels)[:, np.newaxis]
    for k in topk:
        max_k_preds = np.argsort(scores, axis=1)[:, -k:][:, ::-1]
        match_array = np.logical_or.reduce(max_k_preds == labels, axis=1)
        topk_acc_score = match_array.sum() / match_array.shape[0]
        res.append(topk_acc_score)
    return res


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
    # MMAction2's evaluate() passes the results list (one array per sample, as results.pkl holds it) and a
    # list of int labels.
    score_list = [row for row in scores]
    label_list = labels.tolist()

    def mmaction2():
        top = top_k_accuracy(score_list, label_list, (1, 5))
        return top, mean_class_accuracy(score_list, label_list)

    seconds, (top, mca) = best_of(reps, mmaction2)
    out = {'numpy': {'seconds': seconds, 'top1_acc': float(top[0]), 'top5_acc': float(top[1]),
                     'mean_class_accuracy': float(mca)}, 'sklearn': None}
    try:
        import sklearn
        from sklearn.metrics import balanced_accuracy_score, top_k_accuracy_score
    except ImportError:
        print(json.dumps(out))
        return
    all_labels = np.arange(scores.shape[1])

    def scikit():
        top1 = top_k_accuracy_score(labels, scores, k=1, labels=all_labels)
        top5 = top_k_accuracy_score(labels, scores, k=5, labels=all_labels)
        # Mean per-class recall over the classes in y_true: vidata's default mean class accuracy.
        return top1, top5, balanced_accuracy_score(labels, np.argmax(scores, axis=1))

    seconds, (top1, top5, balanced) = best_of(reps, scikit)
    out['sklearn'] = {'seconds': seconds, 'version': sklearn.__version__, 'top1_acc': float(top1),
                      'top5_acc': float(top5), 'balanced_accuracy': float(balanced)}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
