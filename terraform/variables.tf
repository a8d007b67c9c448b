variable "name" {
  description = "Name of the relay; every resource is named <name>-<stage>, the stage being the Terraform workspace. Default: package.json's name (without an npm @scope/)."
  type        = string
  default     = null

  validation {
    condition     = var.name == null || can(regex("^[a-z][a-z0-9-]{0,39}$", coalesce(var.name, "x")))
    error_message = "name must be 1-40 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "AWS region to deploy to. Default: the AWS provider's own choice, AWS_REGION, AWS_DEFAULT_REGION or the profile's region (`make deploy` says which, before anything is created)."
  type        = string
  default     = null

  validation {
    condition     = var.region == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", coalesce(var.region, "x")))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "package" {
  description = "Path of the zip that `make build` writes."
  type        = string
  default     = "../dist/relay.zip"
}

variable "secret_key" {
  description = "HS256 secret that XDR's JWT is signed with (SECRET_KEY). `make deploy` reads it from the stage's secret file that `make jwt` writes. Not needed to destroy."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.secret_key == null || length(coalesce(var.secret_key, "x")) >= 32
    error_message = "secret_key must be at least 32 characters (make jwt makes 64)."
  }
}

variable "secret_key_previous" {
  description = "The previous secret, still accepted during a rotation (SECRET_KEY_PREVIOUS); null when not rotating."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.secret_key_previous == null || length(coalesce(var.secret_key_previous, "x")) >= 32
    error_message = "secret_key_previous must be at least 32 characters."
  }
}

variable "runtime" {
  description = "Lambda runtime. nodejs24.x needs a provider newer than 5.100: run `terraform init -upgrade` first."
  type        = string
  default     = "nodejs22.x"

  validation {
    condition     = contains(["nodejs22.x", "nodejs24.x"], var.runtime)
    error_message = "runtime must be nodejs22.x or nodejs24.x."
  }
}

variable "memory_size" {
  description = "Lambda memory in MB; at 128 MB the first invocation is measurably slower."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240."
  }
}

variable "timeout" {
  description = "Lambda timeout in seconds. API Gateway gives up after 30 s whatever this says."
  type        = number
  default     = 10

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 30
    error_message = "timeout must be between 1 and 30 seconds."
  }
}

variable "entities_limit" {
  description = "CTR_ENTITIES_LIMIT: at most this many sightings and judgements per observable."
  type        = number
  default     = 100

  validation {
    condition     = var.entities_limit >= 1 && floor(var.entities_limit) == var.entities_limit
    error_message = "entities_limit must be a positive integer."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the function's and the API's logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "throttling_burst_limit" {
  description = "API Gateway burst limit (requests) for the whole API."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit >= 1
    error_message = "throttling_burst_limit must be at least 1."
  }
}

variable "throttling_rate_limit" {
  description = "API Gateway steady rate limit (requests per second) for the whole API."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit >= 1
    error_message = "throttling_rate_limit must be at least 1."
  }
}

variable "reserved_concurrency" {
  description = "Lambda reserved concurrency: at most this many requests run at once, so that a flood (the API's throttle lets 50 requests/s through, each held up to `timeout` when a third party is slow: ~500 at once) cannot take the account's whole Lambda quota (1000 by default) from its other functions. Sized with the throttle: 25 serves throttling_rate_limit (50/s) at 0.5 s a request, XDR's enrichment against a typical third party; beyond it Lambda throttles and API Gateway answers an error. -1: no reservation (an account whose quota is under 125 must use it: AWS keeps 100 unreserved)."
  type        = number
  default     = 25

  validation {
    condition     = var.reserved_concurrency == -1 || (var.reserved_concurrency >= 1 && floor(var.reserved_concurrency) == var.reserved_concurrency)
    error_message = "reserved_concurrency must be a positive integer, or -1 for no reservation (0 would stop the function)."
  }
  # Above throttling_rate_limit × timeout the reservation never binds: the throttle lets no more
  # requests run at once. (A validation naming other variables: Terraform 1.9+.)
  validation {
    condition     = var.reserved_concurrency <= var.throttling_rate_limit * var.timeout
    error_message = "reserved_concurrency must be at most throttling_rate_limit × timeout (${var.throttling_rate_limit * var.timeout}): above that it never limits anything; raise the throttle with it."
  }
}

variable "tags" {
  description = "Tags added to every resource, beside Application and Stage."
  type        = map(string)
  default     = {}
}

variable "settings" {
  description = "The integration's settings (handler/integration.ts declares them), set as environment variables of the function: { EXAMPLE_INTEL_URL = \"https://...\" }. Not for secrets: those travel in the JWT."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for name in keys(var.settings) :
      can(regex("^[A-Z][A-Z0-9_]*$", name)) && !can(regex("^(SECRET_KEY|SECRET_KEY_PREVIOUS|CTR_ENTITIES_LIMIT|XDR_AUDIENCE|XDR_JWKS_HOSTS|AWS_.*|LAMBDA_.*|TZ|LANG|PATH|LD_LIBRARY_PATH|NODE_.*)$", name))
    ])
    error_message = "settings names must be upper-case environment variable names that neither the template (SECRET_KEY, SECRET_KEY_PREVIOUS, CTR_ENTITIES_LIMIT, XDR_AUDIENCE, XDR_JWKS_HOSTS) nor Lambda (AWS_*, LAMBDA_*, TZ, LANG, PATH, NODE_*, ...) uses."
  }
}

variable "declared_settings" {
  description = "The settings handler/integration.ts declares, each true when it is required (no default). `make deploy` sets it from the build, and the function then refuses a settings map that lacks a required one or names an undeclared one. Null (plain terraform): not checked."
  type        = map(bool)
  default     = null
}

variable "xdr_jwks_hosts" {
  description = "Hosts whose keys sign XDR's RS256 configuration tokens (XDR_JWKS_HOSTS), e.g. [\"visibility.amp.cisco.com\"] for the US region. Empty: RS256 tokens are refused."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for host in var.xdr_jwks_hosts : can(regex("^[a-z0-9.-]+(:[0-9]{1,5})?$", host))])
    error_message = "xdr_jwks_hosts must be host names (host or host:port), without a scheme or a path."
  }
}

variable "xdr_audience" {
  description = "The audience (aud) XDR's configuration tokens must carry (XDR_AUDIENCE). Default: this relay's URL, which `make module-type` puts in the module type."
  type        = string
  default     = null
}
