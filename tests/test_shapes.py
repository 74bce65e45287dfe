"""rules/shapes.py: a shape decides only what it settles (both sides of each question)."""
from __future__ import annotations

import pickle

import pytest

from apigw_lint.rules import shapes
from apigw_lint.rules.shapes import CLOUD_MAP_ARN, FUNCTION_ARN, INVOKE_ARN, LISTENER_ARN, Shape

PRIVATE = (LISTENER_ARN, CLOUD_MAP_ARN)
LAMBDA = (FUNCTION_ARN, INVOKE_ARN)


@pytest.mark.parametrize("shape, kinds, url, expected", [
    (None, PRIVATE, False, True),  # nothing known
    (Shape(FUNCTION_ARN), (), True, False),  # a function ARN is no URL
    (Shape(shapes.HOST_NAME), (), True, False),  # nor is a host name
    (Shape(LISTENER_ARN), PRIVATE, False, True),
    (Shape(shapes.LOAD_BALANCER_ARN), PRIVATE, False, False),
    (Shape(prefix="http://"), (), True, True),
    (Shape(prefix="HTTPS://api"), (), True, True),  # schemes are case-insensitive
    (Shape(prefix="ht"), (), True, True),  # may still become http://
    (Shape(prefix="ftp://"), (), True, False),
    (Shape(prefix="http://"), PRIVATE, False, False),  # a URL is no ARN
    (Shape(prefix="arn:"), PRIVATE, False, True),  # which service: not known
    (Shape(prefix="arn:aws:elasticloadbalancing:"), PRIVATE, False, True),
    (Shape(prefix="arn:aws:lambda:"), PRIVATE, False, False),
    (Shape(prefix="arn:aws:lambda:"), LAMBDA, False, True),
    (Shape(prefix="arn:aws:lambda:"), (), True, False),
    (Shape(prefix="${stageVariables.url}"), (), True, True),  # may stand for anything
])
def test_may_be(shape, kinds, url, expected) -> None:
    assert shapes.may_be(shape, *kinds, url=url) is expected


def test_is_arn() -> None:
    assert shapes.is_arn(Shape(LISTENER_ARN)) and shapes.is_arn(Shape(prefix="arn:x"))
    assert not shapes.is_arn(Shape(shapes.HOST_NAME)) and not shapes.is_arn(Shape(prefix="ar"))
    assert not shapes.is_arn(None)


def test_joined_and_common() -> None:
    assert shapes.joined(["http://", "a"]) == "http://a"
    assert shapes.joined(["http://", Shape(prefix="x"), "y"]) == Shape(prefix="http://x")
    assert shapes.joined([Shape(FUNCTION_ARN), ":live"]) is shapes.UNKNOWN  # kind not kept
    assert shapes.common("https://a", "http://b") == Shape(prefix="http")
    assert shapes.common(Shape(FUNCTION_ARN), Shape(FUNCTION_ARN)) == Shape(FUNCTION_ARN)
    assert shapes.common("https://a", "arn:b") is None  # returns that disagree: nothing


def test_output_table_and_pickling() -> None:
    assert shapes.output("lambda-function", "invokeArn") == Shape(INVOKE_ARN)
    assert shapes.output("lambda-function", "name") is None
    shape = Shape(FUNCTION_ARN, "arn:")
    assert pickle.loads(pickle.dumps(shape)) == shape
