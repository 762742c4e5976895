# Sourced by the bench scripts that drive one `gpc-assure serve` process: makes $work (a temporary
# directory), starts `$exe serve --port 0 [ARGS...]`, sets $url to what it listens on, and on exit
# stops the provider and removes $work. Needs $exe and $bench_name (for messages).
# Usage: start_serve [serve options...]

work="$(mktemp -d)"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_serve() {
  "$exe" serve --port 0 "$@" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  url=""
  for _ in $(seq 100); do
    url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/serve.log" | head -1)"
    [ -n "$url" ] && return 0
    kill -0 "$serve_pid" 2>/dev/null || { echo "$bench_name: serve exited:" >&2; cat "$work/serve.log" >&2; exit 2; }
    sleep 0.1
  done
  echo "$bench_name: serve printed no URL" >&2
  exit 2
}
