#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the benchmarks in Release and runs every one of them; their output is what benchmarks/RESULTS.md quotes.
# Usage: benchmarks/run.sh [BUILD_DIR] [-- ARGS passed to each benchmark, e.g. --reps 10]
# The peers need Debian's python3-numpy, python3-sklearn and python3-pandas (scripts/setup bench installs them).
# AR@AN (vidata_bench_average_recall) and AVA also run the official toolkit when ACTIVITYNET_TOOLKIT names a checkout of
# activitynet/ActivityNet (the AR@AN one under $ACTIVITYNET_PYTHON, default /usr/bin/python2: the toolkit is Python 2 + pandas).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build-bench"
if [[ $# -gt 0 && "$1" != "--" ]]; then
  build="$1"
  shift
fi
[[ "${1:-}" == "--" ]] && shift

cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DVIDATA_BUILD_BENCHMARKS=ON -DVIDATA_BUILD_TESTS=OFF -DVIDATA_BUILD_EXAMPLES=OFF -DVIDATA_BUILD_TOOLS=OFF \
  -DVIDATA_INSTALL=OFF >/dev/null
cmake --build "${build}" -j "$(nproc)"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "compiler: $(c++ --version | head -1)"
status=0
for bench in "${build}"/benchmarks/vidata_bench_*; do
  [[ -x "${bench}" ]] || continue
  echo
  echo "== $(basename "${bench}") $*"
  "${bench}" "$@" || status=1
done
exit "${status}"
