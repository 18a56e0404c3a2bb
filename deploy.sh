#!/usr/bin/env bash
# Deploys the shop to AWS in one command, from a clone to a running shop, and is safe to run again: publishes both
# functions, checks the template, creates the artifact bucket, deploys or updates the stack, syncs static/,
# invalidates /static/*, loads the demo catalog on the first deployment, checks the SES sender and prints the URLs.
# --dry-run does what needs no AWS (publish, template check, the zips it would upload) and calls AWS for nothing.
set -euo pipefail
cd "$(dirname "$0")"
source LocalDev/prerequisites.sh

usage() {
  cat <<'EOF'
usage: ./deploy.sh [--sender orders@example.com] [--auth-domain-prefix my-shop] [--stack northwind-goods]
                   [--region eu-west-1] [--architecture x86_64|arm64] [--alarm-email you@example.com]
                   [--domain-name shop.example.com --certificate-arn <ACM certificate in us-east-1>] [--dry-run]
The first deployment needs --sender and --auth-domain-prefix; later ones keep the stack's values unless given.
EOF
}

stack=northwind-goods architecture=x86_64 sender="" auth_prefix="" alarm_email="" region="" dry_run=false
domain_name="" certificate_arn=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sender) sender=$2; shift 2 ;;
    --auth-domain-prefix) auth_prefix=$2; shift 2 ;;
    --stack) stack=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --architecture) architecture=$2; shift 2 ;;
    --alarm-email) alarm_email=$2; shift 2 ;;
    --domain-name) domain_name=$2; shift 2 ;;
    --certificate-arn) certificate_arn=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done
case "$architecture" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) fail "--architecture must be x86_64 or arm64" ;;
esac

echo "== Checking prerequisites"
command -v dotnet >/dev/null || fail "the .NET 10 SDK is required (dotnet not found on PATH)"
dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required (found: $(dotnet --list-sdks | tr '\n' ' '))"
command -v node >/dev/null && command -v npm >/dev/null || fail "Node.js 20+ and npm are required (the Storefront's build copies htmx from node_modules)"
command -v zip >/dev/null || fail "zip is required (sudo apt-get install zip, or brew install zip)"
command -v openssl >/dev/null || fail "openssl is required (it makes the stack's secrets)"
command -v aws >/dev/null || fail "the AWS CLI v2 is required (aws not found on PATH)"
aws --version 2>&1 | grep -q '^aws-cli/2\.' || fail "the AWS CLI v2 is required (found: $(aws --version 2>&1))"
install_npm_packages

echo "== Publishing both functions for $architecture ($rid)"
mkdir -p .local/deploy
for project in Storefront OrderWorker; do
  rm -rf "$project/bin/lambda"
  dotnet publish "$project" -c Release -r "$rid" -o "$project/bin/lambda" --nologo -v quiet
  [ -x "$project/bin/lambda/$project" ] || fail "$project/bin/lambda/$project is missing or not executable after publishing"
done

echo "== Checking the template"
if command -v cfn-lint >/dev/null; then
  cfn-lint serverless.template || fail "cfn-lint found problems in serverless.template"
else
  echo "cfn-lint not installed: template not linted (pip install cfn-lint)"
fi

if $dry_run; then
  for project in Storefront OrderWorker; do
    rm -f ".local/deploy/$project.zip"
    (cd "$project/bin/lambda" && zip -qr -X "../../../.local/deploy/$project.zip" .)
    echo "$project would upload .local/deploy/$project.zip ($(du -k ".local/deploy/$project.zip" | cut -f1) KB; Lambda takes 50 MB zipped)"
  done
  echo "Dry run: nothing was sent to AWS. Without --dry-run the stack $stack is deployed or updated."
  exit 0
fi

echo "== Finding the account and region"
account=$(aws sts get-caller-identity --query Account --output text) || fail "no AWS credentials: run aws configure (or aws sso login)"
region=${region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}}
[ -n "$region" ] || fail "no region: pass --region or set AWS_REGION"
export AWS_REGION=$region AWS_DEFAULT_REGION=$region
echo "account $account, region $region, stack $stack"

