#!/usr/bin/env bash
# The deploy verbs of the Makefile, one Terraform workspace per stage.
# Usage: scripts/deploy.sh deploy|status|logs|undeploy <stage>
#   deploy    build is done by make; init, select or create the workspace, apply, print the URL
#   status    the stage's outputs
#   logs      follow the function's logs with the AWS CLI, or say how
#   undeploy  terraform destroy, then delete the workspace
# The secret comes from .secrets/<stage>.tfvars.json (written by `make jwt`) or TF_VAR_secret_key;
# it is passed to Terraform in that file or that variable, never on a command line. Terraform's
# state holds the secret too: it runs under umask 077, and the state files are kept 0600.
set -euo pipefail
umask 077

verb=${1:-}
stage=${2:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
  echo "$verb: error: $*" >&2
  exit 1
}

case $verb in deploy | status | logs | undeploy) ;; *)
  verb=deploy.sh
  die "unknown verb '${1:-}': use deploy, status, logs or undeploy"
  ;;
esac

# Everything local first, before Terraform downloads anything: the stage (one rule, shared with
# make jwt), its secret file (a regular file, 0600), the build.
secret_file=$(node "$root/scripts/lib/secrets.mjs" check "$verb" "$stage") || exit 1
if [[ $verb == deploy ]]; then
  [[ -f ${TF_VAR_package:-$root/dist/relay.zip} ]] || die "dist/relay.zip is missing: run make build"
  [[ -n $secret_file || -n ${TF_VAR_secret_key:-} ]] ||
    die "no secret for stage '$stage': run make jwt STAGE=$stage first (or set TF_VAR_secret_key)"
fi
command -v terraform >/dev/null || die "terraform is not installed (https://developer.hashicorp.com/terraform/install)"

# Still before Terraform: usable AWS credentials, the region (said before anything is created),
# and the integration's declared settings, which Terraform checks the settings map against.
if [[ $verb == deploy ]]; then
  checks=$(node "$root/scripts/lib/preflight.mjs" "$stage") || exit 1
  { read -r region && read -r region_from && read -r declared; } <<<"$checks"
  export TF_VAR_region=$region TF_VAR_declared_settings=$declared
  echo "Stage '$stage' in AWS region $region ($region_from)."
fi

tf() { terraform -chdir="$root/terraform" "$@"; }

# Quiet when it works, the whole output when it does not.
quiet() {
  local output
  if ! output=$("$@" 2>&1); then
    echo "$output" >&2
    die "$* failed"
  fi
}

# State written before this script ran under umask 077 (or by plain terraform) is tightened too.
tighten_state() {
  local dir=$root/terraform/terraform.tfstate.d file
  for file in "$root"/terraform/terraform.tfstate "$root"/terraform/terraform.tfstate.backup; do
    [[ ! -f $file ]] || chmod 600 "$file"
  done
  [[ -d $dir ]] || return 0
  find "$dir" -type d -exec chmod 700 {} +
  find "$dir" -type f -exec chmod 600 {} +
}

# One output's value, or nothing when the workspace holds none (after a plain `terraform destroy`,
# or a first apply that failed): `terraform output -raw` would print a warning on stdout, exit 0.
output() {
  tf output -json -no-color 2>/dev/null |
    node -e 'let t = ""; process.stdin.on("data", (c) => (t += c)).on("end", () => { try { process.stdout.write(String(JSON.parse(t)[process.argv[1]]?.value ?? "")); } catch {} });' "$1"
}

has_workspace() { tf workspace list 2>/dev/null | sed 's/^[* ]*//' | grep -qx -- "$stage"; }

tighten_state
trap tighten_state EXIT

# The first run downloads the AWS provider: say so rather than look stuck. status and logs only
# read outputs: no init (seconds) once the folder is initialized.
if [[ ! -d $root/terraform/.terraform ]] || [[ $verb == deploy || $verb == undeploy ]]; then
  [[ -d $root/terraform/.terraform/providers ]] || echo "terraform init: installing the AWS provider (first run only)..."
  quiet tf init -input=false -no-color
