"""Parity under Node.js: the TypeScript programs run under `pulumi.runtime.setMocks` in preview
(tests/typescript/mocks/run.js, with the pinned `@pulumi/pulumi` and `@pulumi/aws` of
mocks/package-lock.json), each resource's type and inputs captured as the engine would receive
them, put through the policy pack over gRPC (tests/harness), and compared with what the linter
reports on the same source, integration by integration.

  * the twins of the parity programs report the same rule ids in both engines (raw inputs, and
    after the provider's Check filled in its defaults), as tests/test_parity.py requires of the
    Python originals, with the same named excuses (a written provider default the catalogue marks
    linter-only, a finding the source's shapes explain);
  * the programs of classes, helpers, loops and destructuring, whose callers disagree or whose
    values the source does not prove: every finding of the linter is one the pack confirms on
    what the program really sends (the linter may know less, never something else); APIGW047,
    which the linter reports when callers disagree on the API, counts as confirmed when the
    pack, which resolves the API, reports the integration.

The packages are installed once per package-lock.json (`npm ci`, about 15 s on a fresh cache)
into the user's cache (APIGW_LINT_NODE_DIR to choose the folder), never into the repository. The
test is skipped, saying why, without node and npm or when the install fails (no network).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

import pytest
from test_parity import BOTH_RULES, EXECUTABLE, _catalogued

from apigw_lint.linter.typescript.frontend import TypeScript
from apigw_lint.linter.typescript.parse import parse
from apigw_lint.rules import LINTER, Integration, run
from harness.pack import PackClient, Resource
from harness.program import Record

MOCKS = Path(__file__).parent / "mocks"
PROGRAMS = Path(__file__).parent / "programs"
TWINS = ("lambda_http", "vpc_link", "websocket_mock")  # the same rule ids in both engines
CONFIRMED = ("classes", "component")  # every linter finding confirmed by the pack
CONFIG = {"component": {"project:timeout": "31000", "project:post": "true"}}  # stack config
INTEGRATION = "aws:apigatewayv2/integration:Integration"
MIXED = "APIGW047"  # reported when the API cannot be resolved, by the protocol's evidence


def _install() -> Path:
    """The folder whose node_modules/ holds mocks/package-lock.json's packages (installed now
    if it does not yet)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run the TypeScript programs under Pulumi's mocks")
    lock = (MOCKS / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    base = Path(os.environ.get("APIGW_LINT_NODE_DIR") or cache / "apigw-lint-tests")
    folder = base / f"node-{hashlib.sha256(lock).hexdigest()[:16]}"
    if not (folder / "node_modules" / ".package-lock.json").is_file():  # npm's, once complete
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(MOCKS / name, folder / name)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                              cwd=folder, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"npm ci of tests/typescript/mocks failed (no network?): "
                        f"{done.stderr.strip()[-400:]}")
    return folder


