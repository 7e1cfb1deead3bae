#!/usr/bin/env bash
# Builds the server and the WASM client, starts the server on a free port
# with a fresh SQLite file, and runs the Playwright suite against it: every
# spec with JavaScript on, with JavaScript off, and at a phone viewport.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

echo "==> building server and client (debug, with brotli and gzip copies of /pkg)"
cargo leptos build --precompress

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$work/e2e.db"
echo "==> loading the demo data"
"$TARGET_DIR/debug/xieyu" seed-demo >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }

echo "==> starting the server on 127.0.0.1:$port (log: $work/server.log)"
XIEYU_SERVER_ADDR="127.0.0.1:$port" \
    XIEYU_SERVER_SITE_ROOT="$ROOT/target/site" \
    RUST_LOG="${RUST_LOG:-info}" \
    "$TARGET_DIR/debug/xieyu" serve >"$work/server.log" 2>&1 &
server=$!

cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "the server exited during start-up:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

echo "==> Playwright (JavaScript on, off, phone)"
status=0
(cd end2end && BASE_URL="http://127.0.0.1:$port" npx playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then
    echo "==> server log (last 80 lines)" >&2
    tail -n 80 "$work/server.log" >&2
fi
exit "$status"
