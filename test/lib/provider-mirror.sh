#!/usr/bin/env bash
# Writes a Terraform CLI configuration that installs hashicorp/aws from a local filesystem
# mirror, for machines without internet (the tests, CI). Prints the configuration's path.
# The mirror: $TF_PROVIDER_MIRROR if set, else the first one found on this machine; with none,
# the configuration is empty and Terraform uses the public registry as usual.
# Usage: test/lib/provider-mirror.sh <output file>
set -euo pipefail

out=${1:?usage: provider-mirror.sh <output file>}
mirror=${TF_PROVIDER_MIRROR:-}
if [[ -z $mirror ]]; then
  # A mirror holds <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws*.
  binary=$(find /opt /usr/local /usr/share /root /home /var/lib -maxdepth 8 \
    -path '*/registry.terraform.io/hashicorp/aws/*/terraform-provider-aws*' -print -quit 2>/dev/null || true)
  if [[ -z $binary ]]; then
    echo "# No local provider mirror: the public registry." >"$out"
    echo "$out"
    exit 0
  fi
  mirror=${binary%%/registry.terraform.io/*}
fi
[[ -d $mirror/registry.terraform.io/hashicorp/aws ]] || {
  echo "provider-mirror: error: $mirror holds no registry.terraform.io/hashicorp/aws" >&2
  exit 1
}
cat >"$out" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
CONFIG
echo "$out"
