"""Deployment settings read from the stack configuration."""
from dataclasses import dataclass

import pulumi


@dataclass(frozen=True)
class GatewaySettings:
    protocol_type: str
    integration_method: str
    payload_format_version: str
    timeout_ms: int


def load() -> GatewaySettings:
    cfg = pulumi.Config("gateway")
    return GatewaySettings(
        protocol_type=cfg.get("protocolType") or "HTTP",
        integration_method=cfg.get("integrationMethod") or "POST",
        payload_format_version=cfg.get("payloadFormatVersion") or "2.0",
        timeout_ms=cfg.get_int("timeoutMs") or 29_000,
    )
