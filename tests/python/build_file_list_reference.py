# SPDX-License-Identifier: Apache-2.0
"""The independent side of tests/layout/build_file_list_test.cpp: MMAction2 0.x's tools/data/build_file_list.py
and parse_file_list.py, transcribed from the rules in the reference-behaviour spec (section 1.10).

Run from the directory that holds data/<dataset>/annotations (the tool's paths are relative to the working
directory). It writes the lists as the tool does, with the intended behaviour where the tool has a bug (the
same differences vidata documents in docs/layout.md): the UCF-101 level-1 label is the class id, `--subset test`
builds the test list (unlabelled videos get -1), a multi-label video gets one line, a directory without RGB
frames is left out, and --num-split defaults to the dataset's split count.

    python3 build_file_list_reference.py DATASET SRC [--level N] [--format F] [--subset S] [--shuffle --seed N]
        [--output-format txt|json] [--rgb-prefix P] [--flow-x-prefix P] [--flow-y-prefix P] [--out-root-path P]
"""
import argparse
import csv
import fnmatch
import glob
import json
import os
import os.path as osp
import random


def frame_dirs(path, level, prefixes):
    dirs = glob.glob(osp.join(path, '*')) if level == 1 else glob.glob(osp.join(path, '*', '*'))
    info = {}
    for d in dirs:
        if not osp.isdir(d):
            continue
        names = os.listdir(d)
        counts = [len(fnmatch.filter(names, p + '*')) for p in prefixes]
        if counts[1] != counts[2]:
            raise ValueError(f'flow x and y counts differ in {d}')
        key = osp.basename(d) if level == 1 else osp.join(osp.basename(osp.dirname(d)), osp.basename(d))
        info[key] = (d, counts[0], counts[1])
    return info


def video_files(path, level):
    files = glob.glob(osp.join(path, '*')) if level == 1 else glob.glob(osp.join(path, '*', '*'))
    info = {}
    for v in files:
        rel = osp.relpath(v, path)
        info[osp.splitext(rel)[0]] = (rel, -1, -1)
    return info


def level_key(video, level):
    if level == 1:
        return osp.basename(video)
    return osp.join(osp.basename(osp.dirname(video)), osp.basename(video))


def class_path_lists(ann, classes, level, names):
    splits = []
    for i in range(1, 4):
        pair = []
        for name in names:
            entries = []
            with open(osp.join(ann, name.format(i))) as f:
                for line in f:
                    items = line.split()
                    if not items:
                        continue
                    entries.append((level_key(osp.splitext(items[0])[0], level), classes[osp.dirname(items[0])]))
            pair.append(entries)
        splits.append(tuple(pair))
    return splits


def read_class_ind(path):
    with open(path) as f:
        rows = [x.split() for x in f if x.strip()]
    return {r[1]: int(r[0]) - 1 for r in rows}


def ucf101(ann, level, subset):
    return class_path_lists(ann, read_class_ind(osp.join(ann, 'classInd.txt')), level, ['trainlist{:02d}.txt', 'testlist{:02d}.txt'])


def hmdb51(ann, level, subset):
    classes = sorted(n[:-len('_test_split1.txt')] for n in os.listdir(ann) if n.endswith('_test_split1.txt'))
    ind = osp.join(ann, 'classInd.txt')
    mapping = read_class_ind(ind) if osp.exists(ind) else {c: i for i, c in enumerate(classes)}
    splits = []
    for i in range(1, 4):
        train, test = [], []
        for c in classes:
            with open(osp.join(ann, f'{c}_test_split{i}.txt')) as f:
                for line in f:
                    items = line.split()
                    if len(items) < 2 or items[1] not in ('1', '2'):
                        continue
                    entry = (level_key(osp.splitext(osp.join(c, items[0]))[0], level), mapping[c])
                    (train if items[1] == '1' else test).append(entry)
        splits.append((train, test))
    return splits


def semicolon(ann, level, subset, stem):
    with open(osp.join(ann, stem + 'labels.csv')) as f:
        names = [x.strip() for x in f]
    mapping = {n: i for i, n in enumerate(names)}

    def read(name, labelled):
        out = []
        with open(osp.join(ann, stem + name)) as f:
            for line in f:
                items = line.strip().split(';')
                if items == ['']:
                    continue
                out.append((level_key(items[0], level), mapping[items[1]] if labelled else -1))
        return out
    test = read('test.csv', False) if subset == 'test' else []
    return [(read('train.csv', True), read('validation.csv', True), test)]


def sthv2(ann, level, subset):
    with open(osp.join(ann, 'something-something-v2-labels.json')) as f:
        mapping = json.load(f)

    def read(name, labelled):
        with open(osp.join(ann, 'something-something-v2-' + name)) as f:
            items = json.load(f)
        out = []
        for it in items:
            label = int(mapping[it['template'].replace('[', '').replace(']', '')]) if labelled else -1
            out.append((level_key(it['id'], level), label))
        return out
    test = read('test.json', False) if subset == 'test' else []
    return [(read('train.json', True), read('validation.json', True), test)]


