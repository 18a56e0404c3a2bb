#!/usr/bin/env bash
# Installs what the tests need and runs every test: the emulator compatibility tests (Node) and the .NET suite.
set -euo pipefail
cd "$(dirname "$0")"
source LocalDev/prerequisites.sh

require_tools
install_npm_packages

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    fail "Chromium is required for the browser tests: install it (Debian: sudo apt-get install chromium) and run again"
  fi
fi

echo "== Emulator compatibility layer (node --test)"
node --test LocalDev/Emulators/test/

echo "== .NET tests"
# tests/Faults.Tests writes the figures of its burst here; they are printed after the run, passed or failed.
figures=test-results/fault-injection.txt
rm -f "$figures"
status=0
# The test projects build and start side by side on two cores; a test host slow to start must not abort its run
# (VSTest waits 90 s by default, which a clean-clone run once exceeded).
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-300}"
dotnet test Storefront.sln --nologo "$@" || status=$?
if [ -f "$figures" ]; then
  echo "== Fault-injection burst"
  cat "$figures"
fi
exit "$status"
