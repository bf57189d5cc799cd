# SPDX-License-Identifier: Apache-2.0
# The independent side of vidata's temporal-metric tests: ActivityNet proposal (AR@AN) and detection (mAP)
# evaluation written straight from the official toolkit's formulas (Evaluation/eval_proposal.py,
# eval_detection.py, utils.py; pandas replaced by lists and dicts that keep the same row orders) and from
# MMAction2 0.x (mmaction/core/evaluation/accuracy.py, eval_detection.py), with numpy 1.24 doing every sort,
# cast, comparison and sum, so that its tie orders, float32 rounding and pairwise sums decide the numbers.
#
# usage: anet_reference.py COMMAND DIR
#   linspace DIR   options.json {"linspace": [start, stop, num]}      -> {"values": [...]}
#   iou DIR        iou.json {"candidates": [[s, e]...], "targets": [[s, e]...], "policy": P}
#                  -> {"iou": n x m, "overlap_self": n x m}   (P: official | mmaction2 | mmaction2_ar)
#   ar DIR         gt.json, results.json, options.json {"policy", "subset", "max_avg", "thresholds"}
#                  -> {"recall", "avg_recall", "proposals_per_video", "auc", "AR@1", "AR@5", "AR@10", "AR@100"}
#   tdet DIR       gt.json, results.json, options.json {"policy", "subset", "thresholds"}
#                  -> {"labels", "ap" (T x C), "mAP", "average_mAP", "per_class"}
# A reference failure (KeyError, ZeroDivisionError, IndexError) prints {"error": "<type>: <message>"}.
# Floats print with repr (json.dumps), so doubles round-trip exactly.
import json
import os
import sys

import numpy as np


def load(directory, name):
    with open(os.path.join(directory, name)) as f:
        return json.load(f)


def ground_truth_rows(gt, subset):
    """(video, start, end, label) rows in file order, as both toolkits build them.

    The official form selects `subset` and keeps ids; MMAction2's drops the first two characters of a key."""
    rows = []
    if 'database' in gt:
        for video, v in gt['database'].items():
            if subset != v['subset']:
                continue
            for ann in v['annotations']:
                rows.append((video, float(ann['segment'][0]), float(ann['segment'][1]), ann['label']))
        return rows, 'official'
    for video, v in gt.items():
        for ann in v['annotations']:
            rows.append((video[2:], float(ann['segment'][0]), float(ann['segment'][1]), ann['label']))
    return rows, 'mmaction2'


def videos_of(gt, subset):
    """Every evaluated video id with its annotations, as MMAction2's dataset sees them (empty lists kept)."""
    if 'database' in gt:
        return [(video, v['annotations']) for video, v in gt['database'].items() if v['subset'] == subset]
    return [(video[2:], v['annotations']) for video, v in gt.items()]


# ---- official toolkit (utils.py) ----

def segment_iou(target_segment, candidate_segments):
    tt1 = np.maximum(target_segment[0], candidate_segments[:, 0])
    tt2 = np.minimum(target_segment[1], candidate_segments[:, 1])
    segments_intersection = (tt2 - tt1).clip(0)
    segments_union = (candidate_segments[:, 1] - candidate_segments[:, 0]) \
        + (target_segment[1] - target_segment[0]) - segments_intersection
    with np.errstate(invalid='ignore', divide='ignore'):
        return segments_intersection.astype(float) / segments_union


def wrapper_segment_iou(target_segments, candidate_segments):
    n, m = candidate_segments.shape[0], target_segments.shape[0]
    tiou = np.empty((n, m))
    for i in range(m):
        tiou[:, i] = segment_iou(target_segments[i, :], candidate_segments)
    return tiou


def interpolated_prec_rec(prec, rec):
    mprec = np.hstack([[0], prec, [0]])
    mrec = np.hstack([[0], rec, [1]])
    for i in range(len(mprec) - 1)[::-1]:
        mprec[i] = max(mprec[i], mprec[i + 1])
    idx = np.where(mrec[1::] != mrec[0:-1])[0] + 1
    return np.sum((mrec[idx] - mrec[idx - 1]) * mprec[idx])


