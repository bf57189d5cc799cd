# SPDX-License-Identifier: Apache-2.0
"""The peers of benchmarks/decode.cpp: how MMAction2 0.x's video decoders read frames, with PyAV and OpenCV.

  decode_peer.py MODE FILE INDICES REPS THREADS
      MODE      opencv_all      cv2.VideoCapture, every frame read in turn (a full decode, BGR), INDICES ignored
                pyav_accurate   MMAction2's PyAVInit + PyAVDecode(mode='accurate'): decode from the start past
                                max(INDICES) (to max + 2), every frame to an RGB ndarray, then pick INDICES
                pyav_efficient  MMAction2's PyAVDecode(mode='efficient'): per index, seek backward to the keyframe
                                before pts = index / (average_rate * time_base), decode one frame (approximate)
                opencv_seek     MMAction2's OpenCVDecode (mmcv.VideoReader): per index, CAP_PROP_POS_FRAMES then read,
                                BGR to RGB (OpenCV's FFmpeg backend seeks to the keyframe and decodes forward)
      INDICES   comma-separated frame indices
      REPS      repetitions; the best time is printed
      THREADS   decoder threads: PyAV's thread_count; for OpenCV, which takes no thread count, 1 pins the process to
                one core and anything else leaves it its own choice (a thread per core)
  Each repetition opens the file, as a data loader does per sample. Prints {"seconds", "cpu_seconds", "frames", "md5"}: the MD5 of each
  returned frame's RGB24 pixels, for comparison with vidata's; "cpu_seconds" is the best process CPU time (user + system,
all threads), the figure a loaded machine distorts least.
"""
import hashlib
import io
import json
import os
import sys
import time


def md5s(frames):
    return [hashlib.md5(f.tobytes()).hexdigest() for f in frames]


def opencv_all(path, indices, threads):
    import cv2
    cap = cv2.VideoCapture(path)
    n = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        n += 1
    cap.release()
    return n, []


def opencv_seek(path, indices, threads):
    import cv2
    cap = cv2.VideoCapture(path)
    frames = []
    position = 0
    for idx in indices:
        if idx != position:
            cap.set(cv2.CAP_PROP_POS_FRAMES, idx)
        ok, frame = cap.read()
        position = idx + 1
        frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    cap.release()
    return len(frames), frames


def pyav_accurate(path, indices, threads):
    # PyAVInit (the file's bytes through FileClient into a BytesIO, as io_backend='disk' does) and PyAVDecode's
    # accurate loop, which appends frames while i <= max + 1: it decodes max + 3 frames and converts max + 2.
    import av
    with open(path, "rb") as f:
        container = av.open(io.BytesIO(f.read()))
    stream = container.streams.video[0]
    stream.thread_count = threads
    imgs = []
    max_inds = max(indices)
    i = 0
    for frame in container.decode(video=0):
        if i > max_inds + 1:
            break
        imgs.append(frame.to_rgb().to_ndarray())
        i += 1
    frames = [imgs[i % len(imgs)] for i in indices]
    del container
    return len(frames), frames


def pyav_efficient(path, indices, threads):
    # PyAVInit as above; PyAVDecode's efficient mode first decodes one frame as its fallback picture.
    import av
    with open(path, "rb") as f:
        container = av.open(io.BytesIO(f.read()))
    stream = container.streams.video[0]
    stream.thread_count = threads
    for _ in container.decode(video=0):
        break
    frames = []
    for idx in indices:
        pts = int(idx / (stream.average_rate * stream.time_base))
        container.seek(pts, backward=True, any_frame=False, stream=stream)
        frame = None
        for packet in container.demux(stream):
            for f in packet.decode():
                frame = f
                break
            if frame is not None:
                break
        frames.append(frame.to_rgb().to_ndarray())
    container.close()
    return len(frames), frames


def main():
    mode, path, indices, reps, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    indices = [int(i) for i in indices.split(",") if i]
    if mode.startswith("opencv") and threads == 1:
        # OpenCV 4.6 decodes on one thread per core whatever it is asked: its capture options go to the demuxer, not
        # the decoder, and CAP_PROP_N_THREADS (4.7) is refused by its open. One thread's worth of CPU is then one core.
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    run = {"opencv_all": opencv_all, "opencv_seek": opencv_seek, "pyav_accurate": pyav_accurate,
           "pyav_efficient": pyav_efficient}[mode]
    best = best_cpu = float("inf")
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        n, frames = run(path, indices, threads)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(json.dumps({"seconds": best, "cpu_seconds": best_cpu, "frames": n, "md5": md5s(frames)}))


if __name__ == "__main__":
    main()
