#!/usr/bin/env bash
# Measures booking: requests/s and latency of POST /api/booking/book from
# 64 concurrent connections, spread over 1,000 sessions and on one hot
# session, on SQLite and on PostgreSQL (127.0.0.1:5432, user postgres).
#
# Usage: scripts/bench/booking.sh   (after `make build-release`)
# Prints a Markdown table to stdout. wrk runs on the same machine as the
# server, so they share the cores. Every measured request books for real
# (auto-confirmed, capacity never runs out); "non-2xx" counts refusals such
# as 503 系统繁忙 under lock contention.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET_DIR/release/xieyu"
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
PG_ADMIN=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

[ -x "$BIN" ] || { echo "build the release first: make build-release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }

echo "==> building the set-up example" >&2
cargo build --release --features ssr --example booking_bench >&2
SETUP="$TARGET_DIR/release/examples/booking_bench"

work=$(mktemp -d)
server=""
pg_db="xieyu_bench_$$"
cleanup() {
    [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

run_wrk() {
    # Prints "requests/s p99 non-2xx" for one run.
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/booking.lua "$1" |
        awk '/Requests\/sec/ { rps = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $5 }
             END { printf "%d %s %d", rps, p99, bad }'
}

measure() {
    # $1: backend label, $2: database URL
    local label=$1 url=$2
    read -r token first last <<<"$(DATABASE_URL="$url" "$SETUP")"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    DATABASE_URL="$url" XIEYU_SERVER_ADDR="127.0.0.1:$port" RUST_LOG=warn "$BIN" serve >"$work/$label.log" 2>&1 &
    server=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done

    export BENCH_TOKEN=$token BENCH_FIRST=$first BENCH_LAST=$last BENCH_ORIGIN="http://127.0.0.1:$port"
    unset BENCH_HOT
    read -r spread_rps spread_p99 spread_bad <<<"$(run_wrk "http://127.0.0.1:$port")"
    export BENCH_HOT=1
    read -r hot_rps hot_p99 hot_bad <<<"$(run_wrk "http://127.0.0.1:$port")"
    unset BENCH_HOT

    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    echo "| $label | 1,000 sessions | ${spread_rps} | ${spread_p99} | ${spread_bad} |"
    echo "| $label | one hot session | ${hot_rps} | ${hot_p99} | ${hot_bad} |"
}

echo "| backend | target | bookings/s | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- |"
measure SQLite "sqlite://$work/bench.db"
psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db" >/dev/null
measure PostgreSQL "${PG_ADMIN%/*}/$pg_db"
