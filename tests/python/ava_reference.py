# SPDX-License-Identifier: Apache-2.0
# The independent side of vidata's AVA frame-mAP tests: the definitions of ActivityNet's get_ava_performance.py
# (2020 revision) and of MMAction2 0.x ava_eval written plainly with Python's csv, heapq, sorted and numpy, so
# that Python and numpy (heap order, timsort, argsort, argmax, pairwise sums) compute every expected value.
#
# usage: ava_reference.py COMMAND ARGS...
#   eval POLICY LABELMAP GT PRED [EXCLUSIONS]
#       POLICY is 'official' or 'mmaction2'. Prints the mean AP, then one line "id ap num_gt num_det" per
#       class id 1..max_id that the label map lists (repr floats, so that doubles round-trip), or a line
#       "error <ExceptionName>" when the reference definitions raise.
#   frames POLICY LABELMAP CSV CAPACITY
#       The reader alone: per frame in dict order a line "key KEY", then one line per row in the reference's
#       order "score action y1 x1 y2 x2" (repr floats); last, one line "all KEY" per key the file mentions, sorted.
#   labelmap LABELMAP   the categories read_labelmap returns, as one JSON list of {"id", "name"}
#   iou DIR N M       a.bin (N x 4 float64 x1,y1,x2,y2), b.bin (M x 4) -> iou.bin (N x M), computed as np_box_ops
#   voc DIR N         precision.bin, recall.bin (N float64 each) -> prints the VOC all-points AP
#   sum DIR N         values.bin (N float64) -> prints np.sum(values)
import csv
import decimal
import heapq
import os
import sys

import numpy as np


def make_key(policy, video_id, timestamp):
    if policy == 'official':
        return '%s,%.6f' % (video_id, decimal.Decimal(timestamp))
    return '%s,%04d' % (video_id, int(timestamp))


def read_labelmap(path):
    categories = []
    ids = set()
    name = ''
    with open(path) as f:
        for line in f:
            if line.startswith('  name:'):
                name = line.split('"')[1]
            elif line.startswith('  id:') or line.startswith('  label_id:'):
                class_id = int(line.strip().split(' ')[-1])
                categories.append({'id': class_id, 'name': name})
                ids.add(class_id)
    return categories, ids


def read_boxes(policy, path, whitelist, capacity):
    """-> (frames: dict key -> list of (score, action, y1, x1, y2, x2) in the reference's order, all keys)."""
    entries = {}
    all_keys = set()
    with open(path) as f:
        for row in csv.reader(f):
            if policy == 'official' and len(row) == 2:
                all_keys.add(make_key(policy, row[0], row[1]))
                continue
            if len(row) not in (7, 8):
                raise ValueError('wrong number of columns')
            key = make_key(policy, row[0], row[1])
            all_keys.add(key)
            x1, y1, x2, y2 = [float(v) for v in row[2:6]]
            action = int(row[6])
            if whitelist and action not in whitelist:
                continue
            score = float(row[7]) if len(row) == 8 else 1.0
            item = (score, action, y1, x1, y2, x2)
            bucket = entries.setdefault(key, [])
            if policy == 'official':
                if capacity < 1 or len(bucket) < capacity:
                    heapq.heappush(bucket, item)
                elif score > bucket[0][0]:
                    heapq.heapreplace(bucket, item)
            else:
                bucket.append(item)
    frames = {key: sorted(items, key=lambda t: -t[0]) for key, items in entries.items()}
    return frames, all_keys


def read_exclusions(policy, path):
    out = set()
    with open(path) as f:
        for row in csv.reader(f):
            if len(row) != 2:
                raise ValueError('wrong number of columns')
            out.add(make_key(policy, row[0], row[1]))
    return out


def iou_matrix(det, gt):
    # det, gt: [N, 4] / [M, 4] as y1, x1, y2, x2 (the order the AVA readers store).
    ymin1, xmin1, ymax1, xmax1 = np.split(det, 4, axis=1)
    ymin2, xmin2, ymax2, xmax2 = np.split(gt, 4, axis=1)
    h = np.maximum(np.zeros((det.shape[0], gt.shape[0])), np.minimum(ymax1, ymax2.T) - np.maximum(ymin1, ymin2.T))
    w = np.maximum(np.zeros((det.shape[0], gt.shape[0])), np.minimum(xmax1, xmax2.T) - np.maximum(xmin1, xmin2.T))
    inter = h * w
    area1 = (det[:, 2] - det[:, 0]) * (det[:, 3] - det[:, 1])
    area2 = (gt[:, 2] - gt[:, 0]) * (gt[:, 3] - gt[:, 1])
    with np.errstate(all='ignore'):
        return inter / (area1[:, None] + area2[None, :] - inter)


def voc_ap(precision, recall):
    if precision.size == 0:
        return 0.0
    recall = np.concatenate([[0], recall, [1]])
    precision = np.concatenate([[0], precision, [0]])
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = np.maximum(precision[i], precision[i + 1])
    idx = np.where(recall[1:] != recall[:-1])[0] + 1
    return np.sum((recall[idx] - recall[idx - 1]) * precision[idx])


