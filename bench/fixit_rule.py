"""The Fixit baseline: one libcst rule equivalent to the linter's timeout check (APIGW030), found
the way a Fixit rule finds a class, by qualified-name metadata. Run as `fixit --rules fixit_rule`
with this folder on PYTHONPATH."""
from __future__ import annotations

import libcst as cst
from fixit import Invalid, LintRule, Valid
from libcst.metadata import QualifiedNameProvider

INTEGRATION = "pulumi_aws.apigatewayv2.Integration"


class IntegrationTimeoutRange(LintRule):
    """timeout_milliseconds of an Integration outside 50-30000."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    VALID = [Valid('import pulumi_aws as aws\naws.apigatewayv2.Integration("i", api_id="a", '
                   'integration_type="MOCK", timeout_milliseconds=29000)\n')]
    INVALID = [Invalid('import pulumi_aws as aws\naws.apigatewayv2.Integration("i", api_id="a", '
                       'integration_type="MOCK", timeout_milliseconds=60000)\n')]

    def visit_Call(self, node: cst.Call) -> None:
        if not QualifiedNameProvider.has_name(self, node, INTEGRATION):
            return
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "timeout_milliseconds" \
                    and isinstance(arg.value, cst.Integer) \
                    and not 50 <= int(arg.value.value.replace("_", "")) <= 30000:
                self.report(arg, "timeout_milliseconds is outside 50-30000")
