#!/usr/bin/env bash
# Measures the public directory with 100,000 published resources:
#  1. search p95 at the service layer (the in-memory index, via the
#     search_bench example);
#  2. the /resources page under wrk with 64 connections, on SQLite and on
#     PostgreSQL (127.0.0.1:5432, user postgres, a fresh database that is
#     dropped afterwards), both as visitors without a session get it (the
#     page cache) and rendered for every request.
# Needs the release build (`make build-release`), wrk, curl and psql; it
# builds its two examples itself.
# BENCH_RESOURCES (default 100000) and BENCH_DURATION (default 15s) change
# the size and the length of each wrk run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET_DIR/release/xieyu"
SEED="$TARGET_DIR/release/examples/seed_directory"
BENCH="$TARGET_DIR/release/examples/search_bench"
COUNT=${BENCH_RESOURCES:-100000}
DURATION=${BENCH_DURATION:-15s}
PG_ADMIN=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

[ -x "$BIN" ] || { echo "build the release first: make build-release" >&2; exit 1; }
echo "==> building the seeding and search examples" >&2
cargo build --release --features ssr --example seed_directory --example search_bench >&2
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
server=""
pg_db=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    [ -n "$pg_db" ] && psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

echo "## service layer: search index, $COUNT resources"
"$BENCH" "$COUNT" 200

# Queries the page is measured with: a two-character word, pinyin
# initials, and a filtered list without text.
QUERIES=("q=%E7%A7%91%E6%8A%80" "q=kjg" "theme=science_inquiry&region=110000")

measure_backend() {
    local label=$1 url=$2
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export XIEYU_SERVER_ADDR="127.0.0.1:$port" XIEYU_SERVER_SITE_ROOT="$ROOT/target/site" DATABASE_URL="$url" RUST_LOG=warn

    "$SEED" "$COUNT"
    # Fresh statistics, so PostgreSQL's autovacuum does not start during
    # the measurement.
    case "$url" in postgres*) psql "$url" -qc "VACUUM ANALYZE" >/dev/null ;; esac
    "$BIN" serve >"$work/server-$label.log" 2>&1 &
    server=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.1; done
    # The index is built at start-up; the first search waits for it.
    curl -fs -o /dev/null "http://127.0.0.1:$port/resources?q=kjg"

    echo "## $label: GET /resources, 64 connections, $DURATION"
    echo "| query | page | requests/s | p50 | p99 | non-2xx |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for query in "${QUERIES[@]}"; do
        # A visitor without cookies gets the cached copy; any other cookie
        # (here a made-up one) makes the server render the page each time.
        for mode in cached rendered; do
            cookie=()
            [ "$mode" = rendered ] && cookie=(-H "Cookie: bench=render")
            wrk -t2 -c64 -d"$DURATION" --latency "${cookie[@]}" "http://127.0.0.1:$port/resources?$query" |
                awk -v q="$query" -v m="$mode" '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { bad = $4 }
                    END { printf "| %s | %s | %.0f | %s | %s | %d |\n", q, m, rps, p50, p99, bad + 0 }'
        done
    done
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
}

measure_backend sqlite "sqlite://$work/bench.db"

pg_db="xieyu_bench_$$"
psql "$PG_ADMIN" -qc "CREATE DATABASE \"$pg_db\"" >/dev/null
measure_backend postgres "${PG_ADMIN%/*}/$pg_db"
