# SPDX-License-Identifier: Apache-2.0
"""The numpy / OpenCV side of the photometric and pose transform cross-checks (tests/transforms/*_test.cpp).

Each command reads raw little-endian arrays that the C++ test wrote into DIR, computes what MMAction2 0.x
computes, the way it computes it (numpy float32 arithmetic, mmcv's cv2-based imnormalize_, cv2.cvtColor for
hue), and writes the result as raw bytes into DIR for the test to compare.

  normalize DIR T H W C TO_BGR MEAN... STD...
        in.u8 (T,H,W,C) -> out.f32 (T,H,W,C): mmcv.imnormalize_'s steps (float32 array, optional BGR<->RGB
        swap with cv2.cvtColor, cv2.subtract of the float64 mean, cv2.multiply by 1/float64(std)).
  normalize_flow DIR N H W MX MY SX SY ADJUST FX FY
        in.u8 (2N,H,W) x/y interleaved -> out.f32 (N,H,W,2): (x - mean) / std in float32, times the
        float32 scale factor when ADJUST is 1.
  hsv DIR N
        in.u8 (N,3) RGB -> rgb2hsv.u8 (N,3) by cv2 (one row); hsvin.u8 (N,3) -> hsv2rgb.u8 by cv2 in rows of
        340 pixels (vector blocks and a scalar tail).
  color_jitter DIR T H W B C S HUE O0 O1 O2 O3
        in.u8 (T,H,W,3) -> out.u8: MMAction2's ColorJitter steps with the given factors and order.
  pose_target DIR M T V H W SIGMA USE_SCORE WITH_KP WITH_LIMB HAS_SCORE [A B]...
        kp.f32 (M,T,V,2), score.f32 (M,T,V) -> out.f32 (T,H,W,K): GeneratePoseTarget's heatmaps with the
        limbs given as pairs after the flags.
"""
import os
import sys

import numpy as np


def load(d, name, dtype, shape):
    return np.fromfile(os.path.join(d, name), dtype=dtype).reshape(shape)


def save(d, name, array):
    np.ascontiguousarray(array).tofile(os.path.join(d, name))


def normalize(d, t, h, w, c, to_bgr, rest):
    import cv2
    mean = np.array(rest[:c], dtype=np.float32)
    std = np.array(rest[c:2 * c], dtype=np.float32)
    imgs = load(d, 'in.u8', np.uint8, (t, h, w, c)).astype(np.float32)
    mean64 = np.float64(mean.reshape(1, -1))
    stdinv = 1 / np.float64(std.reshape(1, -1))
    for img in imgs:
        if to_bgr:
            cv2.cvtColor(img, cv2.COLOR_BGR2RGB, img)
        cv2.subtract(img, mean64, img)
        cv2.multiply(img, stdinv, img)
    save(d, 'out.f32', imgs)


def normalize_flow(d, n, h, w, mx, my, sx, sy, adjust, fx, fy):
    frames = load(d, 'in.u8', np.uint8, (2 * n, h, w))
    mean = np.array([mx, my], dtype=np.float32)
    std = np.array([sx, sy], dtype=np.float32)
    scale = np.array([fx, fy], dtype=np.float32)
    x = np.empty((n, h, w), dtype=np.float32)
    y = np.empty((n, h, w), dtype=np.float32)
    for i in range(n):
        x[i] = frames[2 * i]
        y[i] = frames[2 * i + 1]
    x = (x - mean[0]) / std[0]
    y = (y - mean[1]) / std[1]
    if adjust:
        x = x * scale[0]
        y = y * scale[1]
    save(d, 'out.f32', np.stack([x, y], axis=-1))


