#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peer of benchmarks/photometric.cpp: MMAction2 0.x's Normalize (a float32 copy of the frames, then
mmcv.imnormalize_ per frame: cv2.subtract of the mean, cv2.multiply by 1/std) followed by FormatShape
(numpy reshape + transpose; the result is a strided view, so the contiguous copy a model's tensor needs is
timed separately), and ColorJitter (its numpy + cv2 steps with given factors and order).

Usage: photometric_peer.py FRAMES.raw T H W REPS CLIP_LEN NUM_CLIPS FORMAT JITTER_FRAMES B C S HUE O0 O1 O2 O3
FORMAT is NCHW or NCTHW. Prints one JSON object: per job the best of REPS wall times in seconds and a checksum
of its output (sum and index-weighted sum of the bit patterns, modulo 2**64), which vidata's side must match."""
import json
import sys
import time

import cv2
import numpy as np

MEAN = np.array([123.675, 116.28, 103.53], dtype=np.float32)
STD = np.array([58.395, 57.12, 57.375], dtype=np.float32)


def best_of(reps, job):
    best, out = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = job()
        best = min(best, time.perf_counter() - t0)
    return best, out


def checksum(a):
    """The sum and index-weighted sum of the elements' bit patterns modulo 2**64 (order-independent, exact)."""
    flat = np.ascontiguousarray(a).reshape(-1)
    bits = flat.view(np.uint32) if flat.dtype == np.float32 else flat
    bits = bits.astype(np.uint64)
    weights = (np.arange(flat.size, dtype=np.uint64) % np.uint64(251)) + np.uint64(1)
    return [int(bits.sum(dtype=np.uint64)), int((bits * weights).sum(dtype=np.uint64))]


def normalize(frames):
    n = len(frames)
    h, w, c = frames[0].shape
    imgs = np.empty((n, h, w, c), dtype=np.float32)
    for i, img in enumerate(frames):
        imgs[i] = img
    mean = np.float64(MEAN.reshape(1, -1))
    stdinv = 1 / np.float64(STD.reshape(1, -1))
    for img in imgs:
        cv2.subtract(img, mean, img)
        cv2.multiply(img, stdinv, img)
    return imgs


def format_shape(imgs, fmt, clip_len, num_clips):
    if fmt == 'NCHW':
        return np.transpose(imgs, (0, 3, 1, 2))
    imgs = imgs.reshape((-1, num_clips, clip_len) + imgs.shape[1:])
    imgs = np.transpose(imgs, (0, 1, 5, 2, 3, 4))
    return imgs.reshape((-1,) + imgs.shape[2:])


def gray(img):
    return 0.2989 * img[..., 0] + 0.587 * img[..., 1] + 0.114 * img[..., 2]


def color_jitter(frames, b, c, s, hue, order):
    out = []
    for frame in frames:
        img = frame.astype(np.float32)
        for step in order:
            if step == 0 and b != 1:
                img *= b
            if step == 1 and c != 1:
                img = c * img + (1 - c) * np.mean(gray(img))
            if step == 2 and s != 1:
                img = s * img + (1 - s) * np.stack([gray(img)] * 3, axis=-1)
            if step == 3 and hue != 0:
                u8 = np.clip(img, 0, 255).astype(np.uint8)
                hsv = cv2.cvtColor(u8, cv2.COLOR_RGB2HSV)
                hsv[..., 0] = (hsv[..., 0] + int(hue * 255)) % 180
                img = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB).astype(np.float32)
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return out


def main(argv):
    path = argv[1]
    t, h, w, reps, clip_len, num_clips = (int(x) for x in argv[2:8])
    fmt = argv[8]
    jitter_frames = int(argv[9])
    b, c, s, hue = (float(x) for x in argv[10:14])
    order = [int(x) for x in argv[14:18]]
    cv2.setNumThreads(1)
    frames = np.fromfile(path, dtype=np.uint8).reshape(t, h, w, 3)
    # MMAction2 holds decoded frames as a list of H x W x 3 arrays.
    frame_list = list(frames)
    result = {}
    seconds, imgs = best_of(reps, lambda: normalize(frame_list))
    result['normalize'] = {'seconds': seconds}
    seconds, view = best_of(reps, lambda: format_shape(normalize(frame_list), fmt, clip_len, num_clips))
    result['normalize_format_shape_view'] = {'seconds': seconds}
    seconds, tensor = best_of(reps, lambda: np.ascontiguousarray(
        format_shape(normalize(frame_list), fmt, clip_len, num_clips)))
    result['normalize_format_shape'] = {'seconds': seconds, 'shape': list(tensor.shape), 'checksum': checksum(tensor)}
    seconds, jittered = best_of(reps, lambda: color_jitter(frame_list[:jitter_frames], b, c, s, hue, order))
    result['color_jitter'] = {'seconds': seconds, 'checksum': checksum(np.stack(jittered))}
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv)
