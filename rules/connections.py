"""APIGW022-029: connection type, VPC links and TLS."""
from __future__ import annotations

from . import aws, samples, shapes, sources as src
from .catalogue import ERROR, LINTER, WARNING, Example, Hit, rule
from .spelling import name
from .generic import enum_hit, no_effect
from .model import LAMBDA_FUNCTION, LB_LISTENER, LB_LOAD_BALANCER, VPC_LINK_V1, VPC_LINK_V2
from .uris import checkable_uri, without_uri

_NLB_URL = "http://internal-nlb-123.elb.us-east-1.amazonaws.com/connect"


def _private(m) -> bool:
    return m.get("connectionType") == "VPC_LINK"


def _internet(m) -> bool:
    """connectionType is INTERNET, written or the provider's default."""
    return m.get("connectionType") == "INTERNET" or m.absent("connectionType")


@rule(
    id="APIGW022", name="apigw-connection-type-enum", severity=ERROR,
    title="connectionType outside the enum",
    summary="connectionType is not INTERNET or VPC_LINK.",
    rationale="The provider rejects other values and fails the preview.",
    sources=(src.API_REF,),
    fix=f"Use VPC_LINK for a private integration, else leave {name('connectionType')} out "
        "(INTERNET).",
    decisive=("connectionType",),
    valid=[Example(samples.HTTP_PRIVATE)],
    invalid=[Example({**samples.HTTP_PRIVATE, "connectionType": "VPC"},
                     paths=(("connectionType",),))],
)
def connection_type_enum(m):
    yield from enum_hit(m, "connectionType", aws.CONNECTION_TYPES)


@rule(
    id="APIGW023", name="apigw-vpc-link-connection-id", severity=ERROR,
    title="VPC_LINK integration without connectionId",
    summary="connectionType is VPC_LINK and connectionId is missing or empty.",
    rationale="A private integration reaches its backend through the VPC link named by "
              "connectionId; without it AWS cannot create the integration.",
    sources=(src.API_REF, src.PRIV),
    fix=f"Set {name('connectionId')} to the VPC link's id.",
    decisive=("connectionType", "connectionId"),
    valid=[Example(samples.HTTP_PRIVATE)],
    invalid=[Example({k: v for k, v in samples.HTTP_PRIVATE.items() if k != "connectionId"},
                     paths=(("connectionType",),)),
             Example({**samples.WS_PRIVATE, "connectionId": ""}, protocol=aws.WEBSOCKET,
                     paths=(("connectionId",),))],
)
def vpc_link_connection_id(m):
    if _private(m) and m.absent("connectionId"):
        yield Hit(("connectionId",) if "connectionId" in m.props else ("connectionType",),
                  f"private (VPC_LINK) integrations need {name('connectionId')}: the VPC link's "
                  "id.")


@rule(
    id="APIGW024", name="apigw-connection-id-internet", severity=WARNING,
    title="connectionId set while the connection type is INTERNET",
    summary="connectionId is set but connectionType is INTERNET or left out (the provider "
            "default is INTERNET). An error when the URI is a load balancer or Cloud Map ARN, "
            "which cannot be reached over the internet.",
    rationale="The VPC link is ignored over INTERNET: the integration calls the URI publicly, "
              "which for a private backend fails at deploy or at run time.",
    sources=(src.API_REF, src.PRIV),
    fix=f"Set {name('connectionType')} to VPC_LINK.",
    decisive=("connectionType",),
    valid=[Example(samples.HTTP_PRIVATE)],
    invalid=[Example({k: v for k, v in samples.HTTP_PRIVATE.items() if k != "connectionType"},
                     title="listener ARN over the default INTERNET connection (error)",
                     also=("APIGW017",),
                     paths=(("connectionId",),)),  # without VPC_LINK the URI must be a URL
             Example({**samples.WS_PRIVATE, "connectionType": "INTERNET"}, protocol=aws.WEBSOCKET,
                     paths=(("connectionId",),))],
)
def connection_id_internet(m):
    if not m.has("connectionId") or not _internet(m):
        return
    uri = m.str("integrationUri")
    arn = bool(uri and uri.startswith("arn:")) or m.context.uri_source in (
        LB_LISTENER, LB_LOAD_BALANCER) or shapes.is_arn(m.shape("integrationUri"))
    yield Hit(("connectionId",), f"{name('connectionId')} is set but {name('connectionType')} is "
                                 "INTERNET (the provider default); set "
                                 f"{name('connectionType')} to VPC_LINK for a private "
                                 "integration.", severity=ERROR if arn else None)


