# SPDX-License-Identifier: Apache-2.0
"""The independent side of the sampler tests: MMAction2 0.x's frame samplers transcribed from the spec
(../shared/spec/reference-behaviour.md section 1.1) and run under real numpy, whose legacy global generator
supplies the random numbers.

usage: sampler_reference.py CASES.json OUT.json

CASES.json is a list of objects. A sampler case names "sampler" (segments, dense, uniform, ava, untrimmed,
proposal, padding), its settings with MMAction2's parameter names, "total_frames", "start_index" and
optionally "seed": np.random.seed(seed) runs right before the call. The answer for it is
{"frame_inds": [...], "next": n}, where n = np.random.randint(2**30) drawn after the call, which shows that
the call left the global generator where vidata's numpy_random_state is left.
A primitive case names "op" (randint, uniform, choice, permutation, random_sample, state) and exercises one
numpy function after np.random.seed(seed); see primitive() for its fields.
"""
import json
import sys

import numpy as np


def expand(offsets, c, n):
    """SampleFrames.__call__: offsets to frame indices (jitter, out-of-bound handling, start_index)."""
    clip_len = c["clip_len"]
    interval = c.get("frame_interval", 1)
    inds = offsets[:, None] + np.arange(clip_len)[None, :] * interval
    inds = np.concatenate(inds)
    if c.get("temporal_jitter", False):
        inds += np.random.randint(interval, size=len(inds))
    inds = inds.reshape((-1, clip_len))
    if c.get("out_of_bound_opt", "loop") == "loop":
        inds = np.mod(inds, n)
    else:
        inside = inds < n
        last = np.max(inside * inds, axis=1)
        inds = inside * inds + ((1 - inside).T * last).T
    return np.concatenate(inds) + c.get("start_index", 0)


def segments(c, n):
    clip_len, interval, clips = c["clip_len"], c.get("frame_interval", 1), c.get("num_clips", 1)
    ocl = clip_len * interval
    if c.get("test_mode", False):
        avg = (n - ocl + 1) / float(clips)
        if n > ocl - 1:
            base = np.arange(clips) * avg
            offsets = (base + avg / 2.0).astype(np.int64)
            if c.get("twice_sample", False):
                offsets = np.concatenate([offsets, base])
        else:
            offsets = np.zeros(clips, dtype=np.int64)
    elif c.get("keep_tail_frames", False):
        avg = (n - ocl + 1) / float(clips)
        if n > ocl - 1:
            offsets = (np.arange(clips) * avg + np.random.uniform(0, avg, clips)).astype(np.int64)
        else:
            offsets = np.zeros(clips, dtype=np.int64)
    else:
        avg = (n - ocl + 1) // clips
        if avg > 0:
            offsets = np.arange(clips) * avg + np.random.randint(avg, size=clips)
        elif n > max(clips, ocl):
            offsets = np.sort(np.random.randint(n - ocl + 1, size=clips))
        elif avg == 0:
            offsets = np.around(np.arange(clips) * ((n - ocl + 1.0) / clips))
        else:
            offsets = np.zeros(clips, dtype=np.int64)
    return expand(offsets, c, n)


def dense(c, n):
    clips = c.get("num_clips", 1)
    sample_range = c.get("sample_range", 64)
    positions = max(1, 1 + n - sample_range)
    interval = sample_range // clips
    base = np.arange(clips) * interval
    if c.get("test_mode", False):
        starts = np.linspace(0, positions - 1, num=c.get("num_sample_positions", 10), dtype=int)
        offsets = np.array([o for s in starts for o in (base + s) % n])
    else:
        start = 0 if positions == 1 else np.random.randint(0, positions - 1)
        offsets = (base + start) % n
    return expand(offsets, c, n)


