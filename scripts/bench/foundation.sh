#!/usr/bin/env bash
# Measures the release build: client size, idle memory, start-up time, and
# requests per second for the home page and a static /pkg file.
#
# Usage: scripts/bench/foundation.sh   (after `make build-release`)
# Prints a Markdown table to stdout. wrk runs on the same machine as the
# server, so on a 2-core machine both share the cores.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET_DIR/release/xieyu"
SITE="$ROOT/target/site"
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

[ -x "$BIN" ] || { echo "build the release first: make build-release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

hash_of() { awk -v k="$1" -F': *' '$1 == k { print $2 }' "$TARGET_DIR/release/hash.txt"; }
wasm="xieyu.$(hash_of wasm).wasm"
js="xieyu.$(hash_of js).js"
size() { stat -c %s "$1"; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export XIEYU_SERVER_ADDR="127.0.0.1:$port" XIEYU_SERVER_SITE_ROOT="$SITE" DATABASE_URL="sqlite://$work/bench.db" RUST_LOG=warn

# Migrate and load reference data first, so start-up measures a normal start.
"$BIN" migrate

start_ns=$(date +%s%N)
"$BIN" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.002; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

sleep 2
idle_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$server/status")

run_wrk() {
    # Prints "requests/s p50 p99" for one URL.
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" |
        awk '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } END { printf "%d %s %s", rps, p50, p99 }'
}

# Warm up, then measure.
wrk -t2 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$port/" >/dev/null
read -r home_rps home_p50 home_p99 <<<"$(run_wrk "http://127.0.0.1:$port/")"
read -r pkg_rps pkg_p50 pkg_p99 <<<"$(run_wrk -H 'Accept-Encoding: br' "http://127.0.0.1:$port/pkg/$js")"
loaded_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$server/status")

cat <<EOF
| measure | value |
| --- | --- |
| WASM, raw / brotli | $(size "$SITE/pkg/$wasm") B / $(size "$SITE/pkg/$wasm.br") B |
| JS, raw / brotli | $(size "$SITE/pkg/$js") B / $(size "$SITE/pkg/$js.br") B |
| start to first 200 on /healthz | ${ready_ms} ms |
| idle memory (RSS) | $((idle_kib / 1024)) MiB |
| memory after the load below (RSS) | $((loaded_kib / 1024)) MiB |
| home page \`/\`, ${CONNECTIONS} connections | ${home_rps} requests/s, p50 ${home_p50}, p99 ${home_p99} |
| \`/pkg/$js\` (brotli), ${CONNECTIONS} connections | ${pkg_rps} requests/s, p50 ${pkg_p50}, p99 ${pkg_p99} |
EOF
