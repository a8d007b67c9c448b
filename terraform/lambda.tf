locals {
  # One workspace per stage: `make deploy STAGE=dev` selects (or creates) the `dev` workspace.
  stage = terraform.workspace
  name  = "${var.name}-${local.stage}"
}

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

  environment {
    variables = merge(
      {
        SECRET_KEY         = var.secret_key
        CTR_ENTITIES_LIMIT = tostring(var.entities_limit)
      },
      var.secret_key_previous == null ? {} : { SECRET_KEY_PREVIOUS = var.secret_key_previous },
    )
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  lifecycle {
    precondition {
      condition     = var.secret_key != null
      error_message = "secret_key is not set: run `make jwt STAGE=${local.stage}` first, or set TF_VAR_secret_key."
    }
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.logs]
}
