#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/ava_frame_map.cpp: AVA frame-mAP@0.5IoU computed the way the official ActivityNet
toolkit (Evaluation/get_ava_performance.py with its ava/ object_detection_evaluation, per_image_evaluation,
metrics and np_box_ops modules, 2020 revision) computes it, on numpy, structured as the toolkit is: csv rows
keyed with decimal.Decimal, per-frame heapq with the 50-detection cap, a PascalDetectionEvaluator-like object
that loops over every class of every frame with boolean masks, then per class argsort, cumsum and the VOC
sum. It is a transcription of the algorithm (the toolkit itself is not vendored); when the environment
variable ACTIVITYNET_TOOLKIT names a checkout of activitynet/ActivityNet, the real toolkit is run as well.

Usage: ava_peer.py LABELMAP GT.csv DETECTIONS.csv
Prints one JSON object: {"numpy": {"seconds", "value"}, "toolkit": {"seconds", "value"} | {"error"} | null}.
"seconds" is CSV to number (reading the three files included), as the toolkit's run_evaluation does it."""
import csv
import decimal
import heapq
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

import numpy as np


def make_image_key(video_id, timestamp):
    return '%s,%.6f' % (video_id, decimal.Decimal(timestamp))


def read_csv(path, class_whitelist, capacity=0):
    entries = defaultdict(list)
    boxes = defaultdict(list)
    labels = defaultdict(list)
    scores = defaultdict(list)
    all_keys = set()
    with open(path) as f:
        for row in csv.reader(f):
            assert len(row) in (2, 7, 8), 'Wrong number of columns: %r' % row
            image_key = make_image_key(row[0], row[1])
            all_keys.add(image_key)
            if len(row) == 2:
                continue
            x1, y1, x2, y2 = [float(n) for n in row[2:6]]
            action_id = int(row[6])
            if class_whitelist and action_id not in class_whitelist:
                continue
            score = 1.0
            if len(row) == 8:
                score = float(row[7])
            if capacity < 1 or len(entries[image_key]) < capacity:
                heapq.heappush(entries[image_key], (score, action_id, y1, x1, y2, x2))
            elif score > entries[image_key][0][0]:
                heapq.heapreplace(entries[image_key], (score, action_id, y1, x1, y2, x2))
    for image_key in entries:
        for score, action_id, y1, x1, y2, x2 in sorted(entries[image_key], key=lambda t: -t[0]):
            boxes[image_key].append([y1, x1, y2, x2])
            labels[image_key].append(action_id)
            scores[image_key].append(score)
    return boxes, labels, scores, all_keys


def read_labelmap(path):
    labelmap, class_ids, name = [], set(), ''
    with open(path) as f:
        for line in f:
            if line.startswith('  name:'):
                name = line.split('"')[1]
            elif line.startswith('  id:') or line.startswith('  label_id:'):
                class_id = int(line.strip().split(' ')[-1])
                labelmap.append({'id': class_id, 'name': name})
                class_ids.add(class_id)
    return labelmap, class_ids


def iou(boxes1, boxes2):
    ymin1, xmin1, ymax1, xmax1 = np.split(boxes1, 4, axis=1)
    ymin2, xmin2, ymax2, xmax2 = np.split(boxes2, 4, axis=1)
    heights = np.maximum(np.zeros((boxes1.shape[0], boxes2.shape[0])), np.minimum(ymax1, ymax2.T) - np.maximum(ymin1, ymin2.T))
    widths = np.maximum(np.zeros((boxes1.shape[0], boxes2.shape[0])), np.minimum(xmax1, xmax2.T) - np.maximum(xmin1, xmin2.T))
    inter = heights * widths
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    return inter / (area1[:, None] + area2[None, :] - inter)


def check_boxes(data):
    # np_box_list.BoxList's validity check, a Python loop over the rows as there.
    for v in data:
        if v[0] > v[2] or v[1] > v[3]:
            raise ValueError('Invalid box data')


