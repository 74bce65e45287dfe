"""Drive the policy pack exactly as the engine does: a `python -u -m pulumi.policy` process in the
pack's folder, spoken to over gRPC with the analyzer protocol's own messages."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc, plugin_pb2
from pulumi_policy.deserialize import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from apigw_lint.rules import RULES
from apigw_lint.rules.resources import INTEGRATION, KIND_BY_TOKEN

from .program import Record
from .provider import with_defaults

REPO = Path(__file__).resolve().parents[2]
UNKNOWN = UNKNOWN_STRING_VALUE  # what the engine sends for a computed string during preview
CANT_RUN = "can't run policy"
LEVELS = {"advisory": analyzer_pb2.ADVISORY, "mandatory": analyzer_pb2.MANDATORY,
          "disabled": analyzer_pb2.DISABLED}
RULE_BY_POLICY = {r.name: r.id for r in RULES.values()}
SETTINGS = "apigw-settings"  # the policy that holds the settings every rule shares


def secret(value: Any) -> dict[str, Any]:
    """A secret as the engine marshals it to analyzers."""
    return {SPECIAL_SIG_KEY: SPECIAL_SECRET_SIG, "value": value}


def urn(type_: str, name: str) -> str:
    return f"urn:pulumi:stack::project::{type_}::{name}"


@dataclass
class Resource:
    """A resource as the engine hands it to analyzers (props: inputs or outputs)."""

    type: str
    name: str
    props: dict[str, Any]
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)
    parent: str = ""
    urn: str = ""

    def __post_init__(self) -> None:
        self.urn = self.urn or urn(self.type, self.name)

    @classmethod
    def of(cls, r: Record) -> Resource:
        return cls(r.type, r.name, dict(r.inputs), dict(r.property_dependencies),
                   list(r.dependencies), r.parent, r.urn)

    @property
    def is_integration(self) -> bool:
        return KIND_BY_TOKEN.get(self.type) == INTEGRATION

    def defaulted(self) -> Resource:
        """As the engine sends it after the provider's Check (defaults filled, __defaults gone)."""
        if not self.is_integration:
            return self
        return Resource(self.type, self.name, with_defaults(self.props),
                        self.property_dependencies, self.dependencies, self.parent, self.urn)


def struct(value: Mapping[str, Any]) -> struct_pb2.Struct:
    s = struct_pb2.Struct()
    s.update(value)  # numbers become doubles, as on the wire
    return s


def _analyzer_resource(r: Resource) -> analyzer_pb2.AnalyzerResource:
    return analyzer_pb2.AnalyzerResource(
        type=r.type, name=r.name, urn=r.urn, properties=struct(r.props), parent=r.parent,
        dependencies=r.dependencies,
        propertyDependencies={k: analyzer_pb2.AnalyzerPropertyDependencies(urns=v)
                              for k, v in r.property_dependencies.items()})


@dataclass(frozen=True)
class Diagnostic:
    policy: str
    rule: str | None
    message: str  # the violation message, without the policy description the SDK prepends
    urn: str
    level: int


class PackClient:
    """One pack process and a gRPC stub to it. Use as a context manager."""

    def __init__(self, folder: Path = REPO, python: str = sys.executable,
                 env: Mapping[str, str] | None = None) -> None:
        self.proc = subprocess.Popen([python, "-u", "-m", "pulumi.policy", "127.0.0.1:1", str(folder)],
                                     cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        line = self.proc.stdout.readline()
        if not line.strip().isdigit():
            self.proc.kill()
            raise RuntimeError(f"pack did not start: {line!r}\n{self.proc.stderr.read()}")
        self.port = int(line)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)

    def __enter__(self) -> PackClient:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()
        self.proc.kill()
        self.proc.wait()

    def info(self) -> analyzer_pb2.AnalyzerInfo:
        return self.stub.GetAnalyzerInfo(empty_pb2.Empty())

    def plugin_info(self) -> plugin_pb2.PluginInfo:
        return self.stub.GetPluginInfo(empty_pb2.Empty())

    def configure(self, properties: Mapping[str, Mapping[str, Any]] | None = None,
                  levels: Mapping[str, str] | None = None) -> None:
        """Configure every policy, as the engine does: each with an enforcement level (its
        default unless overridden) and the given properties."""
        properties, levels = properties or {}, levels or {}
        config = {}
        for p in self.info().policies:
            level = LEVELS[levels[p.name]] if p.name in levels else p.enforcementLevel
            config[p.name] = analyzer_pb2.PolicyConfig(enforcementLevel=level,
                                                       properties=struct(properties.get(p.name, {})))
        self.stub.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=config))

    def configure_as_engine(self, user_config: Mapping[str, Any]) -> None:
        """Configure as `pulumi preview --policy-pack-config FILE` does with FILE's JSON (pulumi's
        ReconcilePolicyPackConfig): every policy gets its default level, then `all`'s level,
        then its own entry (a level string, or an object with an optional enforcementLevel and
        properties that are merged over the defaults)."""
        policies = self.info().policies
        all_level = user_config.get("all")
        all_level = all_level if isinstance(all_level, str) else (all_level or {}).get("enforcementLevel")
        config = {}
        for p in policies:
            level = LEVELS[all_level] if all_level else p.enforcementLevel
            given = user_config.get(p.name, {})
            if isinstance(given, str):
                given = {"enforcementLevel": given}
            properties = {k: v for k, v in given.items() if k != "enforcementLevel"}
            if "enforcementLevel" in given:
                level = LEVELS[given["enforcementLevel"]]
            config[p.name] = analyzer_pb2.PolicyConfig(enforcementLevel=level,
                                                       properties=struct(properties))
        self.stub.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=config))

    def analyze(self, r: Resource) -> list[Diagnostic]:
        return self._diagnostics(self.stub.Analyze(analyzer_pb2.AnalyzeRequest(
            type=r.type, name=r.name, urn=r.urn, properties=struct(r.props))))

    def analyze_stack_response(self, resources: Iterable[Resource]) -> analyzer_pb2.AnalyzeResponse:
        return self.stub.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(
            resources=[_analyzer_resource(r) for r in resources]))

    def analyze_stack(self, resources: Iterable[Resource]) -> list[Diagnostic]:
        return self._diagnostics(self.analyze_stack_response(resources))

    def preview(self, resources: list[Resource]) -> list[Diagnostic]:
        """What a preview asks: Analyze per resource, then AnalyzeStack."""
        out: list[Diagnostic] = []
        for r in resources:
            out.extend(self.analyze(r))
        return out + self.analyze_stack(resources)

    def findings(self, resources: list[Resource]) -> dict[str, set[str]]:
        """{integration logical name: rule ids reported on it}. Raises on any diagnostic that is
        not a rule violation on an integration (a "can't run" advisory, a stack-level message)."""
        names = {r.urn: r.name for r in resources if r.is_integration}
        out: dict[str, set[str]] = {name: set() for name in names.values()}
        for d in self.preview(resources):
            if d.urn not in names or d.rule is None or not d.message.startswith(d.rule + " "):
                raise AssertionError(f"unexpected diagnostic: {d}")
            out[names[d.urn]].add(d.rule)
        return out

    @staticmethod
    def _diagnostics(response: analyzer_pb2.AnalyzeResponse) -> list[Diagnostic]:
        out = []
        for d in response.diagnostics:
            message = d.message.split("\n", 1)[1] if "\n" in d.message else d.message
            out.append(Diagnostic(d.policyName, RULE_BY_POLICY.get(d.policyName), message, d.urn,
                                  d.enforcementLevel))
        return out
