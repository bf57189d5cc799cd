# SPDX-License-Identifier: Apache-2.0
"""The Python side of tests/prepare/ava_kinetics_merge_test.cpp: small AVA-Kinetics inputs, and what MMAction2's
tools/data/ava_kinetics/merge_annotations.py makes of them (its merge transcribed: readlines concatenation for the
CSV, dict.update and pickle.dump for the proposals).

  ava_kinetics_merge_reference.py make DIR
      Writes the script's inputs under DIR/root (kinetics_train.csv, kinetics_proposal.pkl, annotations/...) and its
      outputs, computed from copies, as DIR/expected/ava_train_v2.2.csv and DIR/expected/proposals.pkl.
  ava_kinetics_merge_reference.py check ACTUAL.pkl EXPECTED.pkl
      Loads both with pickle and exits 1 unless they are the same dict: same keys in the same order, arrays of the
      same dtype, shape and values.
"""
import os
import pickle
import sys

import numpy as np

KINETICS_CSV = (
    '/data/ava_kinetics/videos/abc_000012_000022.mp4,13,0.100,0.200,0.300,0.400,12,-1\n'
    '/data/ava_kinetics/videos/abc_000012_000022.mp4,13,0.100,0.200,0.300,0.400,80,-1\n'
    '/data/ava_kinetics/videos/x-y_z_000100_000110.mp4,105,0.000,0.512,1.000,0.999,17,-1\n'
)
AVA_CSV = (
    '-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1\n'
    '-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,9,1\n'
    '053oq2xB3oU,1798,0.418,0.004,0.782,0.998,12,0\n'
)


def merge(root):
    kinetics_annot = root + '/kinetics_train.csv'
    ava_annot = root + '/annotations/ava_train_v2.2.csv'
    with open(kinetics_annot) as f:
        record = f.readlines()
    with open(ava_annot) as f:
        record += f.readlines()
    with open(ava_annot, 'w') as f:
        for line in record:
            f.write(line)
    kinetics_proposal = root + '/kinetics_proposal.pkl'
    ava_proposal = root + '/annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl'
    lookup = pickle.load(open(kinetics_proposal, 'rb'))
    lookup.update(pickle.load(open(ava_proposal, 'rb')))
    with open(ava_proposal, 'wb') as f:
        pickle.dump(lookup, f)


def write_inputs(root):
    os.makedirs(root + '/annotations', exist_ok=True)
    with open(root + '/kinetics_train.csv', 'w') as f:
        f.write(KINETICS_CSV)
    with open(root + '/annotations/ava_train_v2.2.csv', 'w') as f:
        f.write(AVA_CSV)
    # fetch_proposal.py: np.array of (x1, y1, x2, y2, score) tuples, float64; keys '%s,%04d'.
    kinetics = {
        'abc,0012': np.array([(0.1, 0.2, 0.3, 0.4, 0.91)]),
        'abc,0013': np.array([(0.1, 0.2, 0.3, 0.4, 0.95), (0.5, 0.5, 0.9, 0.9, 0.75)]),
        'shared,0902': np.array([(0.0, 0.0, 1.0, 1.0, 0.8)]),   # AVA has this key too: AVA's value, Kinetics' place
        'x-y_z,0105': np.array([(0.25, 0.5, 0.75, 1.0, 0.71)]),
    }
    # FAIR's proposals: float32 N x 5; one N x 4, one empty.
    ava = {
        '-5KQ66BBWC4,0902': np.array([[0.077, 0.151, 0.283, 0.811, 0.998]], dtype=np.float32),
        'shared,0902': np.array([[0.5, 0.5, 0.6, 0.6]], dtype=np.float32),
        '053oq2xB3oU,1798': np.zeros((0, 5), dtype=np.float32),
    }
    with open(root + '/kinetics_proposal.pkl', 'wb') as f:
        pickle.dump(kinetics, f)
    with open(root + '/annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl', 'wb') as f:
        pickle.dump(ava, f)


def make(directory):
    write_inputs(directory + '/root')
    scratch = directory + '/scratch'
    write_inputs(scratch)
    merge(scratch)
    os.makedirs(directory + '/expected', exist_ok=True)
    os.replace(scratch + '/annotations/ava_train_v2.2.csv', directory + '/expected/ava_train_v2.2.csv')
    os.replace(scratch + '/annotations/ava_dense_proposals_train.FAIR.recall_93.9.pkl', directory + '/expected/proposals.pkl')


def check(actual_path, expected_path):
    actual = pickle.load(open(actual_path, 'rb'))
    expected = pickle.load(open(expected_path, 'rb'))
    problems = []
    if type(actual) is not dict:
        problems.append(f'not a dict: {type(actual)}')
    elif list(actual) != list(expected):
        problems.append(f'keys {list(actual)} != {list(expected)}')
    else:
        for k in expected:
            a, e = actual[k], expected[k]
            if not isinstance(a, np.ndarray) or a.dtype != e.dtype or a.shape != e.shape or not np.array_equal(a, e):
                problems.append(f'{k}: {a!r} != {e!r}')
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    print('same dict')


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2])
    elif sys.argv[1] == 'check':
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
