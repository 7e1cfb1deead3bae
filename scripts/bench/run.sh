#!/usr/bin/env bash
# Runs every benchmark script in turn against the release build and prints
# their tables; docs/benchmarks.md holds the copies and the commands.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
for script in foundation logins directory booking; do
    echo "## $script"
    "scripts/bench/$script.sh"
    echo
done
