locals {
  # One workspace per stage: `make deploy STAGE=dev` selects (or creates) the `dev` workspace.
  stage = terraform.workspace
  # The relay's name comes from package.json, so that a fork renamed there is renamed here too,
  # whether it deploys with `make deploy` or plain terraform.
  relay = coalesce(var.name, replace(jsondecode(file("${path.module}/../package.json")).name, "/^@[^/]*//", ""))
  name  = "${local.relay}-${local.stage}"
  # What the settings map lacks or has too many, against what the integration declares.
  declared          = coalesce(var.declared_settings, {})
  missing_settings  = sort([for name, required in local.declared : name if required && try(var.settings[name], "") == ""])
  unknown_settings  = sort([for name in keys(var.settings) : name if !contains(keys(local.declared), name)])
  declared_settings = length(local.declared) == 0 ? "none" : join(", ", sort(keys(local.declared)))
}

# The region the provider deploys to: var.region, else the provider's (AWS_REGION, the profile).
data "aws_region" "current" {}

# Created before the function (see depends_on below): otherwise Lambda's first invocation may
# create `/aws/lambda/<name>` itself, with no retention, and this resource then fails with
# ResourceAlreadyExistsException.
resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "this" {
  function_name = local.name
  description   = "Cisco XDR relay module (${local.stage})"
  role          = aws_iam_role.this.arn

  filename = var.package
  # Hash of the reproducible zip: an unchanged build never redeploys. `try` lets a plain
  # `terraform destroy` run on a checkout that was never built.
  source_code_hash = try(filebase64sha256(var.package), null)
  handler          = "index.handler"
  runtime          = var.runtime
  # Graviton: cheaper per ms than x86_64; the bundle is plain JavaScript, no native code.
  architectures = ["arm64"]
  memory_size   = var.memory_size
  timeout       = var.timeout
  # The account's protection against a flood held open by a slow third party (variables.tf).
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = merge(
      var.settings,
      {
        SECRET_KEY         = var.secret_key
        CTR_ENTITIES_LIMIT = tostring(var.entities_limit)
        # The API's own URL: no cycle, since the API does not depend on the function (its
        # integration does).
        XDR_AUDIENCE = coalesce(var.xdr_audience, aws_apigatewayv2_api.this.api_endpoint)
      },
      var.secret_key_previous == null ? {} : { SECRET_KEY_PREVIOUS = var.secret_key_previous },
      length(var.xdr_jwks_hosts) == 0 ? {} : { XDR_JWKS_HOSTS = join(",", var.xdr_jwks_hosts) },
    )
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  lifecycle {
    precondition {
      condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", local.relay))
      error_message = "The relay's name (package.json's name, or var.name) must be 1-40 lower-case letters, digits or hyphens, starting with a letter."
    }
    # Otherwise a stage deploys, and answers every request with 500 "The relay is not configured".
    precondition {
      condition     = var.declared_settings == null || length(local.missing_settings) == 0
      error_message = "settings: ${join(", ", local.missing_settings)} required by handler/integration.ts (no default) but not set for stage '${local.stage}': settings = { ${join(", ", [for name in local.missing_settings : "${name} = \"...\""])} } in terraform/terraform.tfvars, or TF_VAR_settings."
    }
    # A misspelt name would set nothing the integration reads.
    precondition {
      condition     = var.declared_settings == null || length(local.unknown_settings) == 0
      error_message = "settings: ${join(", ", local.unknown_settings)} not declared by handler/integration.ts (it declares: ${local.declared_settings}): remove or rename in the settings map."
    }
    precondition {
      condition     = var.secret_key != null
      error_message = "secret_key is not set: run `make jwt STAGE=${local.stage}` first, or set TF_VAR_secret_key."
    }
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.logs]
}
