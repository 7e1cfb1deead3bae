# XieYu: the two commands are `make run` and `make test`; see README.md.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
WASM_TARGET := wasm32-unknown-unknown

.PHONY: help setup run build-release serve-release test lint unit e2e bench clean-data

help:
	@echo "make run     set up, build (release), migrate, load reference data, serve on http://127.0.0.1:3000"
	@echo "make test    set up, format and lint checks, unit and integration tests (SQLite and PostgreSQL), browser tests"
	@echo "make bench   run the benchmark scripts (see docs/benchmarks.md)"

setup:
	@scripts/setup.sh

build-release: setup
	cargo leptos build --release --precompress

run: build-release
	$(TARGET_DIR)/release/xieyu migrate
	$(TARGET_DIR)/release/xieyu seed-demo
	@echo "==> serving on http://127.0.0.1:3000 (Ctrl-C to stop)"
	$(TARGET_DIR)/release/xieyu serve

test: setup lint unit e2e
	@echo "==> all tests passed"

lint:
	@echo "==> rustfmt"
	cargo fmt --all --check
	@echo "==> TypeScript (browser tests)"
	cd end2end && npx tsc -p .
	@echo "==> leptosfmt"
	leptosfmt --check --quiet src
	@echo "==> clippy (ssr)"
	cargo clippy --features ssr --all-targets -- -D warnings
	@echo "==> clippy (hydrate, wasm32)"
	cargo clippy --features hydrate --lib --target $(WASM_TARGET) -- -D warnings

# One test at a time: with tests in parallel, each #[tokio::test] on its own
# runtime, a page request in tests/http.rs now and then never completed (1
# run in 6); one at a time, none did in 50 runs. A server has one runtime,
# and 6,000 concurrent page requests to one showed no such hang.
unit:
	@echo "==> unit and integration tests on SQLite and PostgreSQL"
	cargo test --features ssr -- --test-threads=1

e2e:
	@scripts/e2e.sh

bench: build-release
	@scripts/bench/run.sh

clean-data:
	rm -f data/xieyu.db data/xieyu.db-wal data/xieyu.db-shm
