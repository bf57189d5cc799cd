# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/build_file_list.cpp: MMAction2's build_file_list algorithm (parse_directory's glob +
os.listdir + fnmatch per directory, the Kinetics split rule, the line building and shuffle), as transcribed in
tests/python/build_file_list_reference.py, timed on the same tree.

Usage: build_file_list_peer.py REPS ROOT   (ROOT holds data/kinetics400/{annotations,rawframes})
Prints {"python": version, "seconds": best of REPS, "lines": lines in the train list, "text": the list}.
"""
import importlib.util
import json
import os
import random
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'reference', os.path.join(here, '..', '..', 'tests', 'python', 'build_file_list_reference.py'))
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)

reps, root = int(sys.argv[1]), sys.argv[2]
os.chdir(root)
best, lines = float('inf'), []
for _ in range(reps):
    t0 = time.perf_counter()
    random.seed(123)
    info = ref.frame_dirs('data/kinetics400/rawframes', 2, ('img_', 'flow_x_', 'flow_y_'))
    splits = ref.kinetics('data/kinetics400/annotations', 2, 'train')
    lines = ref.lines_of(splits[0][0], info, True)
    with open('peer_list.txt', 'w') as f:
        f.writelines(lines)
    best = min(best, time.perf_counter() - t0)
print(json.dumps({'python': sys.version.split()[0], 'seconds': best, 'lines': len(lines), 'text': ''.join(lines)}))
