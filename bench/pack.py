"""Time the policy pack as the engine drives it, against no-op packs driven the same way.

    .venv/bin/python bench/pack.py [--integrations 5000] [--runs 5] [--before REV]

Prints medians of several runs: startup (spawn -> port line), Analyze latency per resource, and
AnalyzeStack over a stack of N integrations (with their APIs, functions and permissions; the request
is built once, so the time is the pack's), each as a ratio to a pack with one no-op stack policy,
and to one with as many no-op stack policies as ours (the SDK deserializes the whole stack once
per stack policy; the pack shares one deserialization among its policies: policypack/request.py).
--before REV also times the pack as it was at git revision REV, in the same rounds. On a busy
machine read the CPU columns: the CPU time the pack's process used (psutil: the `bench` extra),
which other processes' load does not inflate as it does the wall clock (Analyze: the mean of
each round's calls, the clock counting in hundredths of a second).
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

# An installed package has its bytecode compiled (pip does it at install time); an environment
# with PYTHONDONTWRITEBYTECODE set would charge this editable checkout's modules a compile on
# every run, and no baseline. The warm-up round writes the bytecode, as an install would.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from harness.pack import UNKNOWN, PackClient, Resource, _analyzer_resource, struct  # noqa: E402
from pulumi.runtime.proto import analyzer_pb2  # noqa: E402

from apigw_lint.policypack.policies import build_policies  # noqa: E402
from apigw_lint.rules import aws, samples  # noqa: E402

NOOP_PACK = """\
from pulumi_policy import PolicyPack, StackValidationPolicy

PolicyPack(name="noop", policies=[
    StackValidationPolicy(name=f"noop-{{i}}", description="does nothing",
                          validate=lambda args, report_violation: None)
    for i in range({count})])
"""
POLICY_YAML = "runtime:\n  name: python\nversion: 0.0.1\n"
BODIES = [samples.HTTP_LAMBDA, samples.HTTP_PUBLIC, samples.HTTP_PRIVATE, samples.SQS_SEND,
          samples.START_SYNC, {**samples.HTTP_LAMBDA, "timeoutMilliseconds": 60000.0},
          {**samples.HTTP_PUBLIC, "passthroughBehavior": "NEVER"}]
WS_BODIES = [samples.WS_LAMBDA, samples.WS_LAMBDA_CUSTOM, samples.WS_HTTP, samples.WS_MOCK,
             samples.WS_PRIVATE]


def noop_pack(folder: Path, count: int) -> Path:
    folder.mkdir()
    (folder / "PulumiPolicy.yaml").write_text(POLICY_YAML)
    (folder / "__main__.py").write_text(NOOP_PACK.format(count=count))
    return folder


def corpus(n: int) -> list[Resource]:
    """n integrations over 100-integration APIs (HTTP and WebSocket), a Lambda per API with its
    permission, most bodies valid and some not."""
    out: list[Resource] = []
    for i in range(0, n, 100):
        ws = (i // 100) % 3 == 2
        api = Resource("aws:apigatewayv2/api:Api", f"api{i}", {
            "name": f"api{i}", "protocolType": aws.WEBSOCKET if ws else aws.HTTP, "id": UNKNOWN,
            "apiEndpoint": UNKNOWN, "executionArn": UNKNOWN})
        fn = Resource("aws:lambda/function:Function", f"fn{i}", {"arn": UNKNOWN, "invokeArn": UNKNOWN,
                                                                  "name": UNKNOWN, "runtime": "python3.12"})
        perm = Resource("aws:lambda/permission:Permission", f"perm{i}", {
            "action": "lambda:InvokeFunction", "principal": "apigateway.amazonaws.com",
            "function": UNKNOWN, "sourceArn": UNKNOWN}, {"function": [fn.urn]})
        out += [api, fn, perm]
        bodies = itertools.cycle(WS_BODIES if ws else BODIES)
        for j in range(i, min(i + 100, n)):
            body = {**next(bodies), "apiId": UNKNOWN, "description": f"integration {j}"}
            deps = {"apiId": [api.urn]}
            if j % 10 == 0 and body.get("integrationType") == "AWS_PROXY" and "integrationSubtype" not in body:
                body["integrationUri"] = UNKNOWN
                deps["integrationUri"] = [fn.urn]
            out.append(Resource("aws:apigatewayv2/integration:Integration", f"int{j}", body, deps))
    return out


def at_revision(rev: str, into: Path) -> tuple[Path, dict[str, str]]:
    """REV's checkout and the environment that imports its code: its rules/, policypack/ and
    linter/ as the apigw_lint package, ahead of this checkout's editable install."""
    into.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    package = into / "site" / "apigw_lint"
    package.mkdir(parents=True)
    for name in ("rules", "policypack", "linter"):
        (package / name).symlink_to(into / name)
    return into, {**os.environ, "PYTHONPATH": str(into / "site")}