def uniform_clip(n, clip_len):
    if n < clip_len:
        start = np.random.randint(0, n)
        return np.arange(start, start + clip_len)
    if n < 2 * clip_len:
        skipped = np.random.choice(clip_len + 1, n - clip_len, replace=False)
        extra = np.zeros(clip_len + 1, dtype=np.int64)
        extra[skipped] = 1
        return np.arange(clip_len) + np.cumsum(extra)[:-1]
    bounds = np.array([i * n // clip_len for i in range(clip_len + 1)])
    return bounds[:clip_len] + np.random.randint(np.diff(bounds))


def uniform(c, n):
    clip_len, clips = c["clip_len"], c.get("num_clips", 1)
    if c.get("test_mode", False):
        np.random.seed(c.get("seed_test", 255))
        if n < clip_len:
            starts = list(range(clips)) if n < clips else [i * n // clips for i in range(clips)]
            inds = np.concatenate([np.arange(s, s + clip_len) for s in starts])
        else:
            inds = np.concatenate([uniform_clip(n, clip_len) for _ in range(clips)])
    else:
        inds = uniform_clip(n, clip_len)
    return np.mod(inds, n) + c.get("start_index", 0)


def ava(c, n):
    clip_len, interval = c["clip_len"], c.get("frame_interval", 2)
    centre = c["fps"] * (c["timestamp"] - c["timestamp_start"]) + 1
    moves = np.random.randint(-interval // 2, (interval + 1) // 2, size=clip_len)
    inds = np.array(list(range(centre - (clip_len // 2) * interval, centre + ((clip_len + 1) // 2) * interval, interval)))
    if not c.get("test_mode", False):
        inds = inds + moves
    shot = c["shot_info"]
    return np.clip(inds, shot[0], shot[1] - 1) + c.get("start_index", 0)


def untrimmed(c, n):
    clip_len, interval = c.get("clip_len", 1), c.get("frame_interval", 16)
    centres = np.arange(interval // 2, n, interval)
    inds = centres[:, None] + np.arange(-(clip_len // 2), clip_len - clip_len // 2)[None, :]
    return np.clip(inds, 0, n - 1).reshape(-1) + c.get("start_index", 0)


def proposal_stage(length, segments, mode):
    if mode == "train":
        avg = (length + 1) // segments
        if avg > 0:
            return np.arange(segments) * avg + np.random.randint(avg, size=segments)
        return np.zeros(segments, dtype=np.int64)
    if length >= segments:
        avg = length / float(segments)
        return (np.arange(segments) * avg + avg / 2.0).astype(np.int64)
    return np.zeros(segments, dtype=np.int64)


def proposal(c, n):
    clip_len, interval = c["clip_len"], c.get("frame_interval", 1)
    ocl = clip_len * interval
    mode = c.get("mode", "train")
    if mode == "test":
        offsets = np.arange(0, n - ocl, c.get("test_interval", 6))
    else:
        parts = []
        r0, r1 = c["aug_ratio"]
        for s, e in c["proposals"]:
            d = e - s
            vs = max(0, s - int(d * r0))
            ve = min(n - ocl + 1, e - 1 + int(d * r1))
            parts.append(proposal_stage(s - vs - ocl, c["aug_segments"][0], mode) + vs)
            parts.append(proposal_stage(d - ocl, c["body_segments"], mode) + s)
            parts.append(proposal_stage((ve - e + 1) - ocl, c["aug_segments"][1], mode) + e)
        offsets = np.concatenate(parts)
    inds = (offsets[:, None] + np.arange(clip_len)[None, :] * interval).reshape(-1)
    if c.get("temporal_jitter", False):
        inds = inds + np.random.randint(interval, size=len(inds))
    return np.mod(inds, n) + c.get("start_index", 0)


def padding(c, n):
    return np.mod(np.arange(c["clip_len"]), n)


SAMPLERS = {"segments": segments, "dense": dense, "uniform": uniform, "ava": ava, "untrimmed": untrimmed,
            "proposal": proposal, "padding": padding}


def primitive(c):
    """One numpy legacy function after np.random.seed(seed); returns what it gave, as integers or floats' hex."""
    seed = c["seed"]
    np.random.seed(seed if isinstance(seed, int) else list(seed))
    op = c["op"]
    if op == "state":
        state = np.random.get_state()
        return {"key": [int(k) for k in state[1]], "pos": int(state[2])}
    if op == "randint":
        values = np.random.randint(c["low"], c["high"], size=c["size"], dtype=np.int64)
        return {"values": [int(v) for v in values]}
    if op == "randint_array":
        values = np.random.randint(np.array(c["high"], dtype=np.int64))
        return {"values": [int(v) for v in values]}
    if op == "random_sample":
        return {"values": [float(v).hex() for v in np.random.random_sample(c["size"])]}
    if op == "uniform":
        return {"values": [float(v).hex() for v in np.random.uniform(c["low"], c["high"], c["size"])]}
    if op == "choice":
        return {"values": [int(v) for v in np.random.choice(c["n"], c["k"], replace=False)]}
    if op == "permutation":
        return {"values": [int(v) for v in np.random.permutation(c["n"])]}
    raise ValueError("unknown op " + op)


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    answers = []
    with np.errstate(all="ignore"):
        for c in cases:
            if "op" in c:
                answers.append(primitive(c))
                continue
            if c.get("seed") is not None:
                np.random.seed(c["seed"])
            inds = SAMPLERS[c["sampler"]](c, c.get("total_frames", 0))
            answers.append({"frame_inds": [int(v) for v in np.asarray(inds).astype(np.int64)],
                            "next": int(np.random.randint(2**30))})
    with open(sys.argv[2], "w") as f:
        json.dump(answers, f)


if __name__ == "__main__":
    main()
