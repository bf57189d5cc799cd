# SPDX-License-Identifier: Apache-2.0
# An independent numpy implementation of frame-mAP and video-mAP (ACT-detector / MOC and MultiSports
# definitions, with vidata's documented choices on their undefined cases), the other side of the
# cross-checks in tests/metrics/{frame_map,video_map}_test.cpp.
#
# Written from the published evaluation scripts' definitions (ACT.py frameAP/videoAP, ACT_utils.py
# iou2d/iou3dt/pr_to_ap, MultiSports / MMAction2 1.x multisports_utils.py iou2d_voc/iou3dt_voc/pr_to_ap_voc),
# in their own style: dicts of numpy arrays, np.argmax, np.delete. Where they are undefined (0/0 IoU, tubes
# with gaps, NaN scores, ties) it follows docs/metrics-tubes.md.
#
# usage: tube_reference.py CASE.json
#   CASE = {"policy": "act" | "multisports", "ties": "canonical" | "numpy",
#           "labels": [...], "videos": [...],                       # the evaluated split
#           "gttubes": {video: {label: [[[frame, x1, y1, x2, y2], ...], ...]}},
#           "frame_threshold": t, "frame_dets": [[video, frame, label, score, x1, y1, x2, y2], ...],
#           "video_thresholds": [...], "tube_dets": [{"video": i, "label": l, "score": s, "boxes": [[...]]}],
#           "nms": overlap}                                            # optional: ACT's nms3dt first
# prints one "name value" line per number: frame_map, frame_ap <c>, video_map <t>, video_ap <t> <c>,
# video_map_50_95, video_ap_50_95 <c> (nan for a class without ground truth).
import json
import math
import sys

import numpy as np


def box_iou(a, b, plus):
    """IoU with sides max(0, hi - lo + plus); 0 when the union is empty."""
    def side(lo, hi):
        return max(0.0, hi - lo + plus)
    inter = side(max(a[0], b[0]), min(a[2], b[2])) * side(max(a[1], b[1]), min(a[3], b[3]))
    area_a = side(a[0], a[2]) * side(a[1], a[3])
    area_b = side(b[0], b[2]) * side(b[1], b[3])
    union = area_a + area_b - inter
    return inter / union if union > 0.0 else 0.0


def tube_iou(t1, t2, policy):
    plus_box = 1.0 if policy == 'act' else 0.0
    plus_time = 1.0 if policy == 'act' else 0.0
    s1, e1 = t1[0][0], t1[-1][0]
    s2, e2 = t2[0][0], t2[-1][0]
    tmin, tmax = max(s1, s2), min(e1, e2)
    if tmax < tmin:
        return 0.0
    union = max(e1, e2) - min(s1, s2) + plus_time
    if union <= 0.0:
        return 0.0
    temporal = (tmax - tmin + plus_time) / union
    if temporal == 0.0:
        return 0.0
    boxes1 = {int(r[0]): r[1:5] for r in t1}
    boxes2 = {int(r[0]): r[1:5] for r in t2}
    total = 0.0
    for f in range(int(tmin), int(tmax) + 1):
        if f in boxes1 and f in boxes2:
            total += box_iou(boxes2[f], boxes1[f], plus_box)
    spatial = total / (tmax - tmin + 1.0)
    return spatial * temporal


def pr_to_ap_act(pr):
    """ACT's pr_to_ap: trapezoids over the curve, which starts at (precision 1, recall 0)."""
    prdif = pr[1:, 1] - pr[:-1, 1]
    prsum = pr[1:, 0] + pr[:-1, 0]
    return float(np.sum(prdif * prsum * 0.5))


def pr_to_ap_voc(pr):
    precision = np.concatenate([[0.0], pr[:, 0], [0.0]])
    recall = np.concatenate([[0.0], pr[:, 1], [1.0]])
    for i in range(len(precision) - 2, -1, -1):
        precision[i] = max(precision[i], precision[i + 1])
    idx = np.where(recall[1:] != recall[:-1])[0] + 1
    return float(np.sum((recall[idx] - recall[idx - 1]) * precision[idx]))


def score_of(x):
    return float('nan') if x is None else float(x)


def order_of(scores, keys, ties):
    """Indices by decreasing score, NaN last; ties by `keys` (canonical) or numpy's argsort(-scores)."""
    if ties == 'numpy':
        return list(np.argsort(-np.array(scores, dtype=np.float64)))
    def key(i):
        s = scores[i]
        return (1, 0.0, keys[i]) if math.isnan(s) else (0, -s, keys[i])
    return sorted(range(len(scores)), key=key)


def curve(flags, num_gt, policy):
    tp = fp = 0
    rows = [[1.0, 0.0]] if policy == 'act' else []
    for positive in flags:
        if positive:
            tp += 1
        else:
            fp += 1
        rows.append([tp / (tp + fp), tp / num_gt])
    pr = np.array(rows, dtype=np.float64).reshape(-1, 2)
    return pr_to_ap_act(pr) if policy == 'act' else pr_to_ap_voc(pr)