class Evaluator:
    """ObjectDetectionEvaluation + PerImageEvaluation, without the unused difficult / group-of / mask paths."""

    def __init__(self, num_class):
        self.num_class = num_class
        self.gt_boxes, self.gt_labels = {}, {}
        self.num_gt = np.zeros(num_class, dtype=int)
        self.scores = [[] for _ in range(num_class)]
        self.tp_fp = [[] for _ in range(num_class)]

    def add_ground_truth(self, key, boxes, labels):
        self.gt_boxes[key] = boxes
        self.gt_labels[key] = labels
        for c in range(self.num_class):
            self.num_gt[c] += np.sum(labels == c)

    def add_detections(self, key, boxes, scores, labels):
        gt_boxes = self.gt_boxes.get(key, np.empty((0, 4), dtype=float))
        gt_labels = self.gt_labels.get(key, np.array([], dtype=int))
        valid = np.logical_and(boxes[:, 0] < boxes[:, 2], boxes[:, 1] < boxes[:, 3])
        boxes, scores, labels = boxes[valid], scores[valid], labels[valid]
        for c in range(self.num_class):
            g = gt_boxes[gt_labels == c]
            sel = labels == c
            d, s = boxes[sel], scores[sel]
            if d.size == 0:
                continue
            check_boxes(d)
            check_boxes(g)
            overlaps = iou(d, g)
            tp = np.zeros(d.shape[0], dtype=bool)
            if g.size > 0:
                best = np.argmax(overlaps, axis=1)
                taken = np.zeros(g.shape[0], dtype=bool)
                for i in range(d.shape[0]):
                    j = best[i]
                    if overlaps[i, j] >= 0.5 and not taken[j]:
                        tp[i] = True
                        taken[j] = True
            self.scores[c].append(s)
            self.tp_fp[c].append(tp)

    def evaluate(self):
        ap = np.full(self.num_class, np.nan)
        for c in range(self.num_class):
            if self.num_gt[c] == 0:
                continue
            s = np.concatenate(self.scores[c]) if self.scores[c] else np.array([], dtype=float)
            t = np.concatenate(self.tp_fp[c]) if self.tp_fp[c] else np.array([], dtype=bool)
            order = np.argsort(s)[::-1]
            hits = t.astype(int)[order]
            cum_tp, cum_fp = np.cumsum(hits), np.cumsum(1 - hits)
            precision = cum_tp.astype(float) / (cum_tp + cum_fp)
            recall = cum_tp.astype(float) / self.num_gt[c]
            if precision.size == 0:
                ap[c] = 0.0
                continue
            if not all(recall[i] <= recall[i + 1] for i in range(len(recall) - 1)):
                raise ValueError('recall must be a non-decreasing array')
            recall = np.concatenate([[0], recall, [1]])
            precision = np.concatenate([[0], precision, [0]])
            for i in range(len(precision) - 2, -1, -1):
                precision[i] = np.maximum(precision[i], precision[i + 1])
            idx = np.where(recall[1:] != recall[:-1])[0] + 1
            ap[c] = np.sum((recall[idx] - recall[idx - 1]) * precision[idx])
        return np.nanmean(ap)


def run_numpy(labelmap_path, gt_path, det_path):
    start = time.perf_counter()
    categories, whitelist = read_labelmap(labelmap_path)
    evaluator = Evaluator(max(c['id'] for c in categories))
    boxes, labels, _, included_keys = read_csv(gt_path, whitelist, 0)
    for key in boxes:
        evaluator.add_ground_truth(key, np.array(boxes[key], dtype=float), np.array(labels[key], dtype=int) - 1)
    boxes, labels, scores, _ = read_csv(det_path, whitelist, 50)
    for key in boxes:
        if key not in included_keys:
            continue
        evaluator.add_detections(key, np.array(boxes[key], dtype=float), np.array(scores[key], dtype=float),
                                 np.array(labels[key], dtype=int) - 1)
    value = evaluator.evaluate()
    return time.perf_counter() - start, float(value)


def run_toolkit(labelmap_path, gt_path, det_path):
    root = os.environ.get('ACTIVITYNET_TOOLKIT')
    if not root:
        return None
    evaluation = os.path.join(root, 'Evaluation')
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, 'get_ava_performance.py', '-l', os.path.abspath(labelmap_path),
                           '-g', os.path.abspath(gt_path), '-d', os.path.abspath(det_path)],
                          cwd=evaluation, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    match = re.search(r"'PascalBoxes_Precision/mAP@0\.5IOU':\s*([0-9.eE+-]+|nan)", proc.stdout)
    if proc.returncode != 0 or not match:
        return {'error': (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ['no output']}
    return {'seconds': seconds, 'value': float(match.group(1))}


def main():
    labelmap_path, gt_path, det_path = sys.argv[1:4]
    seconds, value = run_numpy(labelmap_path, gt_path, det_path)
    print(json.dumps({'numpy': {'seconds': seconds, 'value': value},
                      'toolkit': run_toolkit(labelmap_path, gt_path, det_path)}))


if __name__ == '__main__':
    main()
