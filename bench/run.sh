#!/usr/bin/env bash
# Benchmarks (bench/README.md). Publishes Release builds of the Storefront (as for Lambda, and ReadyToRun), the
# OrderWorker and the bare webapp baseline, then runs bench/Bench, which starts the local stack on free loopback
# ports, measures, prints the table (also saved in bench/.out/results-*.md) and stops everything it started.
# Not part of test.sh or CI. Options go to the runner: --quick, --rounds N, --duration S, --only startup,pages,catalog10k,...
set -euo pipefail
cd "$(dirname "$0")/.."
source LocalDev/prerequisites.sh

require_tools
command -v wrk >/dev/null || fail "wrk is required for the page benchmarks (Debian: sudo apt-get install -y wrk)"
command -v chromium >/dev/null || fail "Chromium is required for the page-weight measurement (Debian: sudo apt-get install -y chromium)"
install_npm_packages

OUT=bench/.out/publish
publish() { # project, folder, extra properties...
  dotnet publish "$1" -c Release -r linux-x64 --nologo -v quiet -clp:ErrorsOnly -o "$OUT/$2" "${@:3}"
}
echo "Publishing Release builds..."
rm -rf "$OUT"
publish Storefront storefront                      # framework-dependent, as README "Deploy" publishes it
publish Storefront storefront-jit -p:PublishReadyToRun=false -p:TieredPGO=true   # without the Release settings
publish OrderWorker orderworker
publish bench/BareWebapp bare
publish bench/BareWebapp bare-r2r -p:PublishReadyToRun=true
dotnet build bench/Bench -c Release --nologo -v quiet -clp:ErrorsOnly   # also builds the sign-in provider (Release)

dotnet bench/Bench/bin/Release/net10.0/Bench.dll "$@"
