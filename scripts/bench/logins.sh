#!/usr/bin/env bash
# Measures logins: the Argon2id parameters in use, the time of one login
# (one client, so the hash is the whole cost), and logins per second from
# 16 concurrent clients. Needs the release build (`make build-release`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET_DIR/release/xieyu"
DURATION=${BENCH_DURATION:-15s}

[ -x "$BIN" ] || { echo "build the release first: make build-release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export XIEYU_SERVER_ADDR="127.0.0.1:$port" XIEYU_SERVER_SITE_ROOT="$ROOT/target/site" DATABASE_URL="${BENCH_DATABASE_URL:-sqlite://$work/bench.db}" RUST_LOG=warn
# The per-address limit would stop a benchmark from one address.
export XIEYU_LOGIN_PER_IP_PER_MINUTE=1000000
export BENCH_ORIGIN="http://127.0.0.1:$port"

"$BIN" seed-demo >/dev/null
"$BIN" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done

run_wrk() {
    wrk -t"$1" -c"$2" -d"$DURATION" --latency -s scripts/bench/login.lua "http://127.0.0.1:$port/api/accounts/login" |
        awk '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $4 } END { printf "%.1f %s %s %s", rps, p50, p99, bad + 0 }'
}

hash_line=$(cargo run --quiet --release --features ssr --example hash_bench 2>/dev/null | tail -n 1)
read -r one_rps one_p50 one_p99 one_bad <<<"$(run_wrk 1 1)"
read -r many_rps many_p50 many_p99 many_bad <<<"$(run_wrk 2 16)"

cat <<TABLE
| measure | value |
| --- | --- |
| Argon2id parameters | m = 19,456 KiB, t = 2, p = 1 (src/accounts/password.rs) |
| hash time per login (\`cargo run --release --features ssr --example hash_bench\`) | ${hash_line#*: } |
| one login, 1 client | p50 ${one_p50}, p99 ${one_p99} (${one_rps} logins/s) |
| 16 concurrent clients | ${many_rps} logins/s, p50 ${many_p50}, p99 ${many_p99}, non-2xx ${many_bad} |
TABLE
