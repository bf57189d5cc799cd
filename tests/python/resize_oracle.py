#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# The independent side of the resample tests: OpenCV's cv2.resize (Debian's python3-opencv), and MMAction2's Fuse
# spelled out with it (cut the rounded box, resize, flip).
# Usage: resize_oracle.py DIR   (DIR/cases.txt: one case per line,
#   "NAME H W C LEFT TOP RIGHT BOTTOM OUT_W OUT_H INTERP FLIP_H FLIP_V"; reads DIR/NAME.in, H*W*C bytes, and writes
#   DIR/NAME.out, the cut-out [TOP:BOTTOM, LEFT:RIGHT] resized to OUT_W x OUT_H with INTERP, then flipped)
# Exits 77 when cv2 or numpy is missing, so that the caller can skip visibly.
import os
import sys

try:
    import cv2
    import numpy as np
except ImportError:
    sys.exit(77)

FLAGS = {"nearest": cv2.INTER_NEAREST, "bilinear": cv2.INTER_LINEAR, "bicubic": cv2.INTER_CUBIC}


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "cases.txt")) as cases:
        for line in cases:
            name, h, w, c, left, top, right, bottom, out_w, out_h, interp, flip_h, flip_v = line.split()
            h, w, c, left, top, right, bottom, out_w, out_h = map(int, (h, w, c, left, top, right, bottom, out_w, out_h))
            image = np.fromfile(os.path.join(directory, name + ".in"), dtype=np.uint8).reshape(h, w, c)
            cut = np.ascontiguousarray(image[top:bottom, left:right])
            out = cv2.resize(cut, (out_w, out_h), interpolation=FLAGS[interp])
            if flip_h == "1":
                out = out[:, ::-1]
            if flip_v == "1":
                out = out[::-1]
            np.ascontiguousarray(out).tofile(os.path.join(directory, name + ".out"))


if __name__ == "__main__":
    main()
