terraform {
  # 1.10+: the S3 backend's own lock file (`use_lockfile`), which the README's team setup uses.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.x accepts nodejs22.x; nodejs24.x needs a newer provider. `terraform init -upgrade`
      # takes the newest release in range, then set `runtime = "nodejs24.x"`.
      version = ">= 5.100, < 7"
    }
  }

  # Local state by default, one per workspace (= stage) under terraform.tfstate.d/; the make
  # verbs keep it 0600. The state holds SECRET_KEY in plain text: for a team, keep it in S3,
  # encrypted, with S3's own locking (see the README), readable by the deployers only.
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "xdr-relay/terraform.tfstate"
  #   region       = "us-east-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Application = local.relay
      Stage       = terraform.workspace
    })
  }
}
