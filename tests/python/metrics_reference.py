# SPDX-License-Identifier: Apache-2.0
# The independent side of vidata's metric tests: MMAction2 0.x's metric formulas (spec §1.6) written with numpy,
# so that numpy's argsort, argmax, bincount, mergesort and reductions compute every expected value.
#
# usage: metrics_reference.py COMMAND DIR [ARGS...]
# DIR holds raw little-endian arrays the C++ test wrote; the answer is printed as whitespace-separated numbers
# (repr, so that doubles round-trip exactly). Commands:
#   topk DTYPE N C K...            scores.bin, labels.bin -> one accuracy per k (MMAction2: argsort[-k:])
#   topk_official DTYPE N C K...   the same with vidata's default tie rule (NaN first, then score, then index)
#   mean_class DTYPE N C           scores.bin, labels.bin -> MMAction2's mean class accuracy, then vidata's
#   top_k_classes DTYPE N C K MODE scores.bin, labels.bin -> "id ratio" pairs, MMAction2's order
#   confusion N NORMALIZE          pred.bin, real.bin -> K, the K labels, the K*K matrix (row-major)
#   average_clips DTYPE R C CLIPS MODE   scores.bin -> the (R/CLIPS)*C fused matrix (row-major)
#   map DTYPE N C                  scores.bin, truth.bin (int64 multi-hot) -> mAP, MMIT mAP
#   pr_curve DTYPE N               score.bin, truth.bin (int64) -> M, precision (M), recall (M), thresholds (M-1)
import os
import sys

import numpy as np


def load(directory, name, dtype, shape=None):
    a = np.fromfile(os.path.join(directory, name), dtype=np.dtype(dtype))
    return a.reshape(shape) if shape is not None else a


def emit(values):
    print(' '.join(repr(float(v)) for v in values))


def confusion(y_pred, y_real, normalize=None):
    # Union label set, densely remapped; bincount of K*real + pred; nan_to_num after normalising.
    label_set = np.unique(np.concatenate((y_pred, y_real)))
    k = len(label_set)
    remap = np.zeros(label_set[-1] + 1, dtype=np.int64)
    remap[label_set] = np.arange(k)
    cm = np.bincount(k * remap[y_real] + remap[y_pred], minlength=k * k).reshape(k, k)
    with np.errstate(all='ignore'):
        if normalize == 'true':
            cm = cm / cm.sum(axis=1, keepdims=True)
        elif normalize == 'pred':
            cm = cm / cm.sum(axis=0, keepdims=True)
        elif normalize == 'all':
            cm = cm / cm.sum()
        cm = np.nan_to_num(cm)
    return label_set, cm


def hit_ratios(scores, labels):
    pred = np.argmax(scores, axis=1)
    label_set, cm = confusion(pred, labels)
    cm = cm.astype(float)
    cnt = cm.sum(axis=1)
    hit = np.diag(cm)
    return label_set, cnt, np.array([h / c if c else 0.0 for c, h in zip(cnt, hit)])


def pr_curve(y_score, y_true):
    y_true = y_true == 1
    desc = np.argsort(y_score, kind='mergesort')[::-1]
    y_score = y_score[desc]
    y_true = y_true[desc]
    distinct = np.where(np.diff(y_score))[0]
    thr_idx = np.r_[distinct, y_true.size - 1]
    tps = np.cumsum(y_true)[thr_idx]
    fps = 1 + thr_idx - tps
    thresholds = y_score[thr_idx]
    with np.errstate(all='ignore'):
        precision = tps / (tps + fps)
        precision[np.isnan(precision)] = 0
        recall = tps / tps[-1]
    last = tps.searchsorted(tps[-1])
    sl = slice(last, None, -1)
    return np.r_[precision[sl], 1], np.r_[recall[sl], 0], thresholds[sl]


def ap(y_score, y_true):
    precision, recall, _ = pr_curve(y_score, y_true)
    return -np.sum(np.diff(recall) * np.array(precision)[:-1])


def main():
    command, directory = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    if command in ('topk', 'topk_official'):
        dtype, n, c = args[0], int(args[1]), int(args[2])
        ks = [int(k) for k in args[3:]]
        scores = load(directory, 'scores.bin', dtype, (n, c))
        labels = load(directory, 'labels.bin', np.int64)[:, np.newaxis]
        if command == 'topk':
            order = np.argsort(scores, axis=1)
            emit([np.logical_or.reduce(order[:, -k:][:, ::-1] == labels, axis=1).sum() / n for k in ks])
        else:
            # A stable lexicographic sort: NaNs first, then decreasing score, then increasing index.
            nan = np.isnan(scores)
            order = np.lexsort((-np.where(nan, 0, scores), ~nan), axis=-1)
            emit([np.logical_or.reduce(order[:, :k] == labels, axis=1).sum() / n for k in ks])
    elif command == 'mean_class':
        dtype, n, c = args[0], int(args[1]), int(args[2])
        scores = load(directory, 'scores.bin', dtype, (n, c))
        labels = load(directory, 'labels.bin', np.int64)
        _, cnt, ratios = hit_ratios(scores, labels)
        emit([np.mean(ratios), np.mean(ratios[cnt > 0])])
    elif command == 'top_k_classes':
        dtype, n, c, k, mode = args[0], int(args[1]), int(args[2]), int(args[3]), args[4]
        scores = load(directory, 'scores.bin', dtype, (n, c))
        labels = load(directory, 'labels.bin', np.int64)
        _, _, ratios = hit_ratios(scores, labels)
        index = np.argsort(ratios)[-k:][::-1] if mode == 'accurate' else np.argsort(ratios)[:k]
        emit([x for i in index for x in (i, ratios[i])])
    elif command == 'confusion':
        n, normalize = int(args[0]), args[1]
        label_set, cm = confusion(load(directory, 'pred.bin', np.int64), load(directory, 'real.bin', np.int64),
                                  None if normalize == 'none' else normalize)
        emit([len(label_set)] + list(label_set) + list(cm.ravel()))
    elif command == 'average_clips':
        dtype, r, c, clips, mode = args[0], int(args[1]), int(args[2]), int(args[3]), args[4]
        x = load(directory, 'scores.bin', dtype, (r // clips, clips, c)).astype(np.float64)
        if mode == 'prob':
            with np.errstate(all='ignore'):
                e = np.exp(x - np.max(x, axis=2, keepdims=True))
                x = e / e.sum(axis=2, keepdims=True)
        emit(x.mean(axis=1).ravel())
    elif command == 'map':
        dtype, n, c = args[0], int(args[1]), int(args[2])
        scores = load(directory, 'scores.bin', dtype, (n, c))
        truth = load(directory, 'truth.bin', np.int64, (n, c))
        with np.errstate(all='ignore'):
            per_class = [ap(s, t) for s, t in zip(scores.T, truth.T)]
            per_class = [x for x in per_class if not np.isnan(x)]
            mean_ap = np.mean(per_class) if per_class else np.nan
            mmit = np.mean([ap(s, t) for s, t in zip(scores, truth)])
        emit([mean_ap, mmit])
    elif command == 'pr_curve':
        dtype, n = args[0], int(args[1])
        with np.errstate(all='ignore'):
            precision, recall, thresholds = pr_curve(load(directory, 'score.bin', dtype),
                                                     load(directory, 'truth.bin', np.int64))
        emit([len(precision)] + list(precision) + list(recall) + list(thresholds))
    else:
        sys.exit(f'unknown command {command}')


if __name__ == '__main__':
    main()
