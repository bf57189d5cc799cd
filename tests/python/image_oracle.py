# SPDX-License-Identifier: Apache-2.0
"""The OpenCV side of the image decoder cross-checks (tests/image/image_decoder_test.cpp, rawframe_source_test.cpp).

  image_oracle.py make DIR          OpenCV writes JPEG cases into DIR (4:2:0 at odd and even sizes, progressive,
                                    grayscale) from fixed-seed pixels, then does what `decode DIR DIR/*.jpg` does.
  image_oracle.py decode OUT FILE... OpenCV decodes each FILE as MMAction2's cv2 backend does (mmcv.imfrombytes:
                                    cv2.imdecode with IMREAD_COLOR, then BGR -> RGB; flow with IMREAD_GRAYSCALE) and
                                    writes the pixels to OUT/<name>.rgb.raw and OUT/<name>.gray.raw (row-major,
                                    channels last); prints a JSON list of {name, width, height}.
"""
import json
import os
import sys

import cv2
import numpy as np


def make_pixels(rng, height, width):
    # Smooth gradients, stripes and noise: content with edges and texture, so that chroma upsampling and the
    # IDCT matter (a flat image would decode identically under any decoder).
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    r = 128 + 100 * np.sin(x / 7.0) * np.cos(y / 11.0)
    g = 255 * x / max(width - 1, 1)
    b = np.where((x // 8 + y // 8) % 2 == 0, 220.0, 30.0)
    img = np.stack([b, g, r], axis=-1) + rng.normal(0, 12, (height, width, 3))  # OpenCV's BGR order
    return np.clip(img, 0, 255).astype(np.uint8)


def make(out_dir):
    rng = np.random.RandomState(7)
    cases = [
        ("cv_420_q95_odd.jpg", 45, 67, [cv2.IMWRITE_JPEG_QUALITY, 95], False),
        ("cv_420_q75_even.jpg", 48, 64, [cv2.IMWRITE_JPEG_QUALITY, 75], False),
        ("cv_progressive.jpg", 33, 50, [cv2.IMWRITE_JPEG_QUALITY, 90, cv2.IMWRITE_JPEG_PROGRESSIVE, 1], False),
        ("cv_gray.jpg", 37, 29, [cv2.IMWRITE_JPEG_QUALITY, 95], True),
        ("cv_256p.jpg", 256, 340, [cv2.IMWRITE_JPEG_QUALITY, 95], False),
    ]
    for name, height, width, params, gray in cases:
        img = make_pixels(rng, height, width)
        if gray:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        if not cv2.imwrite(os.path.join(out_dir, name), img, params):
            raise SystemExit("cv2.imwrite failed for " + name)
    files = sorted(os.path.join(out_dir, f) for f in os.listdir(out_dir) if f.endswith(".jpg"))
    decode(out_dir, files)


def decode(out_dir, files):
    report = []
    for path in files:
        data = np.fromfile(path, dtype=np.uint8)
        bgr = cv2.imdecode(data, cv2.IMREAD_COLOR)
        gray = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
        if bgr is None or gray is None:
            raise SystemExit("cv2.imdecode could not decode " + path)
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        name = os.path.basename(path)
        rgb.tofile(os.path.join(out_dir, name + ".rgb.raw"))
        gray.tofile(os.path.join(out_dir, name + ".gray.raw"))
        report.append({"name": name, "width": int(rgb.shape[1]), "height": int(rgb.shape[0])})
    print(json.dumps(report))


def main(argv):
    if len(argv) == 3 and argv[1] == "make":
        make(argv[2])
    elif len(argv) >= 4 and argv[1] == "decode":
        decode(argv[2], argv[3:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
