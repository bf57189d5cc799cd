#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Says whether the real-data suite can run. In CI (CI=true) its absence is a failure, not a skip.
if [ -n "$VIDATA_FIXTURES" ] && [ -f "$VIDATA_FIXTURES/PROVENANCE.md" ]; then
  echo "real-data suite: fixtures at $VIDATA_FIXTURES"
  exit 0
fi
if [ "$CI" = "true" ]; then
  echo "VIDATA_FIXTURES='$VIDATA_FIXTURES' does not hold the fixtures; CI must run the real-data suite" >&2
  exit 1
fi
echo "SKIPPED: the real-data suite needs VIDATA_FIXTURES=<path to shared/fixtures>, e.g. ../shared/fixtures"
exit 77
