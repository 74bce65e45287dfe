"""Typed helpers in Python 3.12 syntax: a type alias and a generic registry."""
from collections.abc import Callable

import pulumi_aws as aws

type RouteKey = str
type Builder[T] = Callable[[str], T]


class Registry[T]:
    def __init__(self) -> None:
        self.items: dict[RouteKey, T] = {}

    def add(self, key: RouteKey, item: T) -> T:
        self.items[key] = item
        return item


feed_api = aws.apigatewayv2.Api("feed-api", protocol_type="HTTP")
integrations: Registry[aws.apigatewayv2.Integration] = Registry()

integrations.add("GET /feed", aws.apigatewayv2.Integration(
    "feed-upstream",
    api_id=feed_api.id,
    integration_type="HTTP_PROXY",
    integration_method="GET",
    integration_uri="https://feeds.example.com/latest",
    timeout_milliseconds=45_000,
))
