"""policypack/request.py's wrapper around the SDK's servicer, in process: calls served at the
same time each get the whole answer, and the garbage collector it pauses during a call runs
again once no call is being served."""
from __future__ import annotations

import gc
import threading

from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import EnforcementLevel
from pulumi_policy.policy import _PolicyAnalyzerServicer

from apigw_lint.policypack import request
from apigw_lint.policypack.pack import NAME
from apigw_lint.policypack.policies import build_policies, reports
from apigw_lint.policypack.secrets import keep_secret_markers
from harness.pack import RULE_BY_POLICY, struct

TOKEN = "aws:apigatewayv2/integration:Integration"
URN = "urn:pulumi:stack::project::" + TOKEN + "::slow"
# both protocols' timeouts exceeded, and a method Lambda does not take: APIGW030 and APIGW014
PROPS = {"apiId": "a1", "integrationType": "AWS_PROXY", "integrationMethod": "GET",
         "integrationUri": "arn:aws:lambda:us-east-1:123456789012:function:f",
         "timeoutMilliseconds": 40000}


def _analyze(servicer: _PolicyAnalyzerServicer) -> list[str]:
    response = servicer.Analyze(analyzer_pb2.AnalyzeRequest(
        type=TOKEN, name="slow", urn=URN, properties=struct(PROPS)), None)
    return sorted(RULE_BY_POLICY[d.policyName] for d in response.diagnostics)


def test_concurrent_calls_answer_alike_and_the_collector_runs_after() -> None:
    keep_secret_markers()
    request.install(reports)
    servicer = _PolicyAnalyzerServicer(NAME, "0.0.1", build_policies(), EnforcementLevel.ADVISORY)
    alone = _analyze(servicer)
    assert alone == ["APIGW014", "APIGW030"]
    assert gc.isenabled()

    answers: list[list[str]] = []
    start = threading.Barrier(8)

    def call() -> None:
        start.wait()
        for _ in range(20):
            answers.append(_analyze(servicer))
    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [alone] * 160
    assert gc.isenabled()  # no call left it paused
