#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every fuzz target in DIR for SECONDS each, seeded from the real fixtures ($VIDATA_FIXTURES) and
# from fuzz/seeds/<target>/ where present. Fails when a target reports a crash, leak or timeout.
# Usage: fuzz/run_all.sh BUILD_FUZZ_DIR [SECONDS]   (VIDATA_JOBS targets at a time, default: the number of cores)
set -euo pipefail
dir=$(cd "$1" && pwd)  # absolute: each target runs from its own work folder
seconds=${2:-60}
jobs=${VIDATA_JOBS:-$(nproc)}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed_pattern() {  # which fixture files seed which parser
  case $1 in
    pickle_fuzz) echo '*.pkl' ;;
    npy_fuzz) echo '*.npy' ;;
    csv_fuzz) echo '*.csv' ;;
    json_fuzz) echo '*.json' ;;
    formats_lists_fuzz) echo '*list*' ;;
    formats_classification_fuzz) echo '*.[tcj][xs]*' ;;  # .txt, .csv and .json
    formats_spatial_fuzz) echo '*ava*' ;;  # AVA's CSVs, label maps and proposal pickles
    formats_untrimmed_fuzz) echo '*_*.[tcj][xs]*' ;;  # FineGYM, HVU, THUMOS'14 and ActivityNet files (.txt, .csv, .json)
    *) echo '*.txt' ;;
  esac
}

shopt -s nullglob
targets=("$dir"/*_fuzz)
if ((${#targets[@]} == 0)); then
  echo "fuzz: no targets in $dir" >&2
  exit 1
fi
# One target: seed it, run it, say how it went (exit status 1 on a finding, the crashing input kept).
fuzz_one() {
  local target=$1 name corpus seeds log
  name=$(basename "$target")
  corpus="$work/$name/corpus"
  seeds="$work/$name/seeds"
  mkdir -p "$corpus" "$seeds"
  if [[ -n "${VIDATA_FIXTURES:-}" && -d "$VIDATA_FIXTURES" ]]; then
    # Small files only: libFuzzer mutates best around a few KiB, and -max_len caps what it reads.
    find "$VIDATA_FIXTURES" -type f -name "$(seed_pattern "$name")" -size -512k -print0 |
      while IFS= read -r -d '' f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16)"; done
  fi
  if [[ -d "$here/seeds/$name" ]]; then
    cp "$here/seeds/$name"/* "$seeds/" 2>/dev/null || true
  fi
  log="$work/$name/log"
  if ! (cd "$work/$name" && "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
          -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1); then
    tail -n 40 "$log"
    echo "fuzz: $name found a failure; the crashing input is kept in $work/$name" >&2
    return 1
  fi
  echo "== fuzz $name: $(ls "$seeds" | wc -l) seeds, ${seconds} s: $(grep -E '^stat::number_of_executed_units' "$log" | tr -s ' ' | cut -d' ' -f2) runs, no finding"
}

# The targets run $jobs at a time (one core each): the wall time of a CI run is what this saves.
failed=0
running=0
for target in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n || failed=1
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done
if ((failed)); then
  trap - EXIT
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds} s each without a finding"
