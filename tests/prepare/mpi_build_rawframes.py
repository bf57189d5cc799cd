#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`mpirun -np 3 vidata build-rawframes`: the ranks split the videos, rank 0 writes the job's reports.

Run by ctest (tests/CMakeLists.txt) as
    mpi_build_rawframes.py --vidata <vidata> --mpiexec <mpirun> --work <scratch directory>
It makes 7 short videos with the ffmpeg CLI and one corrupt file, then checks, with ffprobe's frame counts and a
one-process run of the same tool as the independent sides:
  - the 3-rank job exits 0, prints one summary, and its per-rank totals add up to every video once (3, 3, 2 videos;
    7 extracted in all, none twice);
  - each video's frame directory holds exactly ffprobe's frame count of img_%05d.jpg, the corrupt one has none, and
    no partial directory, temporary or shard report is left;
  - build_report.txt lists the 7 videos, failed.txt the corrupt one, once;
  - the tree (names and bytes) is the one-process run's;
  - --resume --strict under mpirun skips everything, re-fails the corrupt video, exits non-zero, changes nothing;
  - --shard under mpirun is refused, with one message;
  - a rank that cannot write its output makes every rank fail (no hang), the error naming that rank printed once,
    the other ranks' frames and shard reports kept.
Exit status 77 (ctest: skipped) when ffmpeg or ffprobe is missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED: " + what, file=sys.stderr)


def run(command, timeout=60):
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    return result.returncode, result.stdout, result.stderr


def frame_count(video):
    # ffprobe decodes every frame and counts them: the number of img_*.jpg the extraction must write.
    code, out, err = run(["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                          "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(video)])
    if code != 0:
        raise RuntimeError(f"ffprobe {video}: {err}")
    return int(out.strip())


