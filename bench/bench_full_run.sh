#!/usr/bin/env bash
# Times a full `gpc-assure run` of every suite against the embedded reference provider (profile
# validation on, as in a default run) for each --jobs value, and prints wall time, cases/s, peak
# RSS and where the time went. Goal (issue 6): under 30 s with --jobs 4 on a 2-core machine.
#
#   bench/bench_full_run.sh [BUILD_DIR] [JOBS...]      default: build-bench, jobs 1 4
#
# Where the time goes, from the run's own report.json (no extra instrumentation):
#   provider   = sum of exchanges' elapsed_ms (HTTP round trip incl. the in-process provider's work)
#   checks     = sum of cases' duration_ms - provider (request building, checks, FHIRPath, validation)
#   outside    = wall - run.duration_ms (suite + profile loading, provider start, report writing)
# provider and checks are summed over worker threads, so with --jobs N they are thread-seconds.
# BENCH_RUN_ARGS adds options to every run (e.g. a filter while trying the script out).
# The exit status of `gpc-assure run` (1 when some case fails) is reported, not treated as an error.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build-bench}"
shift || true
jobs_list=("$@")
[ ${#jobs_list[@]} -gt 0 ] || jobs_list=(1 4)
exe="$build/gpc-assure"
[ -x "$exe" ] || { echo "bench_full_run: $exe not built (cmake --build $build --target gpc-assure)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench_full_run: needs jq" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_full_run: needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }

build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)"
echo "bench_full_run: $exe (${build_type:-unknown} build), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$build_type" = "Release" ] || echo "  warning: not a Release build; figures are not representative"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for jobs in "${jobs_list[@]}"; do
  out="$work/jobs$jobs"
  mkdir -p "$out"
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  set +e
  /usr/bin/time -v -o "$out/time.txt" "$exe" run --jobs "$jobs" --out "$out" --no-color ${BENCH_RUN_ARGS:-} >"$out/console.txt" 2>"$out/stderr.txt"
  status=$?
  set -e
  if [ "$status" -gt 1 ]; then
    echo "  --jobs $jobs: gpc-assure run exited $status:" >&2
    cat "$out/stderr.txt" >&2
    exit 2
  fi
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" |
          awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
  rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")"
  user="$(sed -n 's/.*User time (seconds): //p' "$out/time.txt")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$out/time.txt")"
  jq -r --arg wall "$wall" --arg rss "$rss_kb" --arg jobs "$jobs" --arg user "$user" --arg sys "$sys" \
     --arg status "$status" --arg load "$load_before" '
    def r1: (. * 10 | round) / 10;
    ([.cases[].exchanges[]?.response.elapsed_ms] | add // 0) as $provider
    | ([.cases[].duration_ms] | add // 0) as $cases
    | (.run.duration_ms) as $run
    | ($wall | tonumber) as $w
    | "  --jobs \($jobs): \(.summary.total) cases (\(.summary.passed) passed, \(.summary.failed) failed, \(.summary.errored) errored, \(.summary.skipped) skipped), exit \($status), load before \($load)\n"
    + "    wall \($w) s, \((.summary.total / $w) | r1) cases/s, CPU user \($user) s + sys \($sys) s, peak RSS \(($rss | tonumber) / 1024 | r1) MB\n"
    + "    scheduled run \($run / 1000 | r1) s; outside it (loading, provider start, reports) \(($w - $run / 1000) | r1) s\n"
    + "    in cases (thread-seconds): provider round trips \($provider / 1000 | r1) s, requests+checks+validation \((($cases - $provider) / 1000) | r1) s"
  ' "$out/report.json"
  if [ "$jobs" = 4 ]; then
    awk -v w="$wall" 'BEGIN { if (w < 30) print "    goal (< 30 s with --jobs 4): met"; else print "    goal (< 30 s with --jobs 4): MISSED" }'
  fi
  # The slowest cases point at the hot spots worth profiling.
  echo "    slowest cases:"
  jq -r '[.cases[] | {id, d: .duration_ms, p: ([.exchanges[]?.response.elapsed_ms] | add // 0)}]
         | sort_by(-.d) | .[:5][] | "      \(.d | round) ms (provider \(.p | round) ms)  \(.id)"' "$out/report.json"
done