def frame_ap(case, c):
    policy = case['policy']
    plus = 1.0 if policy == 'act' else 0.0
    thr = case['frame_threshold']
    gt = {}
    for iv, v in enumerate(case['videos']):
        for tube in case['gttubes'].get(v, {}).get(str(c), []):
            for row in tube:
                gt.setdefault((iv, int(row[0])), []).append(row[1:5])
    num_gt = sum(len(g) for g in gt.values())
    if num_gt == 0:
        return None
    gt = {k: np.array(g, dtype=np.float64) for k, g in gt.items()}
    dets = [d for d in case['frame_dets'] if d[2] == c]
    scores = [score_of(d[3]) for d in dets]
    keys = [(d[0], d[1], d[4], d[5], d[6], d[7]) for d in dets]
    claimed = {k: np.zeros(len(g), dtype=bool) for k, g in gt.items()}
    flags = []
    for j in order_of(scores, keys, case['ties']):
        d = dets[j]
        k = (d[0], d[1])
        box = d[4:8]
        positive = False
        if k in gt:
            if policy == 'act':
                # ACT: argmax over the boxes not yet matched (it deletes matched ones)
                remaining = np.where(~claimed[k])[0]
                if remaining.size:
                    ious = np.array([box_iou(gt[k][g], box, plus) for g in remaining])
                    amax = remaining[int(np.argmax(ious))]
                    if ious.max() >= thr:
                        positive = True
                        claimed[k][amax] = True
            else:
                ious = np.array([box_iou(g, box, plus) for g in gt[k]])
                amax = int(np.argmax(ious))
                if ious[amax] >= thr and not claimed[k][amax]:
                    positive = True
                    claimed[k][amax] = True
        flags.append(positive)
    return curve(flags, num_gt, policy)


def video_aps(case, c, thresholds):
    policy = case['policy']
    gt = {}
    for iv, v in enumerate(case['videos']):
        tubes = case['gttubes'].get(v, {}).get(str(c), [])
        if tubes:
            gt[iv] = tubes
    num_gt = sum(len(g) for g in gt.values())
    if num_gt == 0:
        return [None] * len(thresholds)
    dets = [d for d in case['tube_dets'] if d['label'] == c]
    scores = [score_of(d['score']) for d in dets]
    keys = [(d['video'], [tuple(r[:5]) for r in d['boxes']]) for d in dets]
    order = order_of(scores, keys, case['ties'])
    out = []
    for thr in thresholds:
        remaining = {v: list(range(len(g))) for v, g in gt.items()}  # ACT deletes matched tubes
        claimed = {v: np.zeros(len(g), dtype=bool) for v, g in gt.items()}
        flags = []
        for j in order:
            d = dets[j]
            v = d['video']
            positive = False
            if v in gt:
                if policy == 'act':
                    if remaining[v]:
                        ious = [tube_iou(gt[v][g], d['boxes'], policy) for g in remaining[v]]
                        amax = int(np.argmax(ious))
                        if ious[amax] >= thr:
                            positive = True
                            del remaining[v][amax]
                else:
                    ious = [tube_iou(g, d['boxes'], policy) for g in gt[v]]
                    amax = int(np.argmax(ious))
                    if ious[amax] >= thr and not claimed[v][amax]:
                        positive = True
                        claimed[v][amax] = True
            flags.append(positive)
        out.append(curve(flags, num_gt, policy))
    return out


def nms3dt(case):
    """ACT's nms3dt on each video's tubes of each label: keep the best, drop what overlaps it by more than
    case['nms']; the kept tubes ordered by video, label, then selection, as ACT builds its lists."""
    overlap = case['nms']
    kept = []
    groups = {}
    for d in case['tube_dets']:
        groups.setdefault((d['video'], d['label']), []).append(d)
    for key in sorted(groups):
        tubes = groups[key]
        scores = [score_of(d['score']) for d in tubes]
        if case['ties'] == 'numpy':
            remaining = np.argsort(np.array(scores, dtype=np.float64))
        else:
            keys = [(d['video'], [tuple(r[:5]) for r in d['boxes']]) for d in tubes]
            remaining = np.array(order_of(scores, keys, 'canonical')[::-1], dtype=np.int64)
        while remaining.size > 0:
            i = remaining[-1]
            kept.append(tubes[i])
            ious = np.array([tube_iou(tubes[j]['boxes'], tubes[i]['boxes'], case['policy']) for j in remaining[:-1]])
            remaining = remaining[:-1][ious <= overlap] if ious.size else remaining[:0]
    case['tube_dets'] = kept


def mean_present(values):
    present = [x for x in values if x is not None]
    return sum(present) / len(present)


def main():
    with open(sys.argv[1]) as f:
        case = json.load(f)
    num_classes = len(case['labels'])
    lines = []
    if 'frame_dets' in case:
        aps = [frame_ap(case, c) for c in range(num_classes)]
        lines.append(('frame_map', mean_present(aps)))
        for c, ap in enumerate(aps):
            lines.append(('frame_ap %d' % c, float('nan') if ap is None else ap))
    if 'tube_dets' in case:
        if 'nms' in case:
            nms3dt(case)
        reported = case['video_thresholds']
        high = [0.5 + 0.05 * i for i in range(10)]
        per_class = [video_aps(case, c, reported + high) for c in range(num_classes)]
        for t, thr in enumerate(reported):
            lines.append(('video_map %d' % t, mean_present([p[t] for p in per_class])))
            for c in range(num_classes):
                ap = per_class[c][t]
                lines.append(('video_ap %d %d' % (t, c), float('nan') if ap is None else ap))
        maps = [mean_present([p[len(reported) + i] for p in per_class]) for i in range(10)]
        lines.append(('video_map_50_95', sum(maps) / 10.0))
        for c in range(num_classes):
            p = per_class[c]
            lines.append(('video_ap_50_95 %d' % c,
                          float('nan') if p[0] is None else sum(p[len(reported):]) / 10.0))
    for name, value in lines:
        print(name, repr(float(value)))


if __name__ == '__main__':
    main()
