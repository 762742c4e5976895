#!/usr/bin/env bash
# `gpc-assure load` against raw `curl --parallel` for the same request mix (issue 13): one
# `gpc-assure serve` process on loopback; the mix of fixtures/load/bench.json exported as a curl
# config (`load --export curl`: the very requests the harness builds, fresh trace ids each), sent
# by curl with --parallel-max C; then `load --concurrency C` for the same mix, once with no
# profile validation and once validating 1 iteration in 10. Prints requests/s of each, the ratio
# load/curl (goal: at least 0.80) and CPU per request (curl's whole process; load's own thread,
# from load.json).
#
#   bench/bench_load.sh [BUILD_DIR] [CONCURRENCY] [REQUESTS] [SECONDS]   default: build 16 20000 10
#
# Exit status: 0 when the ratio without validation is at least 0.80, 1 below it, 2 when something
# could not run.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
concurrency="${2:-16}"
requests="${3:-20000}"
seconds="${4:-10}"
exe="$build/gpc-assure"
[ -x "$exe" ] || { echo "bench_load: $exe not built" >&2; exit 2; }
for tool in curl jq awk /usr/bin/time; do command -v "$tool" >/dev/null || { echo "bench_load: needs $tool" >&2; exit 2; }; done
curl --help all 2>/dev/null | grep -q -- '--parallel-max' || { echo "bench_load: this curl has no --parallel" >&2; exit 2; }

bench_name=bench_load
# shellcheck source=bench/serve_once.sh
. "$here/bench/serve_once.sh"
start_serve --threads $((concurrency + 4))
profile="$here/fixtures/load/bench.json"
echo "bench_load: $url, mix $profile, concurrency $concurrency; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

"$exe" load --base-url "$url" --profile "$profile" --export curl --export-count "$requests" --export-file "$work/mix.curl" >/dev/null
"$exe" load --base-url "$url" --profile "$profile" --export curl --export-count 200 --export-file "$work/warm.curl" >/dev/null
# Warm the provider (first answers load its definitions), then time curl.
curl -s --parallel --parallel-max "$concurrency" -K "$work/warm.curl" >/dev/null 2>&1 || true
/usr/bin/time -f '%e %U %S' -o "$work/curl.time" curl -s --parallel --parallel-max "$concurrency" -K "$work/mix.curl" \
  >"$work/curl.codes" 2>/dev/null || true
read -r curl_wall curl_user curl_sys <"$work/curl.time"
curl_ok=$(grep -c '^200$' "$work/curl.codes" || true)
curl_tps=$(awk -v n="$requests" -v w="$curl_wall" 'BEGIN { print n / w }')
curl_cpu_ms=$(awk -v n="$requests" -v u="$curl_user" -v s="$curl_sys" 'BEGIN { print (u + s) * 1000 / n }')

run_load() {  # $1: validate-every, $2: output json
  local status=0
  "$exe" load --base-url "$url" --profile "$profile" --concurrency "$concurrency" --duration "${seconds}s" \
    --validate-every "$1" --no-progress --json "$2" --html "$work/load.html" >"$work/load.console" 2>&1 || status=$?
  [ "$status" -le 1 ] || { echo "bench_load: load exited $status:" >&2; cat "$work/load.console" >&2; exit 2; }
}
run_load 0 "$work/load0.json"
run_load 10 "$work/load10.json"

printf '\n%-34s %10s %10s %12s %14s\n' "client" "requests" "failed" "requests/s" "CPU ms/request"
printf '%-34s %10d %10d %12.1f %14.3f\n' "curl --parallel-max $concurrency" "$requests" "$((requests - curl_ok))" "$curl_tps" "$curl_cpu_ms"
for v in 0 10; do
  jq -r --arg name "gpc-assure load -c $concurrency (validate 1/$v)" \
    '"\($name)\t\(.totals.requests)\t\(.totals.requests_failed)\t\(.totals.tps)\t\(.harness.cpu_ms_per_request)"' "$work/load$v.json" |
    awk -F'\t' '{ printf "%-34s %10d %10d %12.1f %14.3f\n", $1, $2, $3, $4, $5 }'
done
load_tps=$(jq -r '.totals.tps' "$work/load0.json")
ratio=$(awk -v a="$load_tps" -v b="$curl_tps" 'BEGIN { print a / b }')
printf '\nratio load/curl (no validation): %.2f (goal >= 0.80)\n' "$ratio"
echo "latency (load, no validation), per interaction: p50 / p99 / max ms"
jq -r '.interactions[] | "  \(.interaction) (\(.kind)): \(.p50_ms) / \(.p99_ms) / \(.max_ms)  [\(.standing)]"' "$work/load0.json"
awk -v r="$ratio" 'BEGIN { exit (r >= 0.80) ? 0 : 1 }'
