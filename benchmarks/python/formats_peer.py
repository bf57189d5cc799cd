# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/formats.cpp: each annotation file read to records as MMAction2's code reads it.

- rawframe_list, video_list: RawframeDataset / VideoDataset.load_annotations (`for line in fin:
  line.strip().split()`, int() of the counts and labels, a dict per line);
- kinetics_csv: tools/data/build_file_list.py parse_kinetics_splits (`csv.reader`, header skipped), each row
  converted to the fields vidata's record holds (label, youtube_id, float times, split);
- ava_csv: AVADataset.load_annotations (`line.strip().split(',')`, int()/float() of the fields; without its
  numpy array per box, and keeping AVA v2.2's `video,timestamp` rows, which it would crash on);
- hvu_csv: tools/data/hvu/generate_file_list.py (its fields, tags split on '|'), with `csv.reader`;
- anet_json: tools/data/activitynet's json.load of the database and a record per video;
- sthv2_json: build_file_list.py parse_sthv2_splits (json.load, each template's brackets removed and looked
  up in the labels file, loaded beforehand as vidata's labels are);
- sthv2_labels: json.load.

Usage: formats_peer.py REPS FORMAT=PATH...
Prints one JSON object: {"python": version, "formats": {FORMAT: {"how", "seconds" (best of REPS), "records",
"inner"}}}; "inner" counts what formats.cpp counts beside the records (labels, rows with a box, tags, ...).
"""
import csv
import json
import os
import sys
import time


def rawframe_list(path):
    video_infos = []
    with open(path, 'r') as fin:
        for line in fin:
            line_split = line.strip().split()
            video_info = {}
            idx = 0
            video_info['frame_dir'] = line_split[idx]
            idx += 1
            video_info['total_frames'] = int(line_split[idx])
            idx += 1
            label = [int(x) for x in line_split[idx:]]
            assert label, f'missing label in line: {line}'
            assert len(label) == 1
            video_info['label'] = label[0]
            video_infos.append(video_info)
    return len(video_infos), len(video_infos)


def video_list(path):
    video_infos = []
    with open(path, 'r') as fin:
        for line in fin:
            line_split = line.strip().split()
            filename, label = line_split
            label = int(label)
            video_infos.append(dict(filename=filename, label=label))
    return len(video_infos), len(video_infos)


def kinetics_csv(path):
    with open(path, newline='') as f:
        reader = csv.reader(f)
        next(reader)
        rows = [(x[0], x[1], float(x[2]), float(x[3]), x[4]) for x in reader]
    return len(rows), sum(1 for r in rows if ',' in r[0])


def ava_csv(path):
    records, boxes = [], 0
    with open(path, 'r') as fin:
        for line in fin:
            line_split = line.strip().split(',')
            video_id = line_split[0]
            timestamp = int(line_split[1])
            if len(line_split) == 2:
                records.append((video_id, timestamp))
                continue
            entity_box = list(map(float, line_split[2:6]))
            label = int(line_split[6])
            entity_id = int(line_split[7])
            records.append((video_id, timestamp, entity_box, label, entity_id))
            boxes += 1
    return len(records), boxes


def hvu_csv(path):
    with open(path, newline='') as f:
        reader = csv.reader(f)
        next(reader)
        rows = [(x[0].split('|'), x[1], float(x[2]), float(x[3])) for x in reader]
    return len(rows), sum(len(r[0]) for r in rows)


def anet_json(path):
    with open(path, 'r') as f:
        data = json.load(f)
    videos = []
    for video_id, v in data['database'].items():
        segments = [(float(a['segment'][0]), float(a['segment'][1]), a['label']) for a in v['annotations']]
        videos.append((video_id, v['subset'], v.get('duration'), v.get('resolution'), v.get('url'), segments))
    return len(videos), sum(len(v[5]) for v in videos)


def sthv2_json(path, class_mapping):
    with open(path) as fin:
        items = json.loads(fin.read())

    def line_to_map(item):
        video = item['id']
        template = item['template'].replace('[', '')
        template = template.replace(']', '')
        label = int(class_mapping[template])
        return video, label

    train_list = [line_to_map(item) for item in items]
    return len(train_list), sum(len(item.get('placeholders', [])) for item in items)


def sthv2_labels(path):
    with open(path) as fin:
        class_mapping = json.load(fin)
    return len(class_mapping), len(class_mapping)


HOW = {
    'rawframe_list': 'line.split() a line, dict (MMAction2)',
    'video_list': 'line.split() a line, dict (MMAction2)',
    'kinetics_csv': 'csv.reader, float() of the times',
    'ava_csv': "line.split(','), int()/float()",
    'hvu_csv': "csv.reader, tags split('|')",
    'anet_json': 'json.load + a record per video',
    'sthv2_json': 'json.load + template to class',
    'sthv2_labels': 'json.load',
}


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: formats_peer.py REPS FORMAT=PATH...')
    reps = max(1, int(sys.argv[1]))
    files = dict(arg.split('=', 1) for arg in sys.argv[2:])
    class_mapping = None
    if 'sthv2_json' in files:
        with open(os.path.join(os.path.dirname(files['sthv2_json']), 'something-something-v2-labels.json')) as fin:
            class_mapping = json.load(fin)
    out = {}
    for name, path in files.items():
        read = globals()[name]
        best = float('inf')
        for _ in range(reps):
            start = time.perf_counter()
            counts = read(path, class_mapping) if name == 'sthv2_json' else read(path)
            best = min(best, time.perf_counter() - start)
        out[name] = {'how': HOW[name], 'seconds': best, 'records': counts[0], 'inner': counts[1]}
    print(json.dumps({'python': sys.version.split()[0], 'formats': out}))


if __name__ == '__main__':
    main()
