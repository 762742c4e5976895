#!/usr/bin/env bash
# Re-runs against one stateful provider (issue 11): starts `gpc-assure serve` once and runs every
# suite against it N times in a row with --base-url, so registrations of earlier runs pile up in
# the provider. Prints the failures (failed + errored cases) of each run and the totals. Goal: 0.
#
#   bench/bench_rerun.sh [BUILD_DIR] [N] [JOBS]        default: build, 100 runs, --jobs 4
#
# BENCH_RUN_ARGS adds options to every run (a filter, or --seed N to make every run draw the same
# first candidates: the hardest case, each run after the first then finds them all registered).
# Exit status: 0 when no run had a failure, 1 otherwise, 2 when the provider or a run could not start.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
runs="${2:-100}"
jobs="${3:-4}"
exe="$build/gpc-assure"
[ -x "$exe" ] || { echo "bench_rerun: $exe not built (cmake --build $build --target gpc-assure)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench_rerun: needs jq" >&2; exit 2; }

bench_name=bench_rerun
# shellcheck source=bench/serve_once.sh
. "$here/bench/serve_once.sh"
start_serve
echo "bench_rerun: $runs runs of $exe run --base-url $url --jobs $jobs ${BENCH_RUN_ARGS:-}"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"

total_cases=0 total_failures=0 failing_runs=0
started=$(date +%s)
for i in $(seq "$runs"); do
  out="$work/run$i"
  status=0
  "$exe" run --base-url "$url" --jobs "$jobs" --out "$out" --no-color ${BENCH_RUN_ARGS:-} >"$out.console" 2>"$out.stderr" || status=$?
  # 1 is a run with failures (counted below); anything above is a run that could not happen.
  [ "$status" -le 1 ] || { echo "  run $i: gpc-assure run exited $status:" >&2; cat "$out.stderr" >&2; exit 2; }
  line="$(jq -r '"\(.summary.total) \(.summary.failed + .summary.errored) \(.run.seed)"' "$out/report.json")"
  read -r cases failures seed <<<"$line"
  total_cases=$((total_cases + cases))
  total_failures=$((total_failures + failures))
  if [ "$failures" -gt 0 ]; then
    failing_runs=$((failing_runs + 1))
    echo "  run $i (seed $seed): $failures failures of $cases cases:"
    jq -r '.cases[] | select(.verdict == "failed" or .verdict == "errored") | "      \(.verdict) \(.id): \(.reason)"' "$out/report.json"
  else
    echo "  run $i (seed $seed): 0 failures of $cases cases"
  fi
  rm -rf "$out"
done
elapsed=$(( $(date +%s) - started ))
echo "bench_rerun: $runs runs, $total_cases cases, $total_failures failures, $failing_runs runs with a failure, ${elapsed} s"
[ "$total_failures" -eq 0 ]
