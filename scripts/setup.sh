#!/usr/bin/env bash
# Installs what building and testing XieYu needs, and only what is missing:
# the wasm32 target, cargo-leptos, wasm-bindgen-cli at the version in
# Cargo.lock, wasm-opt, leptosfmt, Chromium and the end-to-end test packages.
#
# On a machine whose rustup can download, the wasm32 target comes from
# `rustup target add`. Where rustup's download server is out of reach but
# Debian's archive is not, it builds the target from Debian's rustc-web
# 1.96 and its standard-library sources instead (toolchain "web-system",
# selected for this checkout with `rustup override`).
#
# When everything is in place it finishes in seconds. Every step says what
# it does; a failing step stops the script with the step's name.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

CARGO_LEPTOS_VERSION=0.3.11
LEPTOSFMT_VERSION=0.1.33
WEB_TOOLCHAIN=web-system
WASM_TARGET=wasm32-unknown-unknown
TOOLS="$ROOT/.tools"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
fail() {
    printf '\033[31msetup failed at step "%s": %s\033[0m\n' "$CURRENT_STEP" "$*" >&2
    exit 1
}
CURRENT_STEP="start"
trap 'fail "command exited with status $? (line $LINENO)"' ERR

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        fail "needs root to run: $*"
    fi
}

apt_install() {
    command -v apt-get >/dev/null || fail "apt-get is not available; install these by hand: $*"
    if [ -z "${APT_UPDATED:-}" ]; then
        note "apt-get update"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    note "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

has_wasm_std() {
    local sysroot
    sysroot=$(rustc "$@" --print sysroot 2>/dev/null) || return 1
    compgen -G "$sysroot/lib/rustlib/$WASM_TARGET/lib/libstd-*.rlib" >/dev/null
}

# --- Rust and the wasm32 target -------------------------------------------
CURRENT_STEP="rust toolchain"
step "Rust toolchain"
command -v cargo >/dev/null || fail "cargo is not installed; install Rust from https://rustup.rs"
command -v rustup >/dev/null || fail "rustup is not installed; install Rust from https://rustup.rs"

CURRENT_STEP="wasm32 target"
step "wasm32 target"
# XIEYU_WASM_ROUTE=debian forces the Debian route (to test it on a machine
# where rustup works); the default tries what is already there, then rustup.
route=${XIEYU_WASM_ROUTE:-auto}
if [ "$route" = auto ] && has_wasm_std; then
    note "present for $(rustc --version)"
elif [ "$route" != rustup ] && rustup toolchain list | grep -q "^$WEB_TOOLCHAIN" && has_wasm_std +"$WEB_TOOLCHAIN"; then
    note "using the $WEB_TOOLCHAIN toolchain for this checkout"
    rustup override set "$WEB_TOOLCHAIN" >/dev/null
elif [ "$route" != debian ] && curl -sS --max-time 8 -o /dev/null https://static.rust-lang.org/dist/channel-rust-stable.toml.sha256 2>/dev/null; then
    note "rustup target add $WASM_TARGET"
    timeout 900 rustup target add "$WASM_TARGET"
else
    if [ "$route" = debian ]; then
        note "XIEYU_WASM_ROUTE=debian: building the target from Debian's rustc-web"
    else
        note "rustup's server is out of reach; building the target from Debian's rustc-web"
    fi
    apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
    rustup toolchain list | grep -q "^$WEB_TOOLCHAIN" || rustup toolchain link "$WEB_TOOLCHAIN" /usr
    rustup override set "$WEB_TOOLCHAIN" >/dev/null

    # rustc looks for `rust-lld` to link wasm32; Debian ships it as LLVM's lld.
    as_root ln -sf /usr/lib/llvm-22/bin/lld /usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld

    note "building the wasm32 standard library from source (about a minute)"
    scratch=$(mktemp -d)
    mkdir -p "$scratch/src"
    printf '[package]\nname = "wasm_std_scratch"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["rlib"]\n' >"$scratch/Cargo.toml"
    : >"$scratch/src/lib.rs"
    (cd "$scratch" && RUSTC_BOOTSTRAP=1 cargo +"$WEB_TOOLCHAIN" build -q --release --target "$WASM_TARGET" \
        -Zbuild-std=std,panic_abort,proc_macro)
    libdir=/usr/lib/rustlib/$WASM_TARGET/lib
    as_root mkdir -p "$libdir"
    as_root find "$scratch/target/$WASM_TARGET/release/deps" -name '*.rlib' ! -name 'libwasm_std_scratch-*' \
        -exec cp {} "$libdir/" \;
    rm -rf "$scratch"
    has_wasm_std || fail "the wasm32 standard library is still missing after the build"
fi

# --- Cargo tools ------------------------------------------------------------
# The locked dependencies of cargo-leptos 0.3.11 need rustc 1.96. Where the
# active rustc is older and rustup can download, the tools are built with a
# minimal 1.96 toolchain; the project itself keeps the machine's toolchain.
TOOLS_RUST=1.96
tool_cargo() {
    local have
    have=$(rustc --version | awk '{ print $2 }')
    if [ "$(printf '%s\n%s\n' "$TOOLS_RUST" "$have" | sort -V | head -n 1)" = "$TOOLS_RUST" ]; then
        cargo "$@"
    elif command -v rustup >/dev/null; then
        note "rustc $have is older than $TOOLS_RUST: building with rustup's $TOOLS_RUST toolchain"
        rustup toolchain install "$TOOLS_RUST" --profile minimal >/dev/null
        cargo "+$TOOLS_RUST" "$@"
    else
        fail "rustc $have is older than $TOOLS_RUST, which cargo-leptos needs, and rustup is missing"
    fi
}
CURRENT_STEP="cargo-leptos"
step "cargo-leptos $CARGO_LEPTOS_VERSION"
if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    note "present"
else
    note "cargo install (about 20 minutes on two cores, once per machine)"
    tool_cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

CURRENT_STEP="wasm-bindgen-cli"
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$BINDGEN_VERSION" ] || fail "no wasm-bindgen version found in Cargo.lock"
step "wasm-bindgen-cli $BINDGEN_VERSION"
if wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION\$"; then
    note "present"
else
    # --locked fails on a dependency version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

CURRENT_STEP="leptosfmt"
step "leptosfmt $LEPTOSFMT_VERSION"
if leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
    note "present"
else
    tool_cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

# --- Node tools ------------------------------------------------------------
CURRENT_STEP="node"
step "Node.js and npm"
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
note "$(node --version), npm $(npm --version)"

CURRENT_STEP="wasm-opt"
step "wasm-opt (binaryen)"
if command -v wasm-opt >/dev/null || [ -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    note "present"
else
    npm install --silent --prefix "$TOOLS" --no-audit --no-fund binaryen@132.0.0
fi

CURRENT_STEP="chromium"
step "Chromium for end-to-end tests"
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
    note "using CHROMIUM_PATH=$CHROMIUM_PATH"
elif command -v chromium >/dev/null; then
    note "present: $(command -v chromium)"
else
    apt_install chromium
fi

CURRENT_STEP="playwright"
step "Playwright test runner"
if [ -d end2end/node_modules/@playwright/test ] && [ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ]; then
    note "present"
else
    (cd end2end && npm ci --silent --no-audit --no-fund)
fi

step "Set-up complete"