def _record(program: Path, installed: Path) -> tuple[list[Record], dict[str, tuple[str, int]]]:
    """What the program registers, and where each resource's `new` is (file relative to the
    program, 1-based line)."""
    (installed / "build").mkdir(exist_ok=True)
    build = tempfile.mkdtemp(dir=installed / "build")  # where the packages resolve
    try:
        done = subprocess.run(["node", "--enable-source-maps", str(MOCKS / "run.js"),
                               str(program), build, json.dumps(CONFIG.get(program.name, {}))],
                              capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    if done.returncode != 0:
        raise AssertionError(f"{program.name} failed under the mocks:\n{done.stderr}")
    records, sites = [], {}
    for r in json.loads(done.stdout):
        records.append(Record(r["type"], r["name"], r["urn"], r["inputs"], r["dependencies"],
                              r["propertyDependencies"], r["parent"]))
        if r["type"] == INTEGRATION and r["site"]:
            uri, line = r["site"]
            sites[r["name"]] = (os.path.relpath(uri.removeprefix("file://"), build), line)
    return records, sites


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    installed = _install()
    root = tmp_path_factory.mktemp("mocks")
    names = (*TWINS, *CONFIRMED)
    for name in names:
        shutil.copytree(PROGRAMS / name, root / name)
    lint = subprocess.Popen([str(EXECUTABLE), "--format", "json", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with ThreadPoolExecutor(2) as pool:
        recorded = dict(zip(names, pool.map(lambda n: _record(root / n, installed), names)))
    stdout, stderr = lint.communicate(timeout=300)
    assert lint.returncode in (0, 1) and "Traceback" not in stderr, stderr
    findings = json.loads(stdout)
    out = {}
    for name in names:
        records, sites = recorded[name]
        mine = [f for f in findings if Path(f["path"]).resolve().is_relative_to(root / name)]
        out[name] = {"records": records, "linter": _by_integration(root / name, mine, sites),
                     "folder": root / name}
    return out


def _by_integration(folder: Path, findings: list[dict[str, Any]],
                    sites: dict[str, tuple[str, int]]) -> dict[str, set[str]]:
    """The linter's rule ids (of both engines) per registered integration: by the finding's
    resource, else (a computed name) every integration made by the `new` the finding is in."""
    out: dict[str, set[str]] = {name: set() for name in sites}
    for f in findings:
        if f["rule"] not in BOTH_RULES:
            continue
        if f["resource"] is not None:
            targets = [f["resource"]]
        else:
            path = Path(f["path"]).resolve()
            start = _call_line(path, f["line"])
            targets = [n for n, site in sites.items()
                       if (folder / site[0]).resolve() == path and site[1] == start]
        assert targets and all(t in out for t in targets), f"a finding on no integration: {f}"
        for t in targets:
            out[t].add(f["rule"])
    return out


def _call_line(path: Path, line: int) -> int | None:
    """The first line of the innermost `new ...Integration(...)` spanning a line (1-based)."""
    data = path.read_bytes()
    best = None
    for node in _news(parse(data, path).root_node):
        callee = node.child_by_field_name("constructor")
        if callee is not None and callee.text.endswith(b"Integration") \
                and node.start_point[0] + 1 <= line <= node.end_point[0] + 1:
            best = node  # nodes come outermost first
    return best.start_point[0] + 1 if best is not None else None


def _news(node: Any) -> Iterator[Any]:
    todo = [node]
    while todo:
        current = todo.pop()
        if current.type == "new_expression":
            yield current
        todo.extend(reversed(current.named_children))


@pytest.fixture(scope="module")
def pack() -> Iterator[PackClient]:
    with PackClient() as client:
        client.configure()
        yield client


def _excused(folder: Path, name: str, rule: str, inputs: dict[str, Any]) -> bool:
    """A linter-only finding with a named reason (tests/test_parity.py): a written provider
    default the catalogue marks linter-only, or one the source's shapes explain."""
    def fires(m: Integration) -> bool:
        return rule in {f.rule for f in run(m, engine=LINTER, select=(rule,))}
    models = [m for m, _ in TypeScript().everything(folder) if m.name == name]
    return _catalogued(rule, inputs) or any(
        m.shapes and fires(m) and not fires(dataclasses.replace(m, shapes={})) for m in models)


@pytest.mark.parametrize("mode", ["raw", "defaulted"])
@pytest.mark.parametrize("program", [*TWINS, *CONFIRMED])
def test_linter_and_pack_agree_on_typescript(outcomes: dict[str, dict[str, Any]],
                                             pack: PackClient, program: str, mode: str) -> None:
    o = outcomes[program]
    resources = [Resource.of(r) for r in o["records"]]
    if mode == "defaulted":
        resources = [r.defaulted() for r in resources]
    found = {name: ids & BOTH_RULES for name, ids in pack.findings(resources).items()}
    linter: dict[str, set[str]] = o["linter"]
    assert set(linter) == set(found) and found, "the integrations registered"
    inputs = {r.name: r.inputs for r in o["records"] if r.type == INTEGRATION}
    problems = []
    for name in sorted(found):
        lint = {r for r in linter[name]
                if r in found[name] or not _excused(o["folder"], name, r, inputs[name])}
        if program in CONFIRMED:
            if found[name]:  # APIGW047 is the protocol-specific rules' finding when the
                lint.discard(MIXED)  # linter cannot resolve the API; the pack can
            if not lint <= found[name]:
                problems.append(f"{name}: linter only {sorted(lint - found[name])}")
        elif lint != found[name]:
            problems.append(f"{name}: linter {sorted(lint)}, pack {sorted(found[name])}")
    assert not problems, f"{program} ({mode}):\n  " + "\n  ".join(problems)
    if program in CONFIRMED:  # the comparison is not empty: the linter does report here
        assert any(linter.values())
