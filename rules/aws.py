"""Facts about AWS API Gateway V2 integrations and the Pulumi AWS provider, each stated once.

Every check reads its constants from here; RULES.md gives the source of each fact.
"""
from __future__ import annotations

import re

HTTP = "HTTP"
WEBSOCKET = "WEBSOCKET"
PROTOCOLS = (HTTP, WEBSOCKET)

# --- the resource's inputs (pulumi_aws.apigatewayv2.Integration), camelCase -> snake_case
PROPERTIES: dict[str, str] = {
    "apiId": "api_id",
    "connectionId": "connection_id",
    "connectionType": "connection_type",
    "contentHandlingStrategy": "content_handling_strategy",
    "credentialsArn": "credentials_arn",
    "description": "description",
    "integrationMethod": "integration_method",
    "integrationSubtype": "integration_subtype",
    "integrationType": "integration_type",
    "integrationUri": "integration_uri",
    "passthroughBehavior": "passthrough_behavior",
    "payloadFormatVersion": "payload_format_version",
    "region": "region",
    "requestParameters": "request_parameters",
    "requestTemplates": "request_templates",
    "responseParameters": "response_parameters",
    "templateSelectionExpression": "template_selection_expression",
    "timeoutMilliseconds": "timeout_milliseconds",
    "tlsConfig": "tls_config",
}
SNAKE_TO_CAMEL = {snake: camel for camel, snake in PROPERTIES.items()}
INTEGER_PROPERTIES = frozenset({"timeoutMilliseconds"})
REQUIRED_PROPERTIES = ("apiId", "integrationType")
# Nested input types: responseParameters items and tlsConfig.
RESPONSE_PARAMETER_FIELDS = {"statusCode": "status_code", "mappings": "mappings"}
TLS_CONFIG_FIELDS = {"serverNameToVerify": "server_name_to_verify"}
# Changing one of these replaces the integration (Terraform ForceNew).
REPLACEMENT_PROPERTIES = ("apiId", "integrationType", "integrationSubtype")

# Filled in by the provider's Check when absent; the engine strips the __defaults list that
# would say so, so a policy cannot tell these values from written ones.
PROVIDER_DEFAULTS = {
    "connectionType": "INTERNET",
    "passthroughBehavior": "WHEN_NO_MATCH",
    "payloadFormatVersion": "1.0",
}

# --- enums (case-sensitive)
INTEGRATION_TYPES = ("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK")
HTTP_API_INTEGRATION_TYPES = ("AWS_PROXY", "HTTP_PROXY")
PROXY_TYPES = ("AWS_PROXY", "HTTP_PROXY")
URL_TYPES = ("HTTP", "HTTP_PROXY")  # integrationUri is a URL, integrationMethod required
CONNECTION_TYPES = ("INTERNET", "VPC_LINK")
CONTENT_HANDLING_STRATEGIES = ("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")
PASSTHROUGH_BEHAVIORS = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
PAYLOAD_FORMAT_VERSIONS = ("1.0", "2.0")
HTTP_METHODS = ("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
MOCK_BACKEND_PROPERTIES = ("integrationUri", "integrationMethod", "credentialsArn", "connectionId")

# --- properties that only one protocol uses
WEBSOCKET_ONLY = ("contentHandlingStrategy", "passthroughBehavior", "requestTemplates",
                  "templateSelectionExpression")
HTTP_ONLY = ("responseParameters", "integrationSubtype", "tlsConfig")

# --- timeouts, per protocol (AWS quota, not increasable)
TIMEOUT_MIN = 50
TIMEOUT_MAX = {WEBSOCKET: 29000, HTTP: 30000}
TIMEOUT_MAX_ANY = max(TIMEOUT_MAX.values())

# --- AWS string lengths (botocore shape names): property -> (min, max)
LENGTHS = {
    "description": (0, 1024),
    "integrationUri": (1, 2048),
    "integrationMethod": (1, 64),
    "payloadFormatVersion": (1, 64),
}
SERVER_NAME_LENGTH = (1, 512)
TEMPLATE_MAX_LENGTH = 32768
MAPPING_VALUE_LENGTH = (1, 512)

# --- HTTP API AWS service integrations: subtype -> (required, optional) request parameters
SUBTYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "EventBridge-PutEvents": (("Detail", "DetailType", "Source"),
                              ("Time", "EventBusName", "Resources", "Region", "TraceHeader")),
    "SQS-SendMessage": (("QueueUrl", "MessageBody"),
                        ("DelaySeconds", "MessageAttributes", "MessageDeduplicationId",
                         "MessageGroupId", "MessageSystemAttributes", "Region")),
    "SQS-ReceiveMessage": (("QueueUrl",),
                           ("AttributeNames", "MaxNumberOfMessages", "MessageAttributeNames",
                            "ReceiveRequestAttemptId", "VisibilityTimeout", "WaitTimeSeconds",
                            "Region")),
    "SQS-DeleteMessage": (("ReceiptHandle", "QueueUrl"), ("Region",)),
    "SQS-PurgeQueue": (("QueueUrl",), ("Region",)),
    "AppConfig-GetConfiguration": (("Application", "Environment", "Configuration", "ClientId"),
                                   ("ClientConfigurationVersion", "Region")),
    "Kinesis-PutRecord": (("StreamName", "Data", "PartitionKey"),
                          ("SequenceNumberForOrdering", "ExplicitHashKey", "Region")),
    "StepFunctions-StartExecution": (("StateMachineArn",), ("Name", "Input", "Region")),
    "StepFunctions-StartSyncExecution": (("StateMachineArn",),
                                         ("Name", "Input", "Region", "TraceHeader")),
    "StepFunctions-StopExecution": (("ExecutionArn",), ("Cause", "Error", "Region")),
}
SYNC_EXECUTION_SUBTYPE = "StepFunctions-StartSyncExecution"
STATE_MACHINE_PARAMETER = "StateMachineArn"
EXPRESS = "EXPRESS"

