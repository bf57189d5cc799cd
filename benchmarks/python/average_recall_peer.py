#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/average_recall.cpp: ActivityNet's AR@AN (average recall against the average number
of proposals per video) computed the way the official toolkit computes it (Evaluation/eval_proposal.py,
ANETproposal with its average_recall_vs_avg_nr_proposals, and utils.py's wrapper_segment_iou / segment_iou),
structured as the toolkit is:

  - json.load of the ground truth and of the proposals, the field checks, one Python loop per file building
    the per-row lists (video id, t-start, t-end, label / score) of the toolkit's DataFrames;
  - the videos: the unique ground-truth video ids; ratio = 100 * V / (all proposal rows);
  - per video: its ground-truth rows and its proposal rows (pandas groupby + get_group), the proposals sorted
    by `score.argsort()[::-1]` (numpy's quicksort, reversed), truncated to min(int(n * ratio), n), the tIoU
    matrix from wrapper_segment_iou (one segment_iou call per proposal), a zero column for a video without
    proposals;
  - per threshold, per video, per point of the 100-point curve: np.count_nonzero over the truncated boolean
    matrix, as the toolkit's triple loop does; recall, its mean over thresholds, the proposals per video;
  - MMAction2's scalars from it: AR@n = recall[:, n - 1].mean(), auc = 100 * trapz(avg_recall, ppv) / ppv[-1].

It is a transcription of the algorithm (the toolkit is not vendored here, and it is Python 2). Two deliberate
deviations, neither of which changes a number: `.astype(int)` for the toolkit's `.astype(np.int)` (the alias
is gone from numpy 1.24, where it was the builtin int), and no blocked-video list (the toolkit fetches it
from a web API; check_status=False skips it there too). When pandas is importable the DataFrames and
groupby are pandas', as in the toolkit; otherwise the same rows live in numpy arrays and a dict of row
positions per video stands in for groupby (what pandas' groupby indices hold): "implementation" says which.

When the environment variable ACTIVITYNET_TOOLKIT names a checkout of activitynet/ActivityNet, the real
toolkit is run as well (ANETproposal(..., max_avg_nr_proposals=100, check_status=False).evaluate() in a
subprocess of $ACTIVITYNET_PYTHON, default /usr/bin/python2 when there is one, else this interpreter).

Usage: average_recall_peer.py GT.json PROPOSALS.json
Prints one JSON object:
  {"peer": {"implementation", "seconds", "read_seconds", "compute_seconds", "AR@1", "AR@5", "AR@10", "AR@100",
            "auc", "videos", "proposals", "retrieved"},
   "toolkit": {"seconds", "process_seconds", "AR@1", ..., "auc"} | {"error"} | null}
"seconds" is file to number: both json.load calls included."""
import json
import os
import subprocess
import sys
import time

import numpy as np

try:
    import pandas as pd
except ImportError:  # Debian's python3-pandas is not installed: the numpy stand-in below.
    pd = None

GROUND_TRUTH_FIELDS = ['database', 'taxonomy', 'version']
PROPOSAL_FIELDS = ['results', 'version', 'external_data']


def segment_iou(target_segment, candidate_segments):
    tt1 = np.maximum(target_segment[0], candidate_segments[:, 0])
    tt2 = np.minimum(target_segment[1], candidate_segments[:, 1])
    # Intersection including Non-negative overlap score.
    segments_intersection = (tt2 - tt1).clip(0)
    # Segment union.
    segments_union = (candidate_segments[:, 1] - candidate_segments[:, 0]) \
        + (target_segment[1] - target_segment[0]) - segments_intersection
    return segments_intersection.astype(float) / segments_union


def wrapper_segment_iou(target_segments, candidate_segments):
    if candidate_segments.ndim != 2 or target_segments.ndim != 2:
        raise ValueError('Dimension of arguments is incorrect')
    n, m = candidate_segments.shape[0], target_segments.shape[0]
    tiou = np.empty((n, m))
    for i in range(m):
        tiou[:, i] = segment_iou(target_segments[i, :], candidate_segments)
    return tiou


class Frame:
    """The numpy stand-in for the toolkit's DataFrame: the same columns, and groupby as row positions per key
    in order of appearance (pandas' groupby(...).indices)."""

    def __init__(self, columns):
        self.columns = {k: np.asarray(v) if k != 'video-id' else np.array(v, dtype=object) for k, v in columns.items()}
        self.shape = (len(columns['video-id']), len(columns))

    def unique_videos(self):
        return np.array(list(dict.fromkeys(self.columns['video-id'])), dtype=object)

    def groupby_video(self):
        groups = {}
        for row, video in enumerate(self.columns['video-id']):
            groups.setdefault(video, []).append(row)
        return {video: np.array(rows, dtype=np.intp) for video, rows in groups.items()}


def import_ground_truth(path, subset='validation'):
    with open(path, 'r') as fobj:
        data = json.load(fobj)
    if not all([field in data.keys() for field in GROUND_TRUTH_FIELDS]):
        raise IOError('Please input a valid ground truth file.')
    activity_index, cidx = {}, 0
    video_lst, t_start_lst, t_end_lst, label_lst = [], [], [], []
    for videoid, v in data['database'].items():
        if subset != v['subset']:
            continue
        for ann in v['annotations']:
            if ann['label'] not in activity_index:
                activity_index[ann['label']] = cidx
                cidx += 1
            video_lst.append(videoid)
            t_start_lst.append(float(ann['segment'][0]))
            t_end_lst.append(float(ann['segment'][1]))
            label_lst.append(activity_index[ann['label']])
    columns = {'video-id': video_lst, 't-start': t_start_lst, 't-end': t_end_lst, 'label': label_lst}
    return (pd.DataFrame(columns) if pd is not None else Frame(columns)), activity_index


def import_proposal(path):
    with open(path, 'r') as fobj:
        data = json.load(fobj)
    if not all([field in data.keys() for field in PROPOSAL_FIELDS]):
        raise IOError('Please input a valid proposal file.')
    video_lst, t_start_lst, t_end_lst, score_lst = [], [], [], []
    for videoid, v in data['results'].items():
        for result in v:
            video_lst.append(videoid)
            t_start_lst.append(float(result['segment'][0]))
            t_end_lst.append(float(result['segment'][1]))
            score_lst.append(result['score'])
    columns = {'video-id': video_lst, 't-start': t_start_lst, 't-end': t_end_lst, 'score': score_lst}
    return pd.DataFrame(columns) if pd is not None else Frame(columns)


def per_video_scores_pandas(ground_truth, proposals, ratio, video_lst):
    """The toolkit's first loop, verbatim on pandas."""
    ground_truth_gbvn = ground_truth.groupby('video-id')
    proposals_gbvn = proposals.groupby('video-id')
    score_lst, total_nr_proposals = [], 0
    for videoid in video_lst:
        ground_truth_videoid = ground_truth_gbvn.get_group(videoid)
        this_video_ground_truth = ground_truth_videoid.loc[:, ['t-start', 't-end']].values
        try:
            proposals_videoid = proposals_gbvn.get_group(videoid)
        except KeyError:
            score_lst.append(np.zeros((this_video_ground_truth.shape[0], 1)))
            continue
        this_video_proposals = proposals_videoid.loc[:, ['t-start', 't-end']].values
        if this_video_proposals.shape[0] == 0:
            score_lst.append(np.zeros((this_video_ground_truth.shape[0], 1)))
            continue
        sort_idx = proposals_videoid['score'].argsort()[::-1]
        this_video_proposals = this_video_proposals[sort_idx, :]
        if this_video_proposals.ndim != 2:
            this_video_proposals = np.expand_dims(this_video_proposals, axis=0)
        if this_video_ground_truth.ndim != 2:
            this_video_ground_truth = np.expand_dims(this_video_ground_truth, axis=0)
        nr_proposals = np.minimum(int(this_video_proposals.shape[0] * ratio), this_video_proposals.shape[0])
        total_nr_proposals += nr_proposals
        this_video_proposals = this_video_proposals[:nr_proposals, :]
        score_lst.append(wrapper_segment_iou(this_video_proposals, this_video_ground_truth))
    return score_lst, total_nr_proposals


def per_video_scores_numpy(ground_truth, proposals, ratio, video_lst):
    """The same loop on the numpy stand-in: get_group is a take of the group's rows, in row order."""
    gt_groups = ground_truth.groupby_video()
    proposal_groups = proposals.groupby_video()
    gt_segments = np.stack([ground_truth.columns['t-start'], ground_truth.columns['t-end']], axis=1).astype(float)
    proposal_segments = np.stack([proposals.columns['t-start'], proposals.columns['t-end']], axis=1).astype(float)
    proposal_scores = proposals.columns['score']
    score_lst, total_nr_proposals = [], 0
    for videoid in video_lst:
        this_video_ground_truth = gt_segments[gt_groups[videoid], :]
        rows = proposal_groups.get(videoid)
        if rows is None or rows.shape[0] == 0:
            score_lst.append(np.zeros((this_video_ground_truth.shape[0], 1)))
            continue
        this_video_proposals = proposal_segments[rows, :]
        sort_idx = proposal_scores[rows].argsort()[::-1]
        this_video_proposals = this_video_proposals[sort_idx, :]
        if this_video_proposals.ndim != 2:
            this_video_proposals = np.expand_dims(this_video_proposals, axis=0)
        if this_video_ground_truth.ndim != 2:
            this_video_ground_truth = np.expand_dims(this_video_ground_truth, axis=0)
        nr_proposals = np.minimum(int(this_video_proposals.shape[0] * ratio), this_video_proposals.shape[0])
        total_nr_proposals += nr_proposals
        this_video_proposals = this_video_proposals[:nr_proposals, :]
        score_lst.append(wrapper_segment_iou(this_video_proposals, this_video_ground_truth))
    return score_lst, total_nr_proposals


def average_recall_vs_avg_nr_proposals(ground_truth, proposals, max_avg_nr_proposals=None,
                                       tiou_thresholds=np.linspace(0.5, 0.95, 10)):
    if pd is not None:
        video_lst = ground_truth['video-id'].unique()
    else:
        video_lst = ground_truth.unique_videos()
    if not max_avg_nr_proposals:
        max_avg_nr_proposals = float(proposals.shape[0]) / video_lst.shape[0]
    ratio = max_avg_nr_proposals * float(video_lst.shape[0]) / proposals.shape[0]

    per_video = per_video_scores_pandas if pd is not None else per_video_scores_numpy
    score_lst, total_nr_proposals = per_video(ground_truth, proposals, ratio, video_lst)

    pcn_lst = np.arange(1, 101) / 100.0 * (max_avg_nr_proposals * float(video_lst.shape[0]) / total_nr_proposals)
    matches = np.empty((video_lst.shape[0], pcn_lst.shape[0]))
    positives = np.empty(video_lst.shape[0])
    recall = np.empty((tiou_thresholds.shape[0], pcn_lst.shape[0]))
    for ridx, tiou in enumerate(tiou_thresholds):
        for i, score in enumerate(score_lst):
            positives[i] = score.shape[0]
            true_positives_tiou = score >= tiou
            pcn_proposals = np.minimum((score.shape[1] * pcn_lst).astype(int), score.shape[1])
            for j, nr_proposals in enumerate(pcn_proposals):
                matches[i, j] = np.count_nonzero((true_positives_tiou[:, :nr_proposals]).sum(axis=1))
        recall[ridx, :] = matches.sum(axis=0) / positives.sum()
    avg_recall = recall.mean(axis=0)
    proposals_per_video = pcn_lst * (float(total_nr_proposals) / video_lst.shape[0])
    return recall, avg_recall, proposals_per_video, int(total_nr_proposals), int(video_lst.shape[0])


def scalars(recall, avg_recall, proposals_per_video):
    # MMAction2's ActivityNetDataset.evaluate keys, and the toolkit's printed area (ANETproposal.evaluate).
    out = {'AR@%d' % n: float(np.mean(recall[:, n - 1])) for n in (1, 5, 10, 100)}
    out['auc'] = 100.0 * float(np.trapz(avg_recall, proposals_per_video)) / proposals_per_video[-1]
    return out


def run_peer(gt_path, proposal_path):
    start = time.perf_counter()
    ground_truth, _ = import_ground_truth(gt_path)
    proposals = import_proposal(proposal_path)
    read = time.perf_counter()
    recall, avg_recall, ppv, retrieved, videos = average_recall_vs_avg_nr_proposals(ground_truth, proposals,
                                                                                     max_avg_nr_proposals=100)
    out = scalars(recall, avg_recall, ppv)
    end = time.perf_counter()
    out.update({'implementation': 'pandas %s' % pd.__version__ if pd is not None else 'numpy (pandas not installed)',
                'seconds': end - start, 'read_seconds': read - start, 'compute_seconds': end - read,
                'videos': videos, 'proposals': int(proposals.shape[0]), 'retrieved': retrieved})
    return out


# Runs in the toolkit's interpreter (Python 2 for the 2016-2019 checkouts): imports eval_proposal from the
# checkout, times reading + evaluate() as the toolkit does them, prints the same scalars.
TOOLKIT_DRIVER = r'''
from __future__ import print_function
import json, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
from eval_proposal import ANETproposal
start = time.time()
p = ANETproposal(sys.argv[2], sys.argv[3], tiou_thresholds=np.linspace(0.5, 0.95, 10), max_avg_nr_proposals=100,
                 subset='validation', verbose=False, check_status=False)
p.evaluate()
seconds = time.time() - start
out = dict(('AR@%d' % n, float(np.mean(p.recall[:, n - 1]))) for n in (1, 5, 10, 100))
out['auc'] = 100.0 * float(np.trapz(p.avg_recall, p.proposals_per_video)) / p.proposals_per_video[-1]
out['seconds'] = seconds
print(json.dumps(out))
'''


def run_toolkit(gt_path, proposal_path):
    root = os.environ.get('ACTIVITYNET_TOOLKIT')
    if not root:
        return None
    python = os.environ.get('ACTIVITYNET_PYTHON')
    if not python:  # Debian's python2 where installed (not a pyenv shim), else this interpreter
        python = '/usr/bin/python2' if os.access('/usr/bin/python2', os.X_OK) else sys.executable
    start = time.perf_counter()
    proc = subprocess.run([python, '-c', TOOLKIT_DRIVER, os.path.join(root, 'Evaluation'), os.path.abspath(gt_path),
                           os.path.abspath(proposal_path)], capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    try:
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {'error': (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ['no output'], 'python': python}
    out['process_seconds'] = process_seconds
    out['python'] = python
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: average_recall_peer.py GT.json PROPOSALS.json')
    gt_path, proposal_path = sys.argv[1:3]
    print(json.dumps({'peer': run_peer(gt_path, proposal_path), 'toolkit': run_toolkit(gt_path, proposal_path)}))


if __name__ == '__main__':
    main()