def measure(folders: dict[str, tuple[Path, dict[str, str] | None]], stack: list[Resource],
            runs: int) -> dict[str, dict[str, float]]:
    """Medians per pack; every round measures each pack once, so that load on the machine falls
    on all of them alike. Requests are built once: the times are the packs'."""
    times: dict[str, dict[str, list[float]]] = {
        name: {"startup": [], "analyze": [], "analyze_stack": [], "analyze_cpu": [],
               "analyze_stack_cpu": []} for name in folders}
    for _ in range(runs):
        for name, (folder, env) in folders.items():
            t = time.perf_counter()
            PackClient(folder, env=env).close()
            times[name]["startup"].append(time.perf_counter() - t)
    analyze = [analyzer_pb2.AnalyzeRequest(type=r.type, name=r.name, urn=r.urn,
                                           properties=struct(r.props))
               for r in stack if r.is_integration][:500]
    analyze_stack = analyzer_pb2.AnalyzeStackRequest(resources=[_analyzer_resource(r) for r in stack])
    with contextlib.ExitStack() as running:
        clients = {name: running.enter_context(PackClient(folder, env=env))
                   for name, (folder, env) in folders.items()}
        for client in clients.values():
            client.configure()
            client.stub.AnalyzeStack(analyze_stack)  # warm-up
        for _ in range(runs):
            for name, client in clients.items():
                cpu = _cpu(client)
                for request in analyze:
                    t = time.perf_counter()
                    client.stub.Analyze(request)
                    times[name]["analyze"].append(time.perf_counter() - t)
                times[name]["analyze_cpu"].append((_cpu(client) - cpu) / len(analyze))
                cpu, t = _cpu(client), time.perf_counter()
                client.stub.AnalyzeStack(analyze_stack)
                times[name]["analyze_stack"].append(time.perf_counter() - t)
                times[name]["analyze_stack_cpu"].append(_cpu(client) - cpu)
    return {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}


def _cpu(client: PackClient) -> float:
    """CPU seconds (user and system) the pack's process has used so far."""
    used = psutil.Process(client.proc.pid).cpu_times()
    return used.user + used.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--integrations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="REV", help="also time the pack at git revision REV")
    args = parser.parse_args()
    stack = corpus(args.integrations)
    count = len(build_policies())
    with tempfile.TemporaryDirectory() as tmp:
        folders = {"apigw-lint": (REPO, None)}
        if args.before:
            folders[f"at {args.before}"] = at_revision(args.before, Path(tmp) / "before")
        folders["no-op x1"] = (noop_pack(Path(tmp) / "noop1", 1), None)
        folders[f"no-op x{count}"] = (noop_pack(Path(tmp) / f"noop{count}", count), None)
        figures = measure(folders, stack, args.runs)
    ours = figures["apigw-lint"]
    print(f"stack: {args.integrations} integrations, {len(stack)} resources; "
          f"{count} pack policies; medians of {args.runs} runs (Analyze: p50 of every call)")
    print(f"{'':18}{'startup s':>12}{'Analyze ms':>14}{'AnalyzeStack s':>16}"
          f"{'CPU: Analyze ms':>18}{'AnalyzeStack s':>16}")
    for name, f in figures.items():
        print(f"{name:18}{f['startup']:12.3f}{f['analyze'] * 1e3:14.3f}{f['analyze_stack']:16.3f}"
              f"{f['analyze_cpu'] * 1e3:18.3f}{f['analyze_stack_cpu']:16.3f}")
    for name, f in figures.items():
        if name != "apigw-lint":
            ratios = [ours[k] / f[k] if f[k] else float("inf") for k in
                      ("startup", "analyze", "analyze_stack", "analyze_cpu", "analyze_stack_cpu")]
            print(f"ratio to {name:9}" + "".join(f"{r:{w}.2f}x" for r, w in
                                                 zip(ratios, (11, 13, 15, 17, 15))))
    targets = [("startup <= 1.2x no-op x1", ours["startup"] <= 1.2 * figures["no-op x1"]["startup"]),
               ("Analyze p50 <= 1 ms", ours["analyze"] <= 0.001),
               ("AnalyzeStack <= 3x no-op x1",
                ours["analyze_stack"] <= 3 * figures["no-op x1"]["analyze_stack"])]
    for target, ok in targets:
        print(f"{'PASS' if ok else 'MISS'}  {target}")


if __name__ == "__main__":
    main()
