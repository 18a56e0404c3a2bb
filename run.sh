#!/usr/bin/env bash
# Runs the whole shop locally: DynamoDB Local, the SQS and SES emulators, provisioning and seed data,
# Storefront and OrderWorker, under the .NET Aspire app host with its dashboard. Ctrl+C or SIGTERM stops it all.
set -euo pipefail
cd "$(dirname "$0")"
source LocalDev/prerequisites.sh

STOREFRONT_URL=http://127.0.0.1:5080
MAILBOX_URL=http://127.0.0.1:8005
DASHBOARD_URL=http://127.0.0.1:18888
LOG=.local/apphost.log

require_tools
command -v curl >/dev/null || fail "curl is required"
for port in 5080 5081 5090 8000 8005 9324 18888 18889; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    fail "port $port is already in use (is the shop already running?). See README, Local development, for the ports."
  fi
done
install_npm_packages

echo "Building..."
dotnet build AppHost/AppHost.csproj --nologo -v quiet -clp:ErrorsOnly

mkdir -p .local
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS=$DASHBOARD_URL
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:18889
# Plain http and no login: the dashboard listens on loopback only.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true

echo "Starting the local stack (log: $LOG)..."
dotnet AppHost/bin/Debug/net10.0/AppHost.dll >"$LOG" 2>&1 &
apphost=$!
stop() {
  trap - INT TERM EXIT
  if kill -0 "$apphost" 2>/dev/null; then
    echo "Stopping..."
    kill -TERM "$apphost" 2>/dev/null || true
    wait "$apphost" 2>/dev/null || true
  fi
  # The app host's orchestrator stops the emulators and apps just after it exits; wait for their ports to close.
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/5080) 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null || return 0
    sleep 0.5
  done
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() { # url, what
  for _ in $(seq 1 240); do
    kill -0 "$apphost" 2>/dev/null || { tail -n 30 "$LOG" >&2; fail "the app host stopped while waiting for $2"; }
    curl -fs -o /dev/null --max-time 2 "$1" && return 0
    sleep 0.5
  done
  tail -n 30 "$LOG" >&2
  fail "$2 did not answer at $1 within 2 minutes"
}
wait_for "$DASHBOARD_URL" "the dashboard"
wait_for "$MAILBOX_URL/health-check" "the mailbox"
wait_for "$STOREFRONT_URL/readyz" "the Storefront"
wait_for "http://127.0.0.1:5081/readyz" "the OrderWorker"

echo "Storefront: $STOREFRONT_URL"
echo "Mailbox: $MAILBOX_URL"
echo "Dashboard: $DASHBOARD_URL"
echo "Press Ctrl+C to stop."
wait "$apphost"
