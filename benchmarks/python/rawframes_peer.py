# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/rawframes.cpp: JPEG frames written and decoded by OpenCV, as MMAction2's tools do.

  rawframes_peer.py make DIR N      writes N frames DIR/img_00001.jpg ... of 340x256 with cv2.imwrite at quality 95
                                    (OpenCV's default 4:2:0 sampling: how build_rawframes.py / denseflow / mmcv.imwrite
                                    write frames), from fixed-seed pixels: smooth random fields (a scene), a moving
                                    textured block and sensor-like noise, so that the files weigh what real 256p
                                    frames weigh (about 20-30 kB). Prints {"files", "bytes"}.
  rawframe_peer.py decode DIR N REPS
                                    decodes the N frames as MMAction2's RawFrameDecode does with its default cv2
                                    backend (mmcv.imfrombytes: the file's bytes, np.frombuffer, cv2.imdecode with
                                    IMREAD_COLOR, cv2.cvtColor BGR->RGB in place), best of REPS; also cv2.imdecode
                                    alone (the decoder without the Python around it and without the colour swap).
                                    Prints {"opencv", "seconds_mmaction2", "cpu_seconds_mmaction2", "seconds_imdecode",
                                    "cpu_seconds_imdecode", "checksum"} (best wall and best process CPU time); the
                                    checksum is the sum of every RGB byte, which vidata's libjpeg-turbo path must match.
"""
import json
import os
import sys
import time

import cv2
import numpy as np

WIDTH, HEIGHT = 340, 256


def make(out_dir, n):
    rng = np.random.RandomState(2026)
    os.makedirs(out_dir, exist_ok=True)
    # A scene: blurred noise at two scales per channel, fixed for the video, plus a moving block of fine texture.
    coarse = cv2.GaussianBlur(rng.uniform(0, 255, (HEIGHT, WIDTH, 3)).astype(np.float32), (0, 0), 12)
    medium = cv2.GaussianBlur(rng.uniform(-60, 60, (HEIGHT, WIDTH, 3)).astype(np.float32), (0, 0), 2.5)
    scene = (coarse - coarse.mean()) * 4 + 128 + medium
    texture = cv2.GaussianBlur(rng.uniform(0, 255, (96, 96, 3)).astype(np.float32), (0, 0), 1.0)
    total = 0
    for i in range(n):
        frame = scene.copy()
        x = (i * 3) % (WIDTH - 96)
        y = (i * 2) % (HEIGHT - 96)
        frame[y:y + 96, x:x + 96] = texture
        frame += rng.normal(0, 3, frame.shape).astype(np.float32)
        img = np.clip(frame, 0, 255).astype(np.uint8)
        path = os.path.join(out_dir, 'img_{:05d}.jpg'.format(i + 1))
        if not cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, 95]):
            raise SystemExit('cv2.imwrite failed: ' + path)
        total += os.path.getsize(path)
    print(json.dumps({'files': n, 'bytes': total}))


def decode(frame_dir, n, reps):
    paths = [os.path.join(frame_dir, 'img_{:05d}.jpg'.format(i + 1)) for i in range(n)]

    def mmaction2():
        imgs = []
        for p in paths:
            with open(p, 'rb') as f:
                content = f.read()
            img = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_COLOR)
            cv2.cvtColor(img, cv2.COLOR_BGR2RGB, img)
            imgs.append(img)
        return imgs

    contents = []
    for p in paths:
        with open(p, 'rb') as f:
            contents.append(np.frombuffer(f.read(), np.uint8))

    def imdecode_only():
        return [cv2.imdecode(c, cv2.IMREAD_COLOR) for c in contents]

    best = {'mm': [float('inf')] * 2, 'dec': [float('inf')] * 2}  # wall, CPU (the process's, every thread)
    imgs = None

    def timed(key, f):
        t0, c0 = time.perf_counter(), time.process_time()
        out = f()
        best[key][0] = min(best[key][0], time.perf_counter() - t0)
        best[key][1] = min(best[key][1], time.process_time() - c0)
        return out

    for _ in range(reps):
        imgs = timed('mm', mmaction2)
        timed('dec', imdecode_only)
    checksum = int(sum(int(img.sum(dtype=np.uint64)) for img in imgs))
    print(json.dumps({'opencv': cv2.__version__, 'seconds_mmaction2': best['mm'][0], 'cpu_seconds_mmaction2': best['mm'][1],
                      'seconds_imdecode': best['dec'][0], 'cpu_seconds_imdecode': best['dec'][1], 'checksum': checksum}))


def main(argv):
    if len(argv) == 4 and argv[1] == 'make':
        make(argv[2], int(argv[3]))
    elif len(argv) == 5 and argv[1] == 'decode':
        decode(argv[2], int(argv[3]), int(argv[4]))
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
