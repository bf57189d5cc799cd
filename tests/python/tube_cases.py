# SPDX-License-Identifier: Apache-2.0
# Files in the formats of JHMDB / UCF101-24 / MultiSports evaluation, written by Python itself, with what
# Python sees in them, for tests/metrics/tube_inputs_test.cpp and tests/tools/eval_tubes_test.cpp.
#
# usage: tube_cases.py gt DIR        ACT-style GT pickles (protocols 2 and 4) + gt_expected.json
#        tube_cases.py summary PKL   the content of a GT pickle as JSON on stdout
#        tube_cases.py dets DIR      frame_detections.pkl/.npy, link_tubes.pkl, moc/<video>_tubes.pkl + dets_expected.json
import collections
import json
import os
import pickle
import sys

import numpy as np


def ground_truth():
    rng = np.random.RandomState(5)
    labels = ['brush_hair', 'catch', 'clap']
    videos = ['brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0', 'catch/Ball_hochwerfen_catch_f_cm_np1_ba_bad_0',
              'clap/Applauding_clap_u_nm_np1_fr_med_1', 'clap/Clapping_clap_u_nm_np1_fr_goo_0']
    gttubes, nframes, resolution = {}, {}, {}
    for i, v in enumerate(videos):
        n = 20 + 5 * i
        nframes[v] = n
        resolution[v] = (240, 320)
        per_label = {}
        label = labels.index(v.split('/')[0])
        tubes = []
        for k in range(1 + i % 2):
            first = 1 + 3 * k
            last = n - k
            frames = np.arange(first, last + 1, dtype=np.float32)
            x1 = rng.randint(0, 100, size=frames.size).astype(np.float32)
            y1 = rng.randint(0, 100, size=frames.size).astype(np.float32)
            boxes = np.stack([frames, x1, y1, x1 + 40.5, y1 + 60.25], axis=1)
            # the real files hold float32; one tube in float64 and one in uint16 to cover other dtypes
            if i == 1 and k == 1:
                boxes = boxes.astype(np.float64)
            if i == 3:
                boxes = np.floor(boxes).astype(np.uint16)
            tubes.append(boxes)
        per_label[label] = tubes
        gttubes[v] = per_label
    return {
        'labels': labels,
        'gttubes': gttubes,
        'nframes': nframes,
        'train_videos': [[videos[0], videos[2]], [videos[1], videos[3]], [videos[0]]],
        'test_videos': [[videos[1], videos[3]], [videos[0], videos[2]], [videos[1], videos[2], videos[3]]],
        'resolution': resolution,
    }


def summary(gt):
    out = {
        'labels': list(gt['labels']),
        'test_videos': [list(s) for s in gt['test_videos']],
        'train_videos': [list(s) for s in gt.get('train_videos', [])],
        'nframes': {v: int(n) for v, n in gt['nframes'].items()},
        'resolution': {v: [int(hw[0]), int(hw[1])] for v, hw in gt.get('resolution', {}).items()},
        'gttubes': {v: {str(int(l)): [np.asarray(t, dtype=np.float64)[:, :5].tolist() for t in tubes]
                        for l, tubes in per_label.items()} for v, per_label in gt['gttubes'].items()},
    }
    out['tube_counts'] = {str(c): sum(len(per_label.get(c, [])) for per_label in gt['gttubes'].values())
                          for c in range(len(gt['labels']))}
    return out


def write_gt(directory):
    gt = ground_truth()
    for protocol in (2, 4):
        with open(os.path.join(directory, 'gt_p%d.pkl' % protocol), 'wb') as f:
            pickle.dump(gt, f, protocol=protocol)
    # MultiSports' GT has no train_videos; an OrderedDict root is accepted too
    ms = collections.OrderedDict((k, v) for k, v in gt.items() if k != 'train_videos')
    with open(os.path.join(directory, 'gt_no_train.pkl'), 'wb') as f:
        pickle.dump(ms, f, protocol=4)
    with open(os.path.join(directory, 'gt_expected.json'), 'w') as f:
        json.dump(summary(gt), f)


def write_dets(directory):
    gt = ground_truth()
    split = 0
    vlist = gt['test_videos'][split]
    rng = np.random.RandomState(9)
    rows = []
    for iv, v in enumerate(vlist):
        for c in range(len(gt['labels'])):
            for frame in range(1, 4):
                x = float(rng.randint(0, 200))
                rows.append([iv, frame, c, float(rng.randint(0, 1000)) / 1000.0, x, x + 1.5, x + 30.25, x + 40.0])
    rows.append([len(vlist), 1, 0, 0.5, 1, 2, 3, 4])  # a video index beyond the split
    frame_dets = np.array(rows, dtype=np.float32)  # ACT / MOC store float32
    with open(os.path.join(directory, 'frame_detections.pkl'), 'wb') as f:
        pickle.dump(frame_dets, f, protocol=4)
    np.save(os.path.join(directory, 'frame_detections.npy'), frame_dets)

    linked = {c: [] for c in range(len(gt['labels']))}  # MultiSports link_tubes output
    moc = {v: {c: [] for c in range(len(gt['labels']))} for v in vlist}  # MOC <video>_tubes.pkl
    tubes_expected = []
    for iv, v in enumerate(vlist):
        for c in range(len(gt['labels'])):
            for k in range(2):
                first = 1 + k * 5
                length = 15
                out = np.zeros((length, 6), dtype=np.float32)
                out[:, 0] = np.arange(first, first + length)
                out[:, 1:5] = rng.randint(0, 100, size=(length, 4)).astype(np.float32)
                out[:, 3:5] += 50
                out[:, 5] = rng.rand(length).astype(np.float32)
                score = np.mean(out[:, 5])  # numpy.float32, as MOC's tubescore
                linked[c].append((v, score, out))
                moc[v][c].append([out, score])
                tubes_expected.append({'video': iv, 'label': c, 'score': float(score),
                                       'boxes': out[:, :5].astype(np.float64).tolist()})
    with open(os.path.join(directory, 'link_tubes.pkl'), 'wb') as f:
        pickle.dump(linked, f, protocol=4)
    for v in vlist:
        path = os.path.join(directory, 'moc', v + '_tubes.pkl')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            pickle.dump(moc[v], f)
    with open(os.path.join(directory, 'dets_expected.json'), 'w') as f:
        json.dump({'frame_dets': frame_dets.astype(np.float64).tolist(), 'tubes': tubes_expected}, f)


def main():
    command, target = sys.argv[1], sys.argv[2]
    if command == 'gt':
        write_gt(target)
    elif command == 'summary':
        with open(target, 'rb') as f:
            print(json.dumps(summary(pickle.load(f, encoding='latin1'))))
    elif command == 'dets':
        write_dets(target)
    else:
        raise SystemExit('unknown command ' + command)


if __name__ == '__main__':
    main()
