#!/usr/bin/env bash
# Size and load time of the HTML report in headless Chromium, for an all-pass run of every
# suite and for a run with three reference-provider faults, each with the default evidence
# (--evidence failed) and with --evidence all (the full evidence every report had before issue
# 10: the baseline, measured from the same run's results on the same machine).
# Usage: bench/bench_html_report.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"; rounds="${2:-3}"
exe="$build/gpc-assure"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
check=tools/browser-test/check-html-report
command -v chromium >/dev/null || { echo "chromium not installed"; exit 1; }
printf '%-8s %-10s %10s %8s %s\n' run evidence bytes nodes "load+layout ms (each round)"
for run in pass fail; do
  faults=()
  [ "$run" = fail ] && faults=(--fault etag-missing --fault nhs-number-check-digit --fault dangling-reference)
  for evidence in failed all; do
    dir="$out/$run-$evidence"
    "$exe" run --jobs 4 --seed 1 --evidence "$evidence" "${faults[@]}" --out "$dir" >/dev/null 2>&1 || true
    times=(); nodes=""
    for ((i = 0; i < rounds; i++)); do
      figures="$("$check" --measure "$dir/report.html" "$out/probe")"
      times+=("$(grep '^load_ms=' <<<"$figures" | cut -d= -f2)")
      nodes="$(grep '^nodes=' <<<"$figures" | cut -d= -f2)"
    done
    printf '%-8s %-10s %10s %8s %s\n' "$run" "$evidence" "$(stat -c %s "$dir/report.html")" "$nodes" "${times[*]}"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
