"""The AWS and Pulumi documentation pages the rules cite, each named once."""

API_REF = ("https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/"
           "apis-apiid-integrations.html")
CFN = ("https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
       "aws-resource-apigatewayv2-integration.html")
LAMBDA = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
          "http-api-develop-integrations-lambda.html")
PASS = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
        "integration-passthrough-behaviors.html")
PM = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
      "http-api-parameter-mapping.html")
PRIV = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
        "http-api-develop-integrations-private.html")
REGISTRY = "https://www.pulumi.com/registry/packages/aws/api-docs/apigatewayv2/integration/"
SUB = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
       "http-api-develop-integrations-aws-services-reference.html")
SVC = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
       "http-api-develop-integrations-aws-services.html")
WS_INT = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
          "apigateway-websocket-api-integration-requests.html")
WS_MAP = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
          "websocket-api-data-mapping.html")
XFORM = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
         "websocket-api-data-transformations.html")
QUOTA_HTTP = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
              "http-api-quotas.html")
QUOTA_WS = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
            "apigateway-execution-service-websocket-limits-table.html")
HTTP_BACKEND = ("https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                "http-api-develop-integrations-http.html")
PYTHON_SOURCE = "https://docs.python.org/3/reference/lexical_analysis.html#encoding-declarations"
PULUMI_YAML = "https://www.pulumi.com/docs/iac/languages-sdks/yaml/yaml-language-reference/"
