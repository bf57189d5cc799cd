#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peers of benchmarks/transforms.cpp: OpenCV's cv2.resize (python3-opencv), what mmcv.imresize calls, and
MMAction2 0.x's TSN train chain as its transforms run it: eager (Resize (-1, 256) -> MultiScaleCrop -> Resize 224 ->
Flip: cv2.resize, a numpy slice, cv2.resize, an in-place cv2.flip per frame) and lazy (Fuse: slice the box once,
cv2.resize, flip).

Usage: transforms_peer.py FRAMES.raw T H W REPS BOX_X BOX_Y BOX_W BOX_H FLIP
Prints one JSON object with, per job, the best of REPS wall times in seconds and a checksum of its output
(sum and position-weighted sum of the bytes, which vidata's side must match)."""
import json
import sys
import time

import cv2
import numpy as np


def checksum(frames):
    flat = np.ascontiguousarray(np.stack(frames)).reshape(-1).astype(np.int64)
    weights = (np.arange(flat.size, dtype=np.int64) % 251) + 1
    return [int(flat.sum()), int((flat * weights).sum())]


def best_of(reps, job):
    best = float("inf")
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = job()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    path, t, h, w, reps, bx, by, bw, bh, flip = sys.argv[1:]
    t, h, w, reps, bx, by, bw, bh, flip = map(int, (t, h, w, reps, bx, by, bw, bh, flip))
    clip = np.fromfile(path, dtype=np.uint8).reshape(t, h, w, 3)
    frames = [clip[i] for i in range(t)]
    result = {"opencv": cv2.__version__, "default_threads": cv2.getNumThreads()}

    def resize_all(interp):
        return lambda: [cv2.resize(f, (298, 224), interpolation=interp) for f in frames]

    for threads_name, threads in (("default_threads", cv2.getNumThreads()), ("one_thread", 1)):
        cv2.setNumThreads(threads)
        for name, interp in (("bilinear", cv2.INTER_LINEAR), ("nearest", cv2.INTER_NEAREST), ("bicubic", cv2.INTER_CUBIC)):
            seconds, out = best_of(reps, resize_all(interp))
            result[f"resize_{name}_{threads_name}"] = {"seconds": seconds, "checksum": checksum(out)}

    cv2.setNumThreads(1)

    def eager():
        # MMAction2 0.x: Resize -> mmcv.imresize (cv2.resize; same size returns a copy), MultiScaleCrop -> slice,
        # Resize (224, 224) keep_ratio=False -> cv2.resize, Flip -> mmcv.imflip_ (cv2.flip in place).
        out = []
        for f in frames:
            img = cv2.resize(f, (340, 256), interpolation=cv2.INTER_LINEAR)
            img = img[by:by + bh, bx:bx + bw]
            img = cv2.resize(img, (224, 224), interpolation=cv2.INTER_LINEAR)
            if flip:
                cv2.flip(img, 1, img)
            out.append(img)
        return out

    def lazy():
        # MMAction2 0.x Fuse: crop_bbox rounded, one slice, one cv2.resize, flip.
        out = []
        for f in frames:
            img = cv2.resize(f[by:by + bh, bx:bx + bw], (224, 224), interpolation=cv2.INTER_LINEAR)
            if flip:
                cv2.flip(img, 1, img)
            out.append(img)
        return out

    for name, job in (("chain_eager", eager), ("chain_lazy_fuse", lazy)):
        seconds, out = best_of(reps, job)
        result[name] = {"seconds": seconds, "checksum": checksum(out)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
