"""APIGW020-021: credentialsArn and Lambda invoke permissions."""
from __future__ import annotations

from . import aws, samples, shapes, sources as src
from .catalogue import ERROR, WARNING, Example, Hit, rule
from .spelling import name
from .methods import is_lambda_uri


@rule(
    id="APIGW020", name="apigw-credentials-arn-form", severity=ERROR,
    title="credentialsArn is not an IAM role ARN",
    summary="credentialsArn is set to something other than an IAM role ARN "
            "(arn:PARTITION:iam::ACCOUNT:role/NAME), including the caller-credentials value "
            "arn:aws:iam::*:user/*.",
    rationale="API Gateway assumes the role to call the backend. The provider's ARN check "
              "rejects arn:aws:iam::*:user/* (the account '*' is not valid) at preview, so "
              "caller-credential pass-through cannot be expressed with this resource; other "
              "non-role ARNs fail at deploy or at run time.",
    sources=(src.API_REF, src.SVC),
    fix="Use the ARN of a role that apigateway.amazonaws.com can assume (role.arn).",
    decisive=("credentialsArn",),
    valid=[Example(samples.SQS_SEND),
           Example({**samples.SQS_SEND, "credentialsArn": "arn:aws:iam::123456789012:"
                                                           "${stageVariables.role}"})],
    invalid=[Example({**samples.SQS_SEND, "credentialsArn": "arn:aws:iam::*:user/*"},
                     paths=(("credentialsArn",),)),
             Example({**samples.SQS_SEND, "credentialsArn": "arn:aws:iam::123456789012:user/ci"},
                     paths=(("credentialsArn",),))],
)
def credentials_arn_form(m):
    arn = m.str("credentialsArn")
    if arn is not None and aws.STAGE_VARIABLE.search(arn):
        return  # stage variables may stand for the role
    if arn is not None and aws.CALLER_CREDENTIALS_ARN.match(arn):
        yield Hit(("credentialsArn",), f"{name('credentialsArn')} arn:aws:iam::*:user/* "
                                       "(caller-credential pass-through) is rejected by the "
                                       "provider at preview; it cannot be expressed with this "
                                       "resource.")
    elif (arn is not None and not aws.IAM_ROLE_ARN.match(arn)) or \
            not shapes.may_be(m.shape("credentialsArn"), shapes.ROLE_ARN):
        yield Hit(("credentialsArn",), f"{name('credentialsArn')} must be an IAM role ARN "
                                       "(arn:PARTITION:iam::ACCOUNT:role/NAME).")


@rule(
    id="APIGW021", name="apigw-lambda-permission", severity=WARNING,
    title="Lambda integration without an invoke permission",
    summary="A Lambda integration has no credentialsArn, and no Lambda permission in the program "
            "lets apigateway.amazonaws.com invoke the function (checked only when the function and "
            "every permission are visible).",
    rationale="The deploy succeeds, then every call fails with 500 Internal Server Error and the "
              "access log shows an integration error: API Gateway may not invoke the function.",
    sources=("https://repost.aws/knowledge-center/api-gateway-http-lambda-integrations",
             src.LAMBDA),
    fix="Add a Lambda Permission with principal apigateway.amazonaws.com and action "
        f"lambda:InvokeFunction on the function ({name('sourceArn')}: the API's "
        f"{name('executionArn')} + '/*/*'), or set {name('credentialsArn')} to a role that may "
        "invoke it.",
    decisive=("integrationType",),
    valid=[Example({"integrationType": "AWS_PROXY", "payloadFormatVersion": "2.0"},
                   context={"uri_from": "lambda", "lambda_permission": True}),
           Example({"integrationType": "AWS_PROXY", "payloadFormatVersion": "2.0",
                    "credentialsArn": "arn:aws:iam::123456789012:role/apigw-invoke"},
                   context={"uri_from": "lambda", "lambda_permission": False},
                   title="a role API Gateway assumes may invoke it: no permission needed")],
    invalid=[Example({"integrationType": "AWS_PROXY", "payloadFormatVersion": "2.0"},
                     context={"uri_from": "lambda", "lambda_permission": False},
                     paths=(("integrationUri",),)),
             Example({"integrationType": "AWS_PROXY"}, protocol=aws.WEBSOCKET,
                     context={"uri_from": "lambda", "lambda_permission": False},
                     paths=(("integrationUri",),)),
             Example({k: v for k, v in samples.WS_LAMBDA_CUSTOM.items() if k != "integrationUri"},
                     protocol=aws.WEBSOCKET, title="a WebSocket Lambda integration with templates",
                     context={"uri_from": "lambda", "lambda_permission": False},
                     paths=(("integrationUri",),))],
)
def lambda_permission(m):
    lambda_integration = m.is_lambda_proxy() or (m.type == "AWS" and m.protocol != aws.HTTP)
    if lambda_integration and is_lambda_uri(m) and m.absent("credentialsArn") \
            and m.context.lambda_permitted is False:
        yield Hit(("integrationUri",), "no Lambda permission lets apigateway.amazonaws.com invoke "
                                       f"this function and no {name('credentialsArn')} is set; "
                                       "every call will fail with 500.")