fi

case $verb in
deploy)
  var_file=()
  [[ -z $secret_file ]] || var_file=(-var-file="$secret_file")
  existed=yes
  has_workspace || existed=
  quiet tf workspace select -or-create -no-color "$stage"
  errors=$(mktemp)
  if ! tf apply -input=false -auto-approve -no-color "${var_file[@]}" 2>"$errors"; then
    # A first deploy refused before anything was created leaves no empty workspace behind.
    if [[ -z $existed && -z $(tf state list 2>/dev/null) ]]; then
      quiet tf workspace select -no-color default
      quiet tf workspace delete -no-color "$stage"
    fi
    # The relay's own settings check says everything in its message: one line (Terraform wraps it).
    mine=$(awk '/^[│ ]*settings: /{on=1} on{if ($0 ~ /^[│ ]*$/) exit; sub(/^[│ ]*/, ""); printf "%s%s", (n++ ? " " : ""), $0}' "$errors")
    # AWS keeps 100 of an account's Lambda concurrency unreserved; a new account's quota may be 10.
    if [[ -z $mine ]] && grep -q 'UnreservedConcurrentExecution' "$errors"; then
      mine="AWS refused the function's reserved concurrency (reserved_concurrency, default 25): the account must keep 100 concurrent executions unreserved, and its quota leaves too few (new accounts may start at 10). Set reserved_concurrency = -1 in terraform/terraform.tfvars (or TF_VAR_reserved_concurrency=-1) for no reservation, or ask AWS for a higher quota (Service Quotas: Lambda, Concurrent executions)."
    fi
    if [[ -n $mine ]]; then
      rm -f "$errors"
      die "$mine"
    fi
    cat "$errors" >&2
    rm -f "$errors"
    die "terraform apply failed (above)"
  fi
  rm -f "$errors"
  echo
  echo "Relay URL: $(output url)"
  echo "Next: make register STAGE=$stage puts the module into XDR (an XDR API client: XDR_CLIENT_ID, XDR_CLIENT_SECRET),"
  echo "      or add the URL and the JWT (make jwt STAGE=$stage) by hand: Generic Serverless Relay."
  echo "      make check STAGE=$stage calls the relay as XDR does."
  ;;
status)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  quiet tf workspace select -no-color "$stage"
  # After a plain `terraform destroy`, or a first apply that failed, the workspace has no outputs.
  [[ -n $(output url) ]] || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  tf output -no-color
  ;;
logs)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  quiet tf workspace select -no-color "$stage"
  group=$(output log_group)
  [[ -n $group ]] || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  region=$(output region)
  if ! command -v aws >/dev/null; then
    echo "To follow the logs, install the AWS CLI (https://aws.amazon.com/cli/), then run make logs STAGE=$stage again."
    echo "Or open: https://console.aws.amazon.com/cloudwatch/home?region=$region#logsV2:log-groups/log-group/$(printf %s "$group" | sed 's|/|$252F|g')"
    exit 0
  fi
  trap - EXIT
  tighten_state
  exec node "$root/scripts/lib/follow-logs.mjs" "$group" "$region"
  ;;
undeploy)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  # XDR modules that still point at the stage would fail once it is gone: said after the destroy.
  # From make register's records; XDR is asked only where an API client is configured (no network
  # otherwise), and nothing here can stop the undeploy.
  instances=$(node "$root/scripts/instances.mjs" --undeploy "$stage" 2>&1) || true
  quiet tf workspace select -no-color "$stage"
  tf destroy -input=false -auto-approve -no-color
  quiet tf workspace select -no-color default
  quiet tf workspace delete -no-color "$stage"
  echo "Stage '$stage' is gone."
  [[ -z $secret_file ]] || echo "Its secret stays in .secrets/$stage.tfvars.json, for a later deploy."
  [[ -z $instances ]] || echo "$instances"
  ;;
esac