def hsv(d, n):
    import cv2
    rgb = load(d, 'in.u8', np.uint8, (1, n, 3))
    save(d, 'rgb2hsv.u8', cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV))
    width = 340
    hsvin = load(d, 'hsvin.u8', np.uint8, (n // width, width, 3))
    save(d, 'hsv2rgb.u8', cv2.cvtColor(hsvin, cv2.COLOR_HSV2RGB))


def gray(img):
    return 0.2989 * img[..., 0] + 0.587 * img[..., 1] + 0.114 * img[..., 2]


def color_jitter(d, t, h, w, b, c, s, hue, order):
    import cv2
    imgs = load(d, 'in.u8', np.uint8, (t, h, w, 3))
    out = []
    for frame in imgs:
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
                hsv_img = cv2.cvtColor(u8, cv2.COLOR_RGB2HSV)
                hsv_img[..., 0] = (hsv_img[..., 0] + int(hue * 255)) % 180
                img = cv2.cvtColor(hsv_img, cv2.COLOR_HSV2RGB).astype(np.float32)
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    save(d, 'out.u8', np.stack(out))


EPS = 1e-4


def keypoint_heatmap(h, w, centers, sigma, values):
    heatmap = np.zeros([h, w], dtype=np.float32)
    for center, value in zip(centers, values):
        mx, my = center[0], center[1]
        if value < EPS:
            continue
        x0, x1 = max(int(mx - 3 * sigma), 0), min(int(mx + 3 * sigma) + 1, w)
        y0, y1 = max(int(my - 3 * sigma), 0), min(int(my + 3 * sigma) + 1, h)
        xs = np.arange(x0, x1, 1, np.float32)
        ys = np.arange(y0, y1, 1, np.float32)
        if not (len(xs) and len(ys)):
            continue
        ys = ys[:, None]
        patch = np.exp(-((xs - mx) ** 2 + (ys - my) ** 2) / 2 / sigma ** 2) * value
        heatmap[y0:y1, x0:x1] = np.maximum(heatmap[y0:y1, x0:x1], patch)
    return heatmap


def limb_heatmap(h, w, starts, ends, sigma, start_values, end_values):
    heatmap = np.zeros([h, w], dtype=np.float32)
    for a, b, va, vb in zip(starts, ends, start_values, end_values):
        value = min(va, vb)
        if value < EPS:
            continue
        x0 = max(int(min(a[0], b[0]) - 3 * sigma), 0)
        x1 = min(int(max(a[0], b[0]) + 3 * sigma) + 1, w)
        y0 = max(int(min(a[1], b[1]) - 3 * sigma), 0)
        y1 = min(int(max(a[1], b[1]) + 3 * sigma) + 1, h)
        xs = np.arange(x0, x1, 1, np.float32)
        ys = np.arange(y0, y1, 1, np.float32)
        if not (len(xs) and len(ys)):
            continue
        ys = ys[:, None]
        d2a = (xs - a[0]) ** 2 + (ys - a[1]) ** 2
        d2b = (xs - b[0]) ** 2 + (ys - b[1]) ** 2
        d2ab = (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
        if d2ab < 1:
            heatmap = np.maximum(heatmap, keypoint_heatmap(h, w, [a], sigma, [va]))
            continue
        coeff = (d2a - d2b + d2ab) / 2. / d2ab
        near_a = coeff <= 0
        near_b = coeff >= 1
        between = 1 - near_a - near_b
        px = xs + np.zeros_like(ys)
        py = ys + np.zeros_like(xs)
        qx = a[0] + coeff * (b[0] - a[0])
        qy = a[1] + coeff * (b[1] - a[1])
        d2line = (px - qx) ** 2 + (py - qy) ** 2
        d2 = near_a * d2a + near_b * d2b + between * d2line
        patch = np.exp(-d2 / 2. / sigma ** 2) * value
        heatmap[y0:y1, x0:x1] = np.maximum(heatmap[y0:y1, x0:x1], patch)
    return heatmap


def pose_target(d, m, t, v, h, w, sigma, use_score, with_kp, with_limb, has_score, limbs):
    kp = load(d, 'kp.f32', np.float32, (m, t, v, 2))
    score = load(d, 'score.f32', np.float32, (m, t, v)) if has_score else np.ones((m, t, v), np.float32)
    frames = []
    for i in range(t):
        kps = kp[:, i]
        values = score[:, i] if use_score else np.ones(score[:, i].shape, np.float32)
        maps = []
        if with_kp:
            for j in range(v):
                maps.append(keypoint_heatmap(h, w, kps[:, j], sigma, values[:, j]))
        if with_limb:
            for a, b in limbs:
                maps.append(limb_heatmap(h, w, kps[:, a], kps[:, b], sigma, values[:, a], values[:, b]))
        frames.append(np.stack(maps, axis=-1))
    save(d, 'out.f32', np.stack(frames))


def main(argv):
    cmd, d = argv[1], argv[2]
    a = argv[3:]
    if cmd == 'normalize':
        t, h, w, c, to_bgr = (int(x) for x in a[:5])
        normalize(d, t, h, w, c, to_bgr, [float(x) for x in a[5:]])
    elif cmd == 'normalize_flow':
        n, h, w = (int(x) for x in a[:3])
        mx, my, sx, sy = (float(x) for x in a[3:7])
        normalize_flow(d, n, h, w, mx, my, sx, sy, int(a[7]), float(a[8]), float(a[9]))
    elif cmd == 'hsv':
        hsv(d, int(a[0]))
    elif cmd == 'color_jitter':
        t, h, w = (int(x) for x in a[:3])
        b, c, s, hue = (float(x) for x in a[3:7])
        color_jitter(d, t, h, w, b, c, s, hue, [int(x) for x in a[7:11]])
    elif cmd == 'pose_target':
        m, t, v, h, w = (int(x) for x in a[:5])
        sigma = float(a[5])
        use_score, with_kp, with_limb, has_score = (int(x) for x in a[6:10])
        pairs = [int(x) for x in a[10:]]
        pose_target(d, m, t, v, h, w, sigma, use_score, with_kp, with_limb, has_score,
                    list(zip(pairs[0::2], pairs[1::2])))
    else:
        sys.exit('unknown command ' + cmd)


if __name__ == '__main__':
    main(sys.argv)
