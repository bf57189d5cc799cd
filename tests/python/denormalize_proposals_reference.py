# SPDX-License-Identifier: Apache-2.0
"""The Python side of tests/prepare/denormalize_proposals_test.cpp: a transcription of MMAction2 0.x's
tools/data/denormalize_proposal_file.py (process_norm_proposal_file), of the parse_directory it calls (level 1,
prefixes img_/flow_x_/flow_y_) and of mmaction.localization.load_localize_proposal_file, written from reading them.

  denormalize_proposals_reference.py NORM_FILE DATA_PREFIX OUT_FILE
      Writes to OUT_FILE what the script writes for NORM_FILE and the frame directories of DATA_PREFIX.
"""
import fnmatch
import glob
import os.path as osp
import os
import sys
from itertools import groupby


def parse_directory(path, rgb_prefix='img_', flow_x_prefix='flow_x_', flow_y_prefix='flow_y_'):
    frame_dict = {}
    for frame_dir in glob.glob(osp.join(path, '*')):
        lst = os.listdir(frame_dir)
        counts = [len(fnmatch.filter(lst, p + '*')) for p in (rgb_prefix, flow_x_prefix, flow_y_prefix)]
        if counts[1] != counts[2]:
            raise ValueError(frame_dir)
        frame_dict[osp.basename(frame_dir)] = (frame_dir, counts[0], counts[1])
    return frame_dict


def load_localize_proposal_file(filename):
    lines = list(open(filename))
    groups = groupby(lines, lambda x: x.startswith('#'))
    infos = [[x.strip() for x in list(g)] for k, g in groups if not k]

    def parse_group(info):
        video_id = info[0]
        num_frames = int(float(info[1]) * float(info[2]))
        num_gts = int(info[3])
        offset = 4
        gt_boxes = [x.split() for x in info[offset:offset + num_gts]]
        offset += num_gts
        num_proposals = int(info[offset])
        offset += 1
        proposal_boxes = [x.split() for x in info[offset:offset + num_proposals]]
        return video_id, num_frames, gt_boxes, proposal_boxes

    return [parse_group(i) for i in infos]


def denormalize(norm_file, frame_dict, out_file):
    blocks = []
    for idx, p in enumerate(load_localize_proposal_file(norm_file)):
        frame_info = frame_dict[p[0]]
        num_frames = frame_info[1]
        frame_path = osp.basename(frame_info[0])
        gt = [[int(x[0]), int(float(x[1]) * num_frames), int(float(x[2]) * num_frames)] for x in p[2]]
        proposal = [[int(x[0]), float(x[1]), float(x[2]), int(float(x[3]) * num_frames), int(float(x[4]) * num_frames)]
                    for x in p[3]]
        gt_dump = '\n'.join(['{} {} {}'.format(*x) for x in gt])
        gt_dump += '\n' if len(gt) else ''
        proposal_dump = '\n'.join(['{} {:.04f} {:.04f} {} {}'.format(*x) for x in proposal])
        proposal_dump += '\n' if len(proposal) else ''
        blocks.append(f'# {idx}\n{frame_path}\n{num_frames}\n1\n{len(gt)}\n{gt_dump}{len(proposal)}\n{proposal_dump}')
    with open(out_file, 'w') as f:
        f.writelines(blocks)


if __name__ == '__main__':
    denormalize(sys.argv[1], parse_directory(sys.argv[2]), sys.argv[3])