def evaluate(policy, labelmap, gt_path, pred_path, exclusions_path=None):
    categories, whitelist = read_labelmap(labelmap)
    if not categories:
        raise ValueError('empty label map')
    num_class = max(c['id'] for c in categories)
    if min(c['id'] for c in categories) < 1:
        raise ValueError('Classes should be 1-indexed.')
    excluded = read_exclusions(policy, exclusions_path) if exclusions_path else set()
    gt, gt_keys = read_boxes(policy, gt_path, whitelist, 0)
    det, _ = read_boxes(policy, pred_path, whitelist, 50 if policy == 'official' else 0)

    num_gt = np.zeros(num_class, dtype=int)
    gt_frames = {}
    for key, items in gt.items():
        if key in excluded:
            continue
        gt_frames[key] = items
        for item in items:
            num_gt[item[1] - 1] += 1

    scores = [[] for _ in range(num_class)]
    flags = [[] for _ in range(num_class)]
    for key, items in det.items():
        if key in excluded:
            continue
        if policy == 'official' and key not in gt_keys:
            continue
        gt_items = gt_frames.get(key, [])
        valid = [t for t in items if t[2] < t[4] and t[3] < t[5]]
        for c in range(1, num_class + 1):
            d = [t for t in valid if t[1] == c]
            if not d:
                continue
            g = [t for t in gt_items if t[1] == c]
            for t in g:
                if t[2] > t[4] or t[3] > t[5]:
                    raise ValueError('Invalid box data')
            tp = np.zeros(len(d), dtype=bool)
            if g:
                ious = iou_matrix(np.array([t[2:] for t in d], dtype=float), np.array([t[2:] for t in g], dtype=float))
                best = np.argmax(ious, axis=1)
                taken = np.zeros(len(g), dtype=bool)
                for i in range(len(d)):
                    j = best[i]
                    if ious[i, j] >= 0.5 and not taken[j]:
                        tp[i] = True
                        taken[j] = True
            scores[c - 1].append(np.array([t[0] for t in d], dtype=float))
            flags[c - 1].append(tp)

    ap = np.full(num_class, np.nan)
    counts = np.zeros(num_class, dtype=int)
    for c in range(num_class):
        s = np.concatenate(scores[c]) if scores[c] else np.array([], dtype=float)
        counts[c] = s.size
        if num_gt[c] == 0:
            continue
        t = np.concatenate(flags[c]) if flags[c] else np.array([], dtype=bool)
        order = np.argsort(s)[::-1]
        hits = t.astype(int)[order]
        cum_tp = np.cumsum(hits)
        cum_fp = np.cumsum(1 - hits)
        precision = cum_tp.astype(float) / (cum_tp + cum_fp)
        recall = cum_tp.astype(float) / num_gt[c]
        ap[c] = voc_ap(precision, recall)
    with np.errstate(all='ignore'):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            mean = np.nanmean(ap)
    listed = sorted({c['id'] for c in categories})
    return mean, [(i, ap[i - 1], num_gt[i - 1], counts[i - 1]) for i in listed]


def main():
    command = sys.argv[1]
    if command == 'eval':
        policy, labelmap, gt_path, pred_path = sys.argv[2:6]
        exclusions = sys.argv[6] if len(sys.argv) > 6 else None
        try:
            mean, per_class = evaluate(policy, labelmap, gt_path, pred_path, exclusions)
        except (ValueError, IndexError, decimal.InvalidOperation) as e:
            print('error', type(e).__name__)
            return
        print(repr(float(mean)))
        for i, ap, n, d in per_class:
            print(i, repr(float(ap)), int(n), int(d))
    elif command == 'frames':
        policy, labelmap, path, capacity = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
        _, whitelist = read_labelmap(labelmap)
        frames, all_keys = read_boxes(policy, path, whitelist, capacity)
        out = []
        for key, items in frames.items():
            out.append('key ' + key)
            for t in items:
                out.append('%r %d %r %r %r %r' % (t[0], t[1], t[2], t[3], t[4], t[5]))
        out.extend('all ' + k for k in sorted(all_keys))
        print('\n'.join(out))
    elif command == 'labelmap':
        import json
        categories, _ = read_labelmap(sys.argv[2])
        print(json.dumps(categories))
    elif command == 'iou':
        directory, n, m = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        a = np.fromfile(os.path.join(directory, 'a.bin'), dtype=np.float64).reshape(n, 4)
        b = np.fromfile(os.path.join(directory, 'b.bin'), dtype=np.float64).reshape(m, 4)
        # x1,y1,x2,y2 -> y1,x1,y2,x2
        iou_matrix(a[:, [1, 0, 3, 2]], b[:, [1, 0, 3, 2]]).astype(np.float64).tofile(os.path.join(directory, 'iou.bin'))
    elif command == 'voc':
        directory, n = sys.argv[2], int(sys.argv[3])
        p = np.fromfile(os.path.join(directory, 'precision.bin'), dtype=np.float64)[:n].copy()
        r = np.fromfile(os.path.join(directory, 'recall.bin'), dtype=np.float64)[:n].copy()
        print(repr(float(voc_ap(p, r))))
    elif command == 'sum':
        directory, n = sys.argv[2], int(sys.argv[3])
        v = np.fromfile(os.path.join(directory, 'values.bin'), dtype=np.float64)[:n]
        print(repr(float(np.sum(v))))
    else:
        raise SystemExit('unknown command ' + command)


if __name__ == '__main__':
    main()
