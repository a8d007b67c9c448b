output "url" {
  description = "The relay URL to enter in the XDR module."
  value       = aws_apigatewayv2_stage.this.invoke_url
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "region" {
  description = "AWS region the relay runs in."
  value       = data.aws_region.current.id
}

output "console_url" {
  description = "The function in the AWS console."
  value       = "https://console.aws.amazon.com/lambda/home?region=${data.aws_region.current.id}#/functions/${aws_lambda_function.this.function_name}"
}

output "log_group" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.function.name
}

output "xdr_jwks_hosts" {
  description = "The hosts whose keys sign the RS256 configuration tokens the relay accepts (`make register AUTH=rs256` checks them)."
  value       = var.xdr_jwks_hosts
}