bucket=$(echo "$stack-artifacts-$account-$region" | tr '[:upper:]' '[:lower:]')
if ! aws s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  echo "Creating the artifact bucket $bucket"
  if [ "$region" = us-east-1 ]; then
    aws s3api create-bucket --bucket "$bucket" >/dev/null
  else
    aws s3api create-bucket --bucket "$bucket" --create-bucket-configuration "LocationConstraint=$region" >/dev/null
  fi
  aws s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
fi

status=$(aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].StackStatus" --output text 2>/dev/null || echo NEW)
case "$status" in
  NEW) first=true ;;
  ROLLBACK_COMPLETE) fail "the stack's first deployment failed and left it in ROLLBACK_COMPLETE: read its events, then aws cloudformation delete-stack --stack-name $stack and run again" ;;
  *_IN_PROGRESS) fail "the stack is busy ($status): run again when it is done" ;;
  *) first=false ;;
esac

parameters=("Architecture=$architecture")
[ -n "$sender" ] && parameters+=("SenderEmailAddress=$sender")
[ -n "$auth_prefix" ] && parameters+=("AuthDomainPrefix=$auth_prefix")
[ -n "$alarm_email" ] && parameters+=("AlarmEmail=$alarm_email")
[ -n "$domain_name" ] && parameters+=("DomainName=$domain_name")
[ -n "$certificate_arn" ] && parameters+=("CertificateArn=$certificate_arn")
if $first; then
  [ -n "$sender" ] && [ -n "$auth_prefix" ] || fail "the first deployment needs --sender and --auth-domain-prefix"
  # Made once; the stack keeps them (NoEcho) and later runs leave them as they are.
  parameters+=("DataProtectionKeyEncryptionKey=$(openssl rand -base64 32)" "OriginSecret=$(openssl rand -hex 32)")
fi

echo "== Deploying the stack $stack (the first time takes 5-10 minutes, most of it CloudFront)"
aws cloudformation package --template-file serverless.template --s3-bucket "$bucket" --s3-prefix "$stack" \
  --output-template-file .local/deploy/packaged.template --use-json >/dev/null
aws cloudformation deploy --template-file .local/deploy/packaged.template --stack-name "$stack" \
  --s3-bucket "$bucket" --s3-prefix "$stack" --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
  --no-fail-on-empty-changeset --parameter-overrides "${parameters[@]}"

out() { aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }

echo "== Publishing static files"
aws s3 sync static/ "s3://$(out StaticBucketName)/static/" --delete --cache-control "public, max-age=86400, s-maxage=31536000"
aws cloudfront create-invalidation --distribution-id "$(out DistributionId)" --paths "/static/*" >/dev/null

if $first; then
  echo "== Loading the demo catalog (first deployment only)"
  dotnet run --project LocalDev/Provision -- --seed-catalog "$(out ProductsTableName)" "$region"
fi

echo "== Checking the SES sender"
if [ -z "$sender" ]; then
  sender=$(aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Parameters[?ParameterKey=='SenderEmailAddress'].ParameterValue" --output text)
fi
verified=$(aws sesv2 get-email-identity --email-identity "$sender" --query VerifiedForSendingStatus --output text 2>/dev/null || echo MISSING)
case "$verified" in
  True) echo "$sender is verified" ;;
  MISSING) echo "WARNING: $sender is not an SES identity yet; no confirmation email can go out. Run:"
           echo "  aws sesv2 create-email-identity --email-identity $sender   # then click the link SES emails to it" ;;
  *) echo "WARNING: $sender is not verified yet (pending): click the link SES emailed to it; until then no confirmation email goes out." ;;
esac
if [ "$(aws sesv2 get-account --query ProductionAccessEnabled --output text 2>/dev/null || true)" != True ]; then
  echo "The account is in the SES sandbox: emails reach verified addresses only. README, Deploy, step 1, says how to leave it."
fi

echo
echo "Shop:      $(out ShopUrl)"
[ -z "$domain_name" ] || echo "DNS:       point $domain_name at $(out DistributionDomainName) (a CNAME, or a Route 53 alias record)"
echo "Dashboard: $(out DashboardUrl)"
echo "Sign-in:   https://$(out HostedUiDomain)/"
