#!/usr/bin/env bash
# The deploy verbs of the Makefile, one Terraform workspace per stage.
# Usage: scripts/deploy.sh deploy|status|logs|undeploy <stage>
#   deploy    build is done by make; init, select or create the workspace, apply, print the URL
#   status    the stage's outputs
#   logs      follow the function's logs with the AWS CLI, or say how
#   undeploy  terraform destroy, then delete the workspace
# The secret comes from .secrets/<stage>.tfvars.json (written by `make jwt`) or TF_VAR_secret_key;
# it is passed to Terraform in that file or that variable, never on a command line.
set -euo pipefail

verb=${1:-}
stage=${2:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
secret_file="$root/.secrets/$stage.tfvars.json"

die() {
  echo "$verb: error: $*" >&2
  exit 1
}

case $verb in deploy | status | logs | undeploy) ;; *)
  verb=deploy.sh
  die "unknown verb '${1:-}': use deploy, status, logs or undeploy"
  ;;
esac
[[ -n $stage ]] || die "STAGE is missing: make $verb STAGE=dev"
[[ $stage =~ ^[a-z][a-z0-9-]{0,19}$ ]] || die "STAGE must be 1-20 lower-case letters, digits or hyphens, starting with a letter: '$stage'"
command -v terraform >/dev/null || die "terraform is not installed (https://developer.hashicorp.com/terraform/install)"

tf() { terraform -chdir="$root/terraform" "$@"; }

# Quiet when it works, the whole output when it does not.
quiet() {
  local output
  if ! output=$("$@" 2>&1); then
    echo "$output" >&2
    die "$* failed"
  fi
}

has_workspace() { tf workspace list 2>/dev/null | sed 's/^[* ]*//' | grep -qx -- "$stage"; }

# The first run downloads the AWS provider: say so rather than look stuck.
[[ -d $root/terraform/.terraform/providers ]] || echo "terraform init: installing the AWS provider (first run only)..."
quiet tf init -input=false -no-color

case $verb in
deploy)
  [[ -f $root/dist/relay.zip ]] || die "dist/relay.zip is missing: run make build"
  var_file=()
  if [[ -f $secret_file ]]; then
    var_file=(-var-file="$secret_file")
  elif [[ -z ${TF_VAR_secret_key:-} ]]; then
    die "no secret for stage '$stage': run make jwt STAGE=$stage first (or set TF_VAR_secret_key)"
  fi
  quiet tf workspace select -or-create -no-color "$stage"
  tf apply -input=false -auto-approve -no-color "${var_file[@]}"
  echo
  echo "Relay URL: $(tf output -raw url)"
  echo "Next: make jwt STAGE=$stage prints the JWT for this URL; add both to XDR (Generic Serverless Relay)."
  ;;
status)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  quiet tf workspace select -no-color "$stage"
  tf output -no-color
  ;;
logs)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  quiet tf workspace select -no-color "$stage"
  group=$(tf output -raw log_group)
  region=$(tf output -raw region)
  if ! command -v aws >/dev/null; then
    echo "To follow the logs, install the AWS CLI (https://aws.amazon.com/cli/), then run make logs STAGE=$stage again."
    echo "Or open: https://console.aws.amazon.com/cloudwatch/home?region=$region#logsV2:log-groups/log-group/$(printf %s "$group" | sed 's|/|$252F|g')"
    exit 0
  fi
  exec node "$root/scripts/follow-logs.mjs" "$group" "$region"
  ;;
undeploy)
  has_workspace || die "stage '$stage' is not deployed (make deploy STAGE=$stage)"
  quiet tf workspace select -no-color "$stage"
  tf destroy -input=false -auto-approve -no-color
  quiet tf workspace select -no-color default
  quiet tf workspace delete -no-color "$stage"
  echo "Stage '$stage' is gone."
  [[ ! -f $secret_file ]] || echo "Its secret stays in .secrets/$stage.tfvars.json, for a later deploy."
  ;;
esac
