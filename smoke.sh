#!/usr/bin/env bash
# After a deployment, checks from outside what the tests here cannot (they run without AWS): the adapter answers
# through CloudFront, the API's own URL is refused, the bearer token reaches the app, pages come compressed, static
# files come from S3 with their headers, the hosted UI is up. Then lists what to check by hand. Exit 1 if any fails.
set -euo pipefail
cd "$(dirname "$0")"
stack=${1:-northwind-goods}

command -v aws >/dev/null || { echo "error: the AWS CLI is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "error: curl is required" >&2; exit 1; }
out() { aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
shop=$(out ShopUrl) shop=${shop%/}
api=$(out ApiEndpoint)
hosted_ui=$(out HostedUiDomain)
client_id=$(out UserPoolClientId)

failures=0
# check <what> <expected status> <expected header line (a pattern) or ""> <curl arguments...>
check() {
  local what=$1 status=$2 header=$3; shift 3
  local response; response=$(curl -s -o /dev/null -D - --max-time 20 "$@" || true)
  local got; got=$(printf '%s\n' "$response" | sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p')
  if [ "$got" = "$status" ] && { [ -z "$header" ] || printf '%s\n' "$response" | grep -qi "$header"; }; then
    echo "ok    $what"
  else
    echo "FAIL  $what: expected $status${header:+ with $header}, got ${got:-no answer}"
    failures=$((failures + 1))
  fi
}

check "the Storefront answers through CloudFront (adapter, readiness, origin secret)" 200 "" "$shop/healthz"
check "the catalog page comes compressed" 200 "^content-encoding: *\(br\|gzip\)" -H "Accept-Encoding: br, gzip" "$shop/"
check "the API's own URL is refused (only CloudFront may call it)" 403 "" "$api/"
check "a bearer token reaches the orders API (an invalid one is named invalid)" 401 'invalid_token' \
  -H "Authorization: Bearer not-a-token" "$shop/api/orders/none"
check "static files come from S3 with the security headers" 200 "^x-content-type-options: *nosniff" "$shop/static/css/site.css"
check "the hosted UI's sign-in page is up" 200 "" \
  "https://$hosted_ui/login?client_id=$client_id&response_type=code&scope=openid&redirect_uri=$shop/signin-oidc"

cat <<EOF

By hand (not verified anywhere before a real deployment):
- Hosted UI pages: open $shop/, choose Create account, sign up, enter the code Cognito emails, sign in and out.
- SES with the project's own SigV4 signing: place an order; the confirmation email arrives (from a verified address
  while in the sandbox) and the order turns CONFIRMED. If not: aws logs tail /aws/lambda/$stack-order-worker --since 15m
- The adapter's event pass-through (SQS batch to /events): the same order turning CONFIRMED shows it.
- The schedule: its rule ($(aws cloudformation describe-stack-resource --stack-name "$stack" \
    --logical-resource-id PendingOrderSweepSchedule --query StackResourceDetail.PhysicalResourceId --output text))
  counts an Invocation every 5 minutes and no FailedInvocations (CloudWatch, namespace AWS/Events, by RuleName).
- The dashboard: $(out DashboardUrl) shows requests, orders placed and confirmed.
EOF
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