# ---- MMAction2 0.x (accuracy.py) ----

def pairwise_temporal_iou(candidate_segments, target_segments, calculate_overlap_self=False):
    candidate_segments_ndim = candidate_segments.ndim
    if candidate_segments_ndim == 1:
        candidate_segments = candidate_segments[np.newaxis, :]
    n, m = target_segments.shape[0], candidate_segments.shape[0]
    t_iou = np.empty((n, m), dtype=np.float32)
    t_overlap_self = np.empty((n, m), dtype=np.float32)
    with np.errstate(invalid='ignore', divide='ignore'):
        for i in range(m):
            candidate_segment = candidate_segments[i, :]
            tt1 = np.maximum(candidate_segment[0], target_segments[:, 0])
            tt2 = np.minimum(candidate_segment[1], target_segments[:, 1])
            segments_intersection = (tt2 - tt1).clip(0)
            segments_union = ((target_segments[:, 1] - target_segments[:, 0]) +
                              (candidate_segment[1] - candidate_segment[0]) - segments_intersection)
            t_iou[:, i] = (segments_intersection.astype(float) / segments_union)
            candidate_length = candidate_segment[1] - candidate_segment[0]
            t_overlap_self[:, i] = (segments_intersection.astype(float) / candidate_length)
    if candidate_segments_ndim == 1:
        t_iou = np.squeeze(t_iou, axis=1)
        t_overlap_self = np.squeeze(t_overlap_self, axis=1)
    if calculate_overlap_self:
        return t_iou, t_overlap_self
    return t_iou


# ---- AR@AN ----

def ar_official(gt, results, subset, max_avg_nr_proposals, tiou_thresholds):
    rows, _ = ground_truth_rows(gt, subset)
    video_lst = []
    gt_by_video = {}
    for video, s, e, _ in rows:
        if video not in gt_by_video:
            video_lst.append(video)
            gt_by_video[video] = []
        gt_by_video[video].append([s, e])
    proposal_rows = [(video, float(r['segment'][0]), float(r['segment'][1]), r['score'])
                     for video, lst in results['results'].items() for r in lst]
    n_proposals = len(proposal_rows)
    if not max_avg_nr_proposals:
        max_avg_nr_proposals = float(n_proposals) / len(video_lst)
    ratio = max_avg_nr_proposals * float(len(video_lst)) / n_proposals
    prop_by_video = {}
    for video, s, e, score in proposal_rows:
        prop_by_video.setdefault(video, []).append((s, e, score))
    score_lst = []
    total_nr_proposals = 0
    for videoid in video_lst:
        this_video_ground_truth = np.array(gt_by_video[videoid])
        if videoid not in prop_by_video:
            score_lst.append(np.zeros((this_video_ground_truth.shape[0], 1)))
            continue
        props = prop_by_video[videoid]
        this_video_proposals = np.array([[s, e] for s, e, _ in props])
        scores = np.array([score for _, _, score in props])
        sort_idx = scores.argsort()[::-1]  # pandas Series.argsort: np.argsort(values, kind='quicksort')
        this_video_proposals = this_video_proposals[sort_idx, :]
        nr_proposals = np.minimum(int(this_video_proposals.shape[0] * ratio), this_video_proposals.shape[0])
        total_nr_proposals += nr_proposals
        this_video_proposals = this_video_proposals[:nr_proposals, :]
        score_lst.append(wrapper_segment_iou(this_video_proposals, this_video_ground_truth))
    return ar_curve(score_lst, max_avg_nr_proposals, len(video_lst), total_nr_proposals, tiou_thresholds)


