#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# The independent side of the optical-flow tests: OpenCV's own flow through cv2 (Debian's python3-opencv, with the
# contrib module cv2.optflow), quantised with numpy as denseflow (round half to even, in double) and MMAction2's
# tools/misc/flow_extraction.py (float32, truncated) write it.
# Usage: flow_oracle.py DIR   (DIR/cases.txt: one case per line, either
#   "flow NAME H W ALGORITHM BOUND": reads DIR/NAME.a and DIR/NAME.b (H*W gray bytes each), writes DIR/NAME.x and
#     DIR/NAME.y, the quantised flow from a to b with ALGORITHM tvl1 (OpenCV's defaults) or farn (denseflow's
#     parameters: pyramid scale 0.5, 5 levels, window 13, 10 iterations, polyN 5, polySigma 1.1);
#   "quantise NAME N BOUND": reads DIR/NAME.f (N float32), writes DIR/NAME.nearest and DIR/NAME.truncate)
# Exits 77 when cv2 (with optflow) or numpy is missing, so that the caller can skip visibly.
import os
import sys

try:
    import cv2
    import numpy as np
    cv2.optflow.createOptFlow_DualTVL1
except (ImportError, AttributeError):
    sys.exit(77)


def nearest(values, bound):
    v = values.astype(np.float64)
    scaled = np.rint(255.0 * (v + bound) / (2.0 * bound))  # np.rint: half to even, as cvRound
    return np.where(v > bound, 255, np.where(v < -bound, 0, scaled)).astype(np.uint8)


def truncate(values, bound):
    # flow_extraction.py: np.uint8((np.clip(flow, -bound, bound) + bound) * 255 / (2 * bound)), float32 throughout
    clipped = np.clip(values.astype(np.float32), np.float32(-bound), np.float32(bound))
    return ((clipped + np.float32(bound)) * np.float32(255) / np.float32(2 * bound)).astype(np.uint8)


def main():
    directory = sys.argv[1]
    path = lambda name: os.path.join(directory, name)
    with open(path("cases.txt")) as cases:
        for line in cases:
            kind, name, *rest = line.split()
            if kind == "flow":
                h, w, algorithm, bound = int(rest[0]), int(rest[1]), rest[2], int(rest[3])
                a = np.fromfile(path(name + ".a"), dtype=np.uint8).reshape(h, w)
                b = np.fromfile(path(name + ".b"), dtype=np.uint8).reshape(h, w)
                if algorithm == "tvl1":
                    flow = cv2.optflow.createOptFlow_DualTVL1().calc(a, b, None)
                else:
                    flow = cv2.calcOpticalFlowFarneback(a, b, None, 0.5, 5, 13, 10, 5, 1.1, 0)
                nearest(flow[:, :, 0], bound).tofile(path(name + ".x"))
                nearest(flow[:, :, 1], bound).tofile(path(name + ".y"))
            else:
                n, bound = int(rest[0]), int(rest[1])
                values = np.fromfile(path(name + ".f"), dtype=np.float32)
                assert values.size == n
                nearest(values, bound).tofile(path(name + ".nearest"))
                truncate(values, bound).tofile(path(name + ".truncate"))


if __name__ == "__main__":
    main()