# --- headers no HTTP API mapping may touch (case-insensitive)
RESERVED_HEADER_PREFIXES = ("access-control-", "apigw-", "x-amz-", "x-amzn-")
RESERVED_HEADERS = frozenset(h.lower() for h in (
    "Authorization", "Connection", "Content-Encoding", "Content-Length", "Content-Location",
    "Forwarded", "Keep-Alive", "Origin", "Proxy-Authenticate", "Proxy-Authorization", "TE",
    "Trailers", "Transfer-Encoding", "Upgrade", "X-Forwarded-For", "X-Forwarded-Host",
    "X-Forwarded-Proto", "Via"))

# --- ARN and URL forms
_P, _R, _ACCT = r"aws(?:-[a-z]+)*", r"[a-z]{2}(?:-[a-z]+)+-\d", r"\d{12}"
STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.[A-Za-z0-9_]+\}")
LAMBDA_FUNCTION_ARN = re.compile(
    rf"^arn:{_P}:lambda:{_R}:{_ACCT}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$")
LAMBDA_INVOKE_ARN = re.compile(
    rf"^arn:{_P}:apigateway:{_R}:lambda:path/2015-03-31/functions/(?P<fn>.+)/invocations$")
LAMBDA_URI_HINT = re.compile(r"^arn:[^:]*:(lambda|apigateway:[^:]*:lambda:path)")
ELB_LISTENER_ARN = re.compile(
    rf"^arn:{_P}:elasticloadbalancing:{_R}:{_ACCT}:listener/(?:app|net)/[^/]+/[^/]+/[^/]+$")
CLOUD_MAP_SERVICE_ARN = re.compile(
    rf"^arn:{_P}:servicediscovery:{_R}:{_ACCT}:service/srv-[A-Za-z0-9]+(?:\?.*)?$")
IAM_ROLE_ARN = re.compile(rf"^arn:{_P}:iam::{_ACCT}:role/.+$")
# The documented caller-credentials value, which the provider's ARN check rejects.
CALLER_CREDENTIALS_ARN = re.compile(r"^arn:aws(?:-[a-z]+)*:iam::\*:user/\*$")
HTTP_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)

# --- Lambda permissions that let API Gateway invoke a function
APIGATEWAY_PRINCIPAL = "apigateway.amazonaws.com"
# IAM action names are case-insensitive; Lambda's AddPermission takes `lambda:NAME`, `lambda:*` or
# `*` (no partial wildcards), so these are every spelling that grants invoke, lower-cased.
INVOKE_ACTIONS = frozenset({"lambda:invokefunction", "lambda:*", "*"})

# --- quotas
INTEGRATIONS_PER_API = 300

# --- parameter-mapping grammar
_NAME = r"[A-Za-z0-9._$-]+"
HEADER_NAME = r"[A-Za-z0-9!#$%&'*+.^_`|~-]+"
HTTP_REQUEST_KEY = re.compile(
    rf"^(?:(?P<action>append|overwrite|remove):(?P<location>header|querystring)\.(?P<name>{HEADER_NAME})"
    r"|overwrite:path)$")
HTTP_RESPONSE_KEY = re.compile(
    rf"^(?:(?P<action>append|overwrite|remove):header\.(?P<name>{HEADER_NAME})|overwrite:statuscode)$")
HTTP_REQUEST_SOURCES = re.compile(
    r"^(?:request\.(?:header|querystring|path)\.[^.\s][^\s]*|request\.body(?:\.[^\s]+)?"
    r"|request\.path|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$")
HTTP_RESPONSE_SOURCES = re.compile(
    r"^(?:response\.header\.[^\s]+|response\.body(?:\.[^\s]+)?"
    r"|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$")
UNSUPPORTED_JSON_PATH = ("..", "?(")
STATUS_CODE = re.compile(r"^[2-5]\d\d$")
WEBSOCKET_REQUEST_KEY = re.compile(rf"^integration\.request\.(?:header|querystring|path)\.{_NAME}$")
WEBSOCKET_REQUEST_VALUE = re.compile(
    rf"^(?:route\.request\.(?:header|querystring|multivalueheader|multivaluequerystring)\.{_NAME}"
    r"|route\.request\.body\.[^\s]+|route\.request\.body"
    r"|context\.[A-Za-z0-9_]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$")
TEMPLATE_SELECTION = re.compile(r"^(?:\$\{request\.body\.[^}\s]+\}|\$request\.body\.\S+|\$default|[^$\s][^\s]*)$")