def ar_mmaction2(gt, results, subset, max_avg_proposals, temporal_iou_thresholds):
    ground_truth = {}
    for video_id, annotations in videos_of(gt, subset):
        ground_truth[video_id] = np.array([[a['segment'][0], a['segment'][1], a['label']] for a in annotations])
    proposals = {}
    total_num_proposals = 0
    for video_id, lst in results['results'].items():
        proposals[video_id] = np.array([[r['segment'][0], r['segment'][1], r['score']] for r in lst])
        total_num_proposals += len(lst)
    total_num_videos = len(ground_truth)
    if not max_avg_proposals:
        max_avg_proposals = float(total_num_proposals) / total_num_videos
    ratio = (max_avg_proposals * float(total_num_videos) / total_num_proposals)
    score_list = []
    total_num_retrieved_proposals = 0
    for video_id in ground_truth:
        proposals_video_id = proposals[video_id]
        this_video_proposals = proposals_video_id[:, :2]
        sort_idx = proposals_video_id[:, 2].argsort()[::-1]
        this_video_proposals = this_video_proposals[sort_idx, :].astype(np.float32)
        ground_truth_video_id = ground_truth[video_id]
        this_video_ground_truth = ground_truth_video_id[:, :2].astype(np.float32)
        if this_video_proposals.shape[0] == 0:
            score_list.append(np.zeros((this_video_ground_truth.shape[0], 1)))
            continue
        num_retrieved_proposals = np.minimum(int(this_video_proposals.shape[0] * ratio), this_video_proposals.shape[0])
        total_num_retrieved_proposals += num_retrieved_proposals
        this_video_proposals = this_video_proposals[:num_retrieved_proposals, :]
        score_list.append(pairwise_temporal_iou(this_video_proposals, this_video_ground_truth))
    return ar_curve(score_list, max_avg_proposals, total_num_videos, total_num_retrieved_proposals,
                    temporal_iou_thresholds)


def ar_curve(score_lst, max_avg, num_videos, total_retrieved, tiou_thresholds):
    # Shared by both: the percentile grid, the matches, the mean over thresholds and the AUC.
    pcn_lst = np.arange(1, 101) / 100.0 * (max_avg * float(num_videos) / total_retrieved)
    matches = np.empty((num_videos, pcn_lst.shape[0]))
    positives = np.empty(num_videos)
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
    proposals_per_video = pcn_lst * (float(total_retrieved) / num_videos)
    area_under_curve = np.trapz(avg_recall, proposals_per_video)
    auc = 100. * float(area_under_curve) / proposals_per_video[-1]
    out = {'recall': recall.tolist(), 'avg_recall': avg_recall.tolist(),
           'proposals_per_video': proposals_per_video.tolist(), 'auc': auc}
    for n in (1, 5, 10, 100):  # MMAction2's evaluate(): np.mean(recall[:, n - 1])
        out['AR@%d' % n] = float(np.mean(recall[:, n - 1]))
    return out


# ---- detection ----

def detection_official(gt, results, subset, tiou_thresholds):
    rows, _ = ground_truth_rows(gt, subset)
    activity_index = {}
    for _, _, _, label in rows:
        if label not in activity_index:
            activity_index[label] = len(activity_index)
    gt_rows = [(video, s, e, activity_index[label]) for video, s, e, label in rows]
    pred_rows = []
    for video, lst in results['results'].items():
        for r in lst:
            label = activity_index[r['label']]
            pred_rows.append((video, float(r['segment'][0]), float(r['segment'][1]), label, r['score']))
    ap = np.zeros((len(tiou_thresholds), len(activity_index)))
    for cidx in activity_index.values():
        class_gt = [g for g in gt_rows if g[3] == cidx]
        class_pred = [p for p in pred_rows if p[3] == cidx]
        ap[:, cidx] = ap_official(class_gt, class_pred, tiou_thresholds)
    return detection_output(activity_index, ap)


