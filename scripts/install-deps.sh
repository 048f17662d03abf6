#!/usr/bin/env bash
# Installs the Debian packages Accord needs to build and test; does nothing when they are present.
# Idempotent: safe to run on every CI run and on a developer's machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  clang libclang-rt-14-dev  # the sanitizer build and the libFuzzer targets (scripts/fuzz.sh)
  clang-format-14           # the layout check (tests/format/check_format.sh, .clang-format)
  libboost-dev              # Spirit X3 and Fusion are header-only (Boost 1.74 on Debian 12)
  libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev
  libgtest-dev googletest
  libcli11-dev nlohmann-json3-dev
  libedit-dev               # accord repl: line editing (BSD licence; GNU readline's GPL would bind the binary)
  libcpp-httplib-dev        # accord serve: HTTP/1.1 server (MIT licence)
  chromium                  # the explorer's browser tests (tests/browser, headless)
  python3                   # runs the documentation examples (tests/docs)
  python3-jsonschema        # validates every command's JSON against docs/schema (tests/cli)
  python3-dev python3-pybind11  # the Python module (python/)
  python3-pytest python3-pandas # its tests, and Rows.to_pandas()
  valgrind                  # memcheck over the command line (tests/valgrind)
  vim                       # checks editors/vim's syntax file (tests/editors)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# Node.js runs the VS Code grammar's tests; the machines' image has it, Debian packages it too.
if ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The VS Code extension's test tools, at the versions its package-lock.json pins (npm registry).
vscode=$(dirname "$0")/../editors/vscode
if [[ ! -d $vscode/node_modules/vscode-tmgrammar-test ]]; then
  echo "install-deps: npm ci in editors/vscode"
  (cd "$vscode" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# The explorer's browser tests drive Debian's Chromium with puppeteer-core (npm registry, the
# version tests/browser/package-lock.json pins; no browser is downloaded: it is told to skip).
browser_tests=$(dirname "$0")/../tests/browser
if [[ ! -d $browser_tests/node_modules/puppeteer-core ]]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser_tests" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
