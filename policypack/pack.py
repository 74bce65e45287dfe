"""The policy pack: the catalogue's policies served to the engine."""
from __future__ import annotations

from pulumi_policy import EnforcementLevel, PolicyPack

from . import config, request
from .policies import build_policies, reports
from .secrets import keep_secret_markers

NAME = "apigw-lint"
DESCRIPTION = "Lint AWS API Gateway V2 integrations (aws:apigatewayv2/integration:Integration)."


def serve() -> None:
    """Build the pack and serve it; PolicyPack's constructor prints the port and never returns."""
    keep_secret_markers()
    request.install(reports)
    config.install()
    PolicyPack(name=NAME, policies=build_policies(), enforcement_level=EnforcementLevel.ADVISORY,
               description=DESCRIPTION)