def kinetics(ann, level, subset):
    def conv(s):
        return s.replace('"', '').replace(' ', '_')

    def rows(name):
        with open(osp.join(ann, name)) as f:
            r = csv.reader(f)
            header = next(r)
            return header, [x for x in r if x]
    header, train_rows = rows('kinetics_train.csv')
    mapping = {n: i for i, n in enumerate(sorted({conv(x[0]) for x in train_rows}))}

    def read(name, labelled):
        header, data = rows(name)
        col = {n: i for i, n in enumerate(header)}
        out = []
        for x in data:
            video = (f"{x[col['youtube_id']]}_{int(float(x[col['time_start']])):06d}_"
                     f"{int(float(x[col['time_end']])):06d}")
            if not labelled:
                out.append((video, -1))
                continue
            label = conv(x[col['label']])
            if level == 2:
                video = f'{label}/{video}'
            out.append((video, mapping[label]))
        return out
    test = read('kinetics_test.csv', False) if subset == 'test' else []
    return [(read('kinetics_train.csv', True), read('kinetics_val.csv', True), test)]


def moments(ann, level, subset, multi):
    mapping = {}
    if not multi:
        with open(osp.join(ann, 'moments_categories.txt')) as f:
            for line in f:
                if line.strip():
                    name, idx = line.rstrip().split(',')
                    mapping[name] = int(idx)

    def read(name):
        with open(osp.join(ann, name)) as f:
            return [(osp.splitext(x[0])[0], [int(d) for d in x[1:]] if multi else mapping[osp.dirname(x[0])])
                    for x in csv.reader(f) if x]
    val = read('validationSet.csv')
    return [(read('trainingSet.csv'), val, val)]


def diving48(ann, level, subset):
    def read(name):
        with open(osp.join(ann, name)) as f:
            return [(x['vid_name'], x['label']) for x in json.load(f)]
    test = read('Diving48_V2_test.json')
    return [(read('Diving48_V2_train.json'), test, test)]


def lines_of(entries, info, shuffle):
    rgb, flow = [], []
    for key, label in entries:
        if key not in info:
            continue
        path, rgb_cnt, flow_cnt = info[key]
        labels = ' '.join(str(d) for d in label) if isinstance(label, list) else str(label)
        if rgb_cnt > 0:
            rgb.append(f'{key} {rgb_cnt} {labels}\n')
            flow.append(f'{key} {flow_cnt} {labels}\n')
        elif rgb_cnt < 0:
            rgb.append(f'{path} {labels}\n')
            flow.append(f'{path} {labels}\n')
    if shuffle:
        random.shuffle(rgb)
        random.shuffle(flow)
    return rgb


def to_json(lines, fmt):
    rows = [x.split() for x in lines]
    if fmt == 'rawframes':
        return [dict(frame_dir=r[0], total_frames=int(r[1]), label=[int(x) for x in r[2:]]) for r in rows]
    return [dict(filename=r[0], label=[int(x) for x in r[1:]]) for r in rows]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('dataset')
    p.add_argument('src')
    p.add_argument('--rgb-prefix', default='img_')
    p.add_argument('--flow-x-prefix', default='flow_x_')
    p.add_argument('--flow-y-prefix', default='flow_y_')
    p.add_argument('--subset', default='train')
    p.add_argument('--level', type=int, default=2)
    p.add_argument('--format', default='rawframes')
    p.add_argument('--out-root-path', default='data/')
    p.add_argument('--output-format', default='txt')
    p.add_argument('--seed', type=int, default=None)
    p.add_argument('--shuffle', action='store_true')
    a = p.parse_args()
    if a.seed is not None:
        random.seed(a.seed)
    if a.format == 'rawframes':
        info = frame_dirs(a.src, a.level, (a.rgb_prefix, a.flow_x_prefix, a.flow_y_prefix))
    else:
        info = video_files(a.src, a.level)
    ann = osp.join('data', a.dataset, 'annotations')
    rules = {
        'ucf101': ucf101, 'hmdb51': hmdb51, 'sthv2': sthv2, 'diving48': diving48,
        'jester': lambda n, l, s: semicolon(n, l, s, 'jester-v1-'),
        'sthv1': lambda n, l, s: semicolon(n, l, s, 'something-something-v1-'),
        'mit': lambda n, l, s: moments(n, l, s, False), 'mmit': lambda n, l, s: moments(n, l, s, True),
    }
    for k in ('kinetics400', 'kinetics600', 'kinetics700'):
        rules[k] = kinetics
    splits = rules[a.dataset](ann, a.level, a.subset)
    out = osp.join(a.out_root_path, a.dataset)
    results = []
    if len(splits) > 1:
        for i, (train, val) in enumerate(splits):
            results.append((f'{a.dataset}_train_split_{i + 1}_{a.format}.txt', lines_of(train, info, a.shuffle)))
            results.append((f'{a.dataset}_val_split_{i + 1}_{a.format}.txt', lines_of(val, info, a.shuffle)))
    else:
        train = lines_of(splits[0][0], info, a.shuffle)
        val = lines_of(splits[0][1], info, a.shuffle)
        chosen = {'train': train, 'val': val}.get(a.subset)
        if chosen is None:
            chosen = lines_of(splits[0][2], info, a.shuffle)
        results.append((f'{a.dataset}_{a.subset}_list_{a.format}.txt', chosen))
    for name, lines in results:
        if a.output_format == 'txt':
            with open(osp.join(out, name), 'w') as f:
                f.writelines(lines)
        else:
            with open(osp.join(out, name.replace('.txt', '.json')), 'w') as f:
                json.dump(to_json(lines, a.format), f)


if __name__ == '__main__':
    main()
