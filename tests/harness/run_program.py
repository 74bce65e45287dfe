"""Run one Pulumi Python program in preview mode under a recording monitor; print the records.

Usage: python run_program.py PROGRAM.py  ->  JSON list of registrations on stdout.
The monitor answers every RegisterResource as the engine does for a new resource in preview: an
empty id and the inputs as the state, so every output the program did not set is unknown.
"""
from __future__ import annotations

import json
import runpy
import sys
from typing import Any

import pulumi
from google.protobuf import json_format
from pulumi.runtime import mocks
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await


class _Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        return "", args.inputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict:
        return {}


class RecordingMonitor(mocks.MockMonitor):
    def __init__(self, m: pulumi.runtime.Mocks) -> None:
        super().__init__(m)
        self.records: list[dict[str, Any]] = []

    def RegisterResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == "pulumi:pulumi:Stack":
            return resource_pb2.RegisterResourceResponse(urn=urn)
        self.records.append({
            "type": request.type, "name": request.name, "urn": urn, "parent": request.parent,
            "custom": request.custom,
            "inputs": json_format.MessageToDict(request.object),
            "dependencies": list(request.dependencies),
            "propertyDependencies": {k: list(v.urns) for k, v in request.propertyDependencies.items()},
        })
        return resource_pb2.RegisterResourceResponse(urn=urn, id="", object=request.object)


def main(path: str) -> None:
    monitor = RecordingMonitor(_Mocks())
    mocks.set_mocks(monitor.mocks, project="project", stack="stack", preview=True, monitor=monitor)
    _sync_await(run_pulumi_func(lambda: runpy.run_path(path, run_name="__main__")))
    json.dump(monitor.records, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