@rule(
    id="APIGW025", name="apigw-http-private-type", severity=ERROR,
    title="HTTP API private integration that is not HTTP_PROXY",
    summary="An HTTP API integration with connectionType VPC_LINK has an integrationType other "
            "than HTTP_PROXY.",
    rationale="HTTP API private integrations are HTTP_PROXY integrations to a load balancer "
              "listener or Cloud Map service; AWS rejects other types at deploy.",
    sources=(src.API_REF, src.PRIV),
    fix=f"Use {name('integrationType')} HTTP_PROXY.",
    decisive=("connectionType", "integrationType", "protocol"),
    valid=[Example(samples.HTTP_PRIVATE)],
    invalid=[Example({**samples.HTTP_PRIVATE, "integrationType": "AWS_PROXY"},
                     # AWS_PROXY makes it a Lambda integration, which the rest contradicts
                     also=("APIGW012", "APIGW014", "APIGW019"),
                     paths=(("integrationType",),))],
)
def http_private_type(m):
    if m.protocol == aws.HTTP and _private(m) and m.type is not None and m.type != "HTTP_PROXY":
        yield Hit(("integrationType",), "HTTP API private (VPC_LINK) integrations must use "
                                        f"{name('integrationType')} HTTP_PROXY.")


@rule(
    id="APIGW026", name="apigw-http-private-uri", severity=ERROR,
    title="HTTP API private integration URI is not a listener or Cloud Map ARN",
    summary="An HTTP API VPC_LINK integration's integrationUri is not an ALB/NLB listener ARN or "
            "a Cloud Map service ARN (a load balancer ARN and a URL are the usual mistakes).",
    rationale="AWS rejects it at deploy: \"For VpcLink VPC_LINK, integration uri should be a valid "
              "ELB listener ARN or a valid Cloud Map service ARN.\"",
    sources=(src.API_REF, src.PRIV),
    fix="Use the listener's arn (aws.lb.Listener), not the load balancer's, or the Cloud Map "
        "service's arn.",
    decisive=("connectionType", "protocol", "integrationUri"),
    valid=[Example(samples.HTTP_PRIVATE),
           Example(without_uri(samples.HTTP_PRIVATE), context={"uri_from": "listener"})],
    invalid=[Example({**samples.HTTP_PRIVATE, "integrationUri": samples.LOAD_BALANCER_ARN},
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.HTTP_PRIVATE), context={"uri_from": "load_balancer"},
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.HTTP_PRIVATE), context={"uri_prefix": "http://"},
                     engines=(LINTER,), title="a URL built at run time (unknown to the pack)",
                     paths=(("integrationUri",),))],
)
def http_private_uri(m):
    if m.protocol != aws.HTTP or not _private(m):
        return
    uri = checkable_uri(m)
    wrong_literal = uri is not None and not (aws.ELB_LISTENER_ARN.match(uri)
                                             or aws.CLOUD_MAP_SERVICE_ARN.match(uri))
    if wrong_literal or m.context.uri_source in (LB_LOAD_BALANCER, LAMBDA_FUNCTION) or \
            not shapes.may_be(m.shape("integrationUri"), shapes.LISTENER_ARN, shapes.CLOUD_MAP_ARN):
        yield Hit(("integrationUri",), f"for VPC_LINK on an HTTP API, {name('integrationUri')} "
                                       "must be an ALB/NLB listener ARN or a Cloud Map service "
                                       "ARN.")