def ap_official(ground_truth, prediction, tiou_thresholds):
    ap = np.zeros(len(tiou_thresholds))
    if len(prediction) == 0:
        return ap
    npos = float(len(ground_truth))
    lock_gt = np.ones((len(tiou_thresholds), len(ground_truth))) * -1
    sort_idx = np.array([p[4] for p in prediction]).argsort()[::-1]
    prediction = [prediction[i] for i in sort_idx]
    tp = np.zeros((len(tiou_thresholds), len(prediction)))
    fp = np.zeros((len(tiou_thresholds), len(prediction)))
    gt_by_video = {}
    for index, g in enumerate(ground_truth):
        gt_by_video.setdefault(g[0], []).append((index, g[1], g[2]))
    for idx, this_pred in enumerate(prediction):
        if this_pred[0] not in gt_by_video:
            fp[:, idx] = 1
            continue
        this_gt = gt_by_video[this_pred[0]]
        tiou_arr = segment_iou(np.array([this_pred[1], this_pred[2]]), np.array([[g[1], g[2]] for g in this_gt]))
        tiou_sorted_idx = tiou_arr.argsort()[::-1]
        for tidx, tiou_thr in enumerate(tiou_thresholds):
            for jdx in tiou_sorted_idx:
                if tiou_arr[jdx] < tiou_thr:
                    fp[tidx, idx] = 1
                    break
                if lock_gt[tidx, this_gt[jdx][0]] >= 0:
                    continue
                tp[tidx, idx] = 1
                lock_gt[tidx, this_gt[jdx][0]] = idx
                break
            if fp[tidx, idx] == 0 and tp[tidx, idx] == 0:
                fp[tidx, idx] = 1
    tp_cumsum = np.cumsum(tp, axis=1).astype(float)
    fp_cumsum = np.cumsum(fp, axis=1).astype(float)
    recall_cumsum = tp_cumsum / npos
    precision_cumsum = tp_cumsum / (tp_cumsum + fp_cumsum)
    for tidx in range(len(tiou_thresholds)):
        ap[tidx] = interpolated_prec_rec(precision_cumsum[tidx, :], recall_cumsum[tidx, :])
    return ap


def detection_mmaction2(gt, results, subset, tiou_thresholds):
    rows, _ = ground_truth_rows(gt, subset)
    activity_index = {}
    ground_truth = []
    for video, s, e, label in rows:
        if label not in activity_index:
            activity_index[label] = len(activity_index)
        ground_truth.append({'video-id': video, 't-start': s, 't-end': e, 'label': activity_index[label]})
    prediction = []
    for video_id, video_info in results['results'].items():
        for result in video_info:
            prediction.append({'video-id': video_id, 'label': activity_index[result['label']],
                               't-start': float(result['segment'][0]), 't-end': float(result['segment'][1]),
                               'score': result['score']})
    ap = np.zeros((len(tiou_thresholds), len(activity_index)))
    ground_truth_by_label = [[] for _ in activity_index]
    prediction_by_label = [[] for _ in activity_index]
    for g in ground_truth:
        ground_truth_by_label[g['label']].append(g)
    for p in prediction:
        prediction_by_label[p['label']].append(p)
    for i in range(len(activity_index)):
        ap[:, i] = ap_mmaction2(ground_truth_by_label[i], prediction_by_label[i], tiou_thresholds)
    return detection_output(activity_index, ap)


