# SPDX-License-Identifier: Apache-2.0
# The independent side of tests/pipeline/real_video_test.cpp: MMAction2 0.x's TSN val pipeline on a video, written
# out from the config with numpy and OpenCV (what mmcv calls), compared with vidata's tensor.
#
#   pipeline_oracle.py VIDEO VALUES.f32   ->  {"frames": N, "offsets": [...], "shape": [...], "max_abs": x, "mean_abs": y}
#
# VALUES.f32 holds vidata's float32 output, row-major. Frames come from the ffmpeg CLI (RGB24, every frame in
# presentation order), the same pixels `ffmpeg -f framemd5` digests.
import json
import subprocess
import sys

import cv2
import numpy as np


def decode(path):
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", path], check=True, capture_output=True, text=True).stdout.strip()
    width, height = (int(v) for v in probe.split(",")[:2])
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-fps_mode", "passthrough", "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3)


def main():
    video, values = sys.argv[1], sys.argv[2]
    frames = decode(video)
    n = len(frames)
    # SampleFrames(clip_len=1, frame_interval=1, num_clips=3, test_mode=True), start_index 0.
    num_clips, ori_clip_len = 3, 1
    avg = (n - ori_clip_len + 1) / float(num_clips)
    offsets = (np.arange(num_clips) * avg + avg / 2.0).astype(np.int64)
    out = []
    for i in offsets:
        img = frames[i]
        h, w = img.shape[:2]
        # Resize(scale=(-1, 256)): mmcv.rescale_size with (inf, 256), int(x * f + 0.5), then cv2 bilinear.
        f = min(np.inf / max(h, w), 256 / min(h, w))
        nw, nh = int(w * f + 0.5), int(h * f + 0.5)
        img = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_LINEAR)
        # CenterCrop(224)
        left, top = (nw - 224) // 2, (nh - 224) // 2
        img = img[top:top + 224, left:left + 224]
        # Flip(flip_ratio=0) changes nothing. Normalize: mmcv.imnormalize_ in float32, multiply by 1/std.
        mean = np.array([123.675, 116.28, 103.53], np.float32)
        stdinv = (1 / np.array([58.395, 57.12, 57.375], np.float64)).astype(np.float32)
        img = (img.astype(np.float32) - mean) * stdinv
        out.append(img)
    expected = np.stack(out).transpose(0, 3, 1, 2)  # FormatShape('NCHW')
    got = np.fromfile(values, np.float32)
    result = {"frames": int(n), "offsets": [int(o) for o in offsets], "shape": list(expected.shape)}
    if got.size != expected.size:
        result.update(max_abs=None, mean_abs=None, size=int(got.size))
    else:
        diff = np.abs(got.reshape(expected.shape).astype(np.float64) - expected.astype(np.float64))
        result.update(max_abs=float(diff.max()), mean_abs=float(diff.mean()))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