def tree(root):
    """{relative path: bytes} of every file under root."""
    files = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = Path(directory) / name
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vidata", required=True)
    parser.add_argument("--mpiexec", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        print("SKIPPED: the ffmpeg and ffprobe CLIs make and count the test videos (Debian: ffmpeg)")
        return 77

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    src = work / "videos"
    # Sorted: classA/a0 a1 a2, classB/b0 b1 b2 broken, classC/c0; video i goes to rank i mod 3: rank 0 a0 b0 broken,
    # rank 1 a1 b1 c0, rank 2 a2 b2. classC is rank 1's alone, which the failing-rank case uses.
    layout = {"classA/a0.avi": 0.20, "classA/a1.avi": 0.24, "classA/a2.avi": 0.28,
              "classB/b0.avi": 0.32, "classB/b1.avi": 0.36, "classB/b2.avi": 0.40, "classC/c0.avi": 0.44}
    for relative, seconds in layout.items():
        path = src / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        code, _, err = run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                            f"testsrc=size=96x64:rate=25:duration={seconds}", "-c:v", "mpeg4", "-q:v", "4", str(path)])
        if code != 0:
            raise RuntimeError(f"ffmpeg {path}: {err}")
    broken = "classB/broken.avi"
    (src / broken).write_bytes(b"RIFF\x10\x00\x00\x00AVI LIST" + bytes(range(256)) * 4)
    counts = {relative: frame_count(src / relative) for relative in layout}
    check(all(n >= 5 for n in counts.values()), f"the test videos have at least 5 frames each: {counts}")

    mpirun = [args.mpiexec, "-np", "3", "--oversubscribe"]
    vidata = args.vidata

    # The reference: one process, no MPI.
    one = work / "one"
    code, out, err = run([vidata, "build-rawframes", str(src), str(one), "--num-worker", "1"])
    check(code == 0, f"the one-process run exits 0 (got {code}: {err})")

    # The job: 3 ranks.
    job = work / "job"
    code, out, err = run(mpirun + [vidata, "build-rawframes", str(src), str(job), "--num-worker", "1", "--json"])
    check(code == 0, f"the 3-rank job exits 0 (got {code}: {out} {err})")
    summaries = [line for line in out.splitlines() if line.startswith("{")]
    check(len(summaries) == 1, f"one summary for the job (rank 0's), got {len(summaries)}: {out}")
    if summaries:
        s = json.loads(summaries[0])
        check((s["videos"], s["extracted"], s["skipped"], s["failed"]) == (8, 7, 0, 1),
              f"the job's totals: 8 videos, 7 extracted, 0 skipped, 1 failed; got {s}")
        check(s["frames"] == sum(counts.values()), f"the job wrote {sum(counts.values())} frames (ffprobe), got {s['frames']}")
        ranks = s.get("ranks", [])
        check([r["rank"] for r in ranks] == [0, 1, 2], f"three ranks in the summary: {ranks}")
        check([r["videos"] for r in ranks] == [3, 3, 2], f"videos per rank 3, 3, 2 (i mod 3): {ranks}")
        check(sum(r["extracted"] for r in ranks) == 7 and sum(r["failed"] for r in ranks) == 1,
              f"every video extracted by exactly one rank: {ranks}")
    check(err.count("failed: classB/broken.avi") == 1, f"the corrupt video is reported once on stderr: {err}")

    files = tree(job)
    for relative, n in counts.items():
        frame_dir = Path(relative).with_suffix("").as_posix()
        frames = sorted(name for name in files if name.startswith(frame_dir + "/"))
        expected = [f"{frame_dir}/img_{i:05d}.jpg" for i in range(1, n + 1)]
        check(frames == expected, f"{frame_dir} holds img_00001.jpg..img_{n:05d}.jpg (ffprobe's {n} frames), got {len(frames)} files")
    check(not (job / "classB" / "broken").exists(), "the corrupt video has no frame directory")
    leftovers = [name for name in files if ".partial-" in name or ".tmp." in name or ".shard-" in name]
    leftovers += [d for d, _, _ in os.walk(job) if ".partial-" in d]
    check(not leftovers, f"no partial directory, temporary or shard report is left: {leftovers}")
    expected_report = "".join(relative + "\n" for relative in sorted(layout))
    check(files.get("build_report.txt", b"").decode() == expected_report,
          f"build_report.txt lists the 7 videos, sorted: {files.get('build_report.txt')!r}")
    failed_lines = files.get("failed.txt", b"").decode().splitlines()
    check(len(failed_lines) == 1 and failed_lines[0].startswith(broken + "\t") and len(failed_lines[0]) > len(broken) + 1,
          f"failed.txt lists the corrupt video once, with a reason: {failed_lines}")
    reference = tree(one)
    check(sorted(files) == sorted(reference), "the job's tree has the one-process run's file names: "
          f"only in the job {sorted(set(files) - set(reference))}, only in the one-process run {sorted(set(reference) - set(files))}")
    check(all(files[name] == reference[name] for name in set(files) & set(reference)),
          "every file has the one-process run's bytes: " + str([n for n in set(files) & set(reference) if files[n] != reference[n]]))

    # --resume --strict: nothing left to extract, the corrupt video fails again, so the status is non-zero.
    code, out, err = run(mpirun + [vidata, "build-rawframes", str(src), str(job), "--num-worker", "1", "--json", "--resume", "--strict"])
    check(code != 0, "--strict with a failed video exits non-zero under mpirun")
    summaries = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    check(len(summaries) == 1 and (summaries[0]["extracted"], summaries[0]["skipped"], summaries[0]["failed"]) == (0, 7, 1),
          f"--resume skips the 7 extracted videos and retries the corrupt one: {out}")
    check(tree(job) == files, "--resume under mpirun leaves the tree as it was")

    # --shard and mpirun both split the work: refused, one message.
    code, out, err = run(mpirun + [vidata, "build-rawframes", str(src), str(work / "shard"), "--shard", "0/3"])
    check(code != 0, "--shard under mpirun -np 3 is refused")
    check((out + err).count("the ranks are the shards") == 1, f"the refusal is printed once (by rank 0): {out} {err}")

    # Rank 1 cannot create its class directory (a file stands there): the job fails on every rank, without hanging,
    # and says so once; ranks 0 and 2 keep their frames and shard reports.
    failing = work / "failing"
    failing.mkdir()
    (failing / "classC").write_text("not a directory")
    code, out, err = run(mpirun + [vidata, "build-rawframes", str(src), str(failing), "--num-worker", "1"])
    check(code != 0, "a failed rank makes the job exit non-zero")
    text = out + err
    check(text.count("vidata.mpi_job_error") == 1 and "rank 1: " in text and "classC" in text,
          f"the job's error names rank 1 and its directory, once: {text}")
    check((failing / "classA" / "a0").is_dir() and (failing / "classB" / "b2").is_dir(),
          "ranks 0 and 2 extracted their videos (classA/a0: rank 0, classB/b2: rank 2)")
    check(not (failing / "classA" / "a1").exists(), "rank 1 stopped before extracting anything")
    check((failing / "build_report.shard-0-of-3.txt").is_file() and (failing / "build_report.shard-2-of-3.txt").is_file()
          and not (failing / "build_report.txt").exists(),
          "the finished ranks' shard reports stay and no job report is written")

    print(f"mpi_build_rawframes: {len(failures)} failed checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