@rule(
    id="APIGW027", name="apigw-vpc-link-version", severity=ERROR,
    title="VPC link of the wrong kind for the API",
    summary="An HTTP API integration uses a REST (aws.apigateway) VPC link, or a WebSocket API "
            "integration uses an apigatewayv2 VPC link.",
    rationale="HTTP APIs connect through apigatewayv2 VPC links; WebSocket APIs only through the "
              "NLB-based REST VPC links. The other kind is rejected at deploy.",
    sources=(src.PRIV, src.WS_INT, "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                             "http-api-vpc-links.html"),
    fix="HTTP APIs: aws.apigatewayv2.VpcLink; WebSocket APIs: aws.apigateway.VpcLink.",
    decisive=("protocol",),
    valid=[Example({k: v for k, v in samples.HTTP_PRIVATE.items() if k != "connectionId"},
                   context={"vpc_link": "v2"}),
           Example({k: v for k, v in samples.WS_PRIVATE.items() if k != "connectionId"},
                   protocol=aws.WEBSOCKET, context={"vpc_link": "v1"})],
    invalid=[Example({k: v for k, v in samples.HTTP_PRIVATE.items() if k != "connectionId"},
                     context={"vpc_link": "v1"},
                     paths=(("connectionId",),)),
             Example({k: v for k, v in samples.WS_PRIVATE.items() if k != "connectionId"},
                     protocol=aws.WEBSOCKET, context={"vpc_link": "v2"},
                     paths=(("connectionId",),))],
)
def vpc_link_version(m):
    wrong = {aws.HTTP: VPC_LINK_V1, aws.WEBSOCKET: VPC_LINK_V2}.get(m.protocol)
    if wrong is not None and m.context.connection_source == wrong:
        yield Hit(("connectionId",), "HTTP APIs use apigatewayv2.VpcLink; WebSocket APIs use the "
                                     "NLB-based apigateway.VpcLink.")


@rule(
    id="APIGW028", name="apigw-websocket-private-uri", severity=ERROR,
    title="WebSocket private integration that is not HTTP/HTTP_PROXY to a URL",
    summary="A WebSocket VPC_LINK integration has a type other than HTTP or HTTP_PROXY, or an "
            "integrationUri that is not an http(s) URL (for example a listener ARN).",
    rationale="WebSocket private integrations go through an NLB-based VPC link to a URL, usually "
              "the NLB's DNS name; listener ARNs are an HTTP API concept.",
    sources=(src.WS_INT, "https://repost.aws/knowledge-center/api-gateway-vpc-link-integration"),
    fix=f"Use {name('integrationType')} HTTP or HTTP_PROXY and the NLB's URL as "
        f"{name('integrationUri')}.",
    decisive=("connectionType", "protocol"),
    valid=[Example(samples.WS_PRIVATE, protocol=aws.WEBSOCKET),
           Example(without_uri(samples.WS_PRIVATE), protocol=aws.WEBSOCKET,
                   context={"uri_prefix": "http://"})],
    invalid=[Example({**samples.WS_PRIVATE, "integrationUri": samples.LISTENER_ARN},
                     protocol=aws.WEBSOCKET,
                     paths=(("integrationUri",),)),
             Example(without_uri(samples.WS_PRIVATE), protocol=aws.WEBSOCKET,
                     context={"uri_from": "load_balancer"}, engines=(LINTER,),
                     title="the load balancer's arn (the pack sees only an output of the load "
                           "balancer, which may be its DNS name)",
                     paths=(("integrationUri",),)),
             Example({**samples.WS_PRIVATE, "integrationType": "AWS_PROXY",
                      "integrationUri": samples.INVOKE_ARN}, protocol=aws.WEBSOCKET,
                     paths=(("integrationType",),))],
)
def websocket_private_uri(m):
    if m.protocol != aws.WEBSOCKET or not _private(m):
        return
    if m.type is not None and m.type not in aws.URL_TYPES:
        yield Hit(("integrationType",), "WebSocket VPC link integrations use "
                                        f"{name('integrationType')} HTTP or HTTP_PROXY.")
        return
    uri = checkable_uri(m)
    # a load balancer's outputs include its DNS name, from which the usual URL is built
    if (uri is not None and not aws.HTTP_URL.match(uri)) or m.context.uri_source in (
            LAMBDA_FUNCTION, LB_LISTENER) or not shapes.may_be(m.shape("integrationUri"), url=True):
        yield Hit(("integrationUri",), "WebSocket VPC link integrations take an http(s) URL "
                                       "(typically the NLB's DNS name) as "
                                       f"{name('integrationUri')}.")


@rule(
    id="APIGW029", name="apigw-tls-config-scope", severity=WARNING,
    title="tlsConfig outside an HTTP API private integration",
    summary="tlsConfig is set on a WebSocket API integration or on an integration that is not "
            "private (connectionType is not VPC_LINK).",
    rationale="tlsConfig switches an HTTP API private integration to HTTPS and names the server "
              "to verify; anywhere else it does nothing, which hides the real TLS setup.",
    sources=(src.API_REF, src.PRIV),
    fix=f"Remove {name('tlsConfig')}, or make the integration a VPC_LINK integration on an HTTP "
        "API.",
    decisive=(),
    valid=[Example(samples.HTTP_PUBLIC, title="tlsConfig removed"),
           Example({**samples.HTTP_PRIVATE, "tlsConfig": {"serverNameToVerify": "api.internal"}})],
    invalid=[Example({**samples.HTTP_PUBLIC, "tlsConfig": {"serverNameToVerify": "api.internal"}},
                     paths=(("tlsConfig",),)),
             Example({**samples.WS_PRIVATE, "tlsConfig": {"serverNameToVerify": "api.internal"}},
                     protocol=aws.WEBSOCKET,
                     paths=(("tlsConfig",),))],
)
def tls_config_scope(m):
    if m.protocol == aws.WEBSOCKET:
        yield from no_effect(m, ("tlsConfig",), "is only supported by HTTP APIs.")
    elif _internet(m):
        yield from no_effect(m, ("tlsConfig",), "only applies to private (VPC_LINK) integrations.")