def ap_mmaction2(ground_truth, prediction, tiou_thresholds):
    num_thresholds = len(tiou_thresholds)
    num_gts = len(ground_truth)
    num_preds = len(prediction)
    ap = np.zeros(num_thresholds)
    if len(prediction) == 0:
        return ap
    num_positive = float(num_gts)
    lock_gt = np.ones((num_thresholds, num_gts)) * -1
    prediction.sort(key=lambda x: -x['score'])
    tp = np.zeros((num_thresholds, num_preds))
    fp = np.zeros((num_thresholds, num_preds))
    ground_truth_by_videoid = {}
    for i, item in enumerate(ground_truth):
        item['index'] = i
        ground_truth_by_videoid.setdefault(item['video-id'], []).append(item)
    for idx, pred in enumerate(prediction):
        if pred['video-id'] in ground_truth_by_videoid:
            gts = ground_truth_by_videoid[pred['video-id']]
        else:
            fp[:, idx] = 1
            continue
        tiou_arr = pairwise_temporal_iou(np.array([pred['t-start'], pred['t-end']]),
                                         np.array([np.array([g['t-start'], g['t-end']]) for g in gts]))
        tiou_arr = tiou_arr.reshape(-1)
        tiou_sorted_idx = tiou_arr.argsort()[::-1]
        for t_idx, tiou_threshold in enumerate(tiou_thresholds):
            for j_idx in tiou_sorted_idx:
                if tiou_arr[j_idx] < tiou_threshold:
                    fp[t_idx, idx] = 1
                    break
                if lock_gt[t_idx, gts[j_idx]['index']] >= 0:
                    continue
                tp[t_idx, idx] = 1
                lock_gt[t_idx, gts[j_idx]['index']] = idx
                break
            if fp[t_idx, idx] == 0 and tp[t_idx, idx] == 0:
                fp[t_idx, idx] = 1
    tp_cumsum = np.cumsum(tp, axis=1).astype(float)
    fp_cumsum = np.cumsum(fp, axis=1).astype(float)
    recall_cumsum = tp_cumsum / num_positive
    precision_cumsum = tp_cumsum / (tp_cumsum + fp_cumsum)
    for t_idx in range(len(tiou_thresholds)):
        ap[t_idx] = interpolated_prec_rec(precision_cumsum[t_idx, :], recall_cumsum[t_idx, :])
    return ap


def detection_output(activity_index, ap):
    mAP = ap.mean(axis=1)
    return {'labels': list(activity_index.keys()), 'ap': ap.tolist(), 'mAP': mAP.tolist(),
            'average_mAP': float(mAP.mean()),
            'per_class': [float(np.mean(ap[:, c])) for c in range(ap.shape[1])]}


def main():
    command, directory = sys.argv[1], sys.argv[2]
    try:
        if command == 'linspace':
            start, stop, num = load(directory, 'options.json')['linspace']
            out = {'values': np.linspace(start, stop, int(num)).tolist()}
        elif command == 'iou':
            case = load(directory, 'iou.json')
            candidates = np.array(case['candidates'], dtype=float).reshape(-1, 2)
            targets = np.array(case['targets'], dtype=float).reshape(-1, 2)
            if case['policy'] == 'official':
                # wrapper_segment_iou(target_segments=candidates, candidate_segments=targets): n x m
                iou = wrapper_segment_iou(candidates, targets)
                with np.errstate(invalid='ignore', divide='ignore'):
                    inter = np.array([[max(min(t[1], c[1]) - max(t[0], c[0]), 0.0) for c in candidates]
                                      for t in targets]).reshape(len(targets), len(candidates))
                    overlap = inter / (candidates[:, 1] - candidates[:, 0])[np.newaxis, :]
            else:
                if case['policy'] == 'mmaction2_ar':
                    candidates = candidates.astype(np.float32)
                    targets = targets.astype(np.float32)
                iou, overlap = pairwise_temporal_iou(candidates, targets, calculate_overlap_self=True)
            out = {'iou': [[float(x) for x in row] for row in iou],
                   'overlap_self': [[float(x) for x in row] for row in overlap]}
        else:
            gt = load(directory, 'gt.json')
            results = load(directory, 'results.json')
            options = load(directory, 'options.json')
            thresholds = np.array(options['thresholds'], dtype=float)
            policy = options['policy']
            subset = options.get('subset', 'validation')
            if command == 'ar':
                fn = ar_official if policy == 'official' else ar_mmaction2
                out = fn(gt, results, subset, options.get('max_avg'), thresholds)
            elif command == 'tdet':
                fn = detection_official if policy == 'official' else detection_mmaction2
                out = fn(gt, results, subset, thresholds)
            else:
                raise SystemExit('unknown command ' + command)
    except (KeyError, ZeroDivisionError, IndexError) as e:
        out = {'error': '%s: %s' % (type(e).__name__, e)}
    # NaN is not JSON; the tests compare NaN positions through null.
    print(json.dumps(without_nan(out), allow_nan=False))


def without_nan(value):
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    return value


if __name__ == '__main__':
    main()
