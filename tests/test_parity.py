"""Parity, the product's central promise: on every program of the test corpus, the linter (source)
and the policy pack (the program run in preview under a recording MockMonitor, its registrations
fed to the pack over gRPC) report the same rule ids on each integration, for every rule that runs
in both engines -- under raw inputs and after the provider's Check filled in its defaults.

Two named, derived classes of linter-only findings are excused: a written provider default the
catalogue marks linter-only, and a finding that the source's shapes explain (a resource output's
kind, a literal prefix: values the pack sees as unknown at preview). The pack never reports what
the linter does not.

The corpus:
  * every catalogue example rendered by `render_python` (one program each), except examples whose
    own `engines` leave one engine out and APIGW044's, whose `previous` context has no source form;
  * tests/programs/*.py, the pack's realistic programs;
  * tests/linter/programs/**, the linter's handwritten programs (all of them run as they are).

One linter process lints a temp tree holding every program; the programs are recorded a batch per
subprocess (a few subprocesses in parallel), and one pack process answers for all of them.
"""
from __future__ import annotations

import ast
import dataclasses
import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
from render_python import render_python

from apigw_lint.linter.python.frontend import Python
from apigw_lint.rules import LINTER, PACK, RULES, Integration, aws, run
from harness.batch import record_all
from harness.pack import PackClient, Resource
from harness.program import Record

TESTS = Path(__file__).resolve().parent
EXECUTABLE = Path(sys.executable).with_name("apigw-lint")  # the installed console script
NAME = "example"  # the rendered example's integration
BOTH_RULES = frozenset(r.id for r in RULES.values() if set(r.engines) == {PACK, LINTER})
API_ID = "abcdef1234"  # stack config for programs that read the API id (it is no Api of theirs)

# Stack config a handwritten program requires (`pulumi config set` in its real project).
PROGRAM_CONFIG = {
    "linter/proxy_helpers.py": {"project:backendUrl": "https://backend.example.com"},
    "linter/shapes.py": {"project:host": "backend.internal"},
}
# Handwritten programs left out of the corpus because they do not run as they are (fragments,
# deliberate syntax errors): none today -- every program under tests/linter/programs runs.
NOT_RUNNABLE: frozenset[str] = frozenset()

# Known discrepancies, {(program id, "raw" | "defaulted"): reason}: the case is expected to fail
# (strictly, so that it turns red once an engine is fixed).
KNOWN: dict[tuple[str, str], str] = {}



def _written_defaults(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if aws.PROVIDER_DEFAULTS.get(k, object()) == v}


# Where the catalogue says the engines part: an invalid example only the linter flags because it
# writes a value the provider also defaults (the pack cannot tell written from defaulted; it gets
# those inputs after the provider's Check). rule id -> the written defaults of such examples.
LINTER_ONLY_WRITTEN_DEFAULTS = {
    r.id: [_written_defaults(dict(ex.props)) for ex in r.invalid
           if tuple(ex.engines) == (LINTER,) and _written_defaults(dict(ex.props))]
    for r in RULES.values() if r.id in BOTH_RULES}


def _catalogued(rule: str, inputs: dict[str, Any]) -> bool:
    """A linter-only finding the catalogue explains: the integration writes the same provider
    default(s) as an example of the rule whose `engines` is the linter alone."""
    return any(all(inputs.get(k) == v for k, v in written.items())
               for written in LINTER_ONLY_WRITTEN_DEFAULTS.get(rule, []))


@functools.lru_cache(maxsize=None)
def _linter_models(folder: Path) -> dict[str, list[Integration]]:
    """The linter's model of each integration of the Python project in folder, by name."""
    out: dict[str, list[Integration]] = {}
    for m, _ in Python().everything(folder):
        out.setdefault(m.name, []).append(m)
    return out


def _shape_derived(folder: Path, name: str, rule: str) -> bool:
    """A linter-only finding that the source's shapes explain (RULES.md, "Shapes of values the
    source cannot compute"): the rule fires on the linter's model of the integration, and not on
    the same model without its shapes. At preview the pack sees those outputs as unknown."""
    def fires(m: Integration) -> bool:
        return rule in {f.rule for f in run(m, engine=LINTER, select=(rule,))}
    return any(m.shapes and fires(m) and not fires(dataclasses.replace(m, shapes={}))
               for m in _linter_models(folder).get(name, []))


@dataclass
class Program:
    id: str  # "example/APIGW001-invalid-0", "programs/lambda_http.py", "linter/chat"
    source: Path  # where it lives in the repository (None for a rendered example)
    text: str | None = None  # a rendered example's source
    render_error: str | None = None
    config: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # the program in the temp tree (a file, or a project folder)


def _examples() -> list[Program]:
    out = []
    for r in RULES.values():
        for kind, examples in (("invalid", r.invalid), ("valid", r.valid)):
            for i, ex in enumerate(examples):
                if set(ex.engines) != {PACK, LINTER}:
                    continue  # the catalogue says this example holds in one engine only
                if r.id == "APIGW044" and "previous" in ex.context:
                    continue  # the previous state is a git revision (--base), not source
                program = Program(f"example/{r.id}-{kind}-{i}", Path())
                if ex.protocol is None:  # render_python reads the API id from stack config
                    program.config = {"project:apiId": API_ID}
                try:
                    program.text = render_python(ex, NAME)
                except Exception as exc:  # reported as this program's failure, never skipped
                    program.render_error = f"{type(exc).__name__}: {exc}"
                out.append(program)
    return out


def _files() -> list[Program]:
    out = [Program(f"programs/{p.name}", p) for p in sorted((TESTS / "programs").glob("*.py"))]
    for p in sorted((TESTS / "linter" / "programs").iterdir()):
        if p.name.startswith((".", "_")) or not (p.suffix == ".py" or (p / "__main__.py").exists()):
            continue
        pid = f"linter/{p.name}"
        if pid not in NOT_RUNNABLE:
            out.append(Program(pid, p, config=PROGRAM_CONFIG.get(pid, {})))
    return out


PROGRAMS = _examples() + _files()


# --- the linter's findings, per integration -------------------------------------------------

def _is_integration_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    return (isinstance(f, ast.Name) and f.id == "Integration") or (
        isinstance(f, ast.Attribute) and f.attr == "Integration")


def _spans(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.end_lineno or node.lineno


def _calls_for(file: Path, line: int) -> list[tuple[str, int]]:
    """The Integration call(s) a linter finding without a resource name is about, each as
    (realpath, its first line): the innermost call spanning the finding's line; or, for a finding
    on a value defined outside the call (a module-level dict passed by name), every Integration
    call of the file that names what the assignment spanning that line binds."""
    tree = ast.parse(file.read_text())
    real = os.path.realpath(file)
    calls = [n for n in ast.walk(tree) if _is_integration_call(n)]
    spanning = [n for n in calls if _spans(n)[0] <= line <= _spans(n)[1]]
    if spanning:
        return [(real, max(_spans(n) for n in spanning)[0])]
    bound = {t.id for n in ast.walk(tree)
             if isinstance(n, (ast.Assign, ast.AnnAssign)) and _spans(n)[0] <= line <= _spans(n)[1]
             for target in (n.targets if isinstance(n, ast.Assign) else [n.target])
             for t in ast.walk(target) if isinstance(t, ast.Name)}
    return [(real, n.lineno) for n in calls
            if any(isinstance(x, ast.Name) and x.id in bound for x in ast.walk(n))]


@dataclass
class Outcome:
    program: Program
    records: list[Record] = field(default_factory=list)
    sites: dict[str, tuple[str, int]] = field(default_factory=dict)  # integration -> call
    linter: list[dict[str, Any]] = field(default_factory=list)  # the program's raw findings
    error: str | None = None

    @property
    def integrations(self) -> list[str]:
        return [r.name for r in self.records if Resource.of(r).is_integration]

    def linter_ids(self) -> tuple[dict[str, set[str]], list[str]]:
        """{integration: linter rule ids (rules of both engines)}, and findings that match no
        integration the program registered (each a discrepancy)."""
        names = self.integrations
        out: dict[str, set[str]] = {n: set() for n in names}
        by_call: dict[tuple[str, int], list[str]] = {}
        for name, (file, line) in self.sites.items():
            for call in _calls_for(Path(file), line)[:1]:
                by_call.setdefault(call, []).append(name)
        stray = []
        for f in self.linter:
            if f["rule"] not in BOTH_RULES:
                continue
            if f["resource"] is not None:
                targets = [f["resource"]] if f["resource"] in out else []
            else:  # a computed name: every integration that call site made
                targets = [t for call in _calls_for(Path(f["path"]), f["line"])
                           for t in by_call.get(call, [])]
            if not targets:
                stray.append(f"{f['rule']} at {f['path']}:{f['line']} (resource {f['resource']!r})")
            for t in targets:
                out[t].add(f["rule"])
        return out, stray


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("parity")
    for p in PROGRAMS:
        if p.text is not None:  # a project folder per example, as `pulumi new` makes them
            folder = root / p.id
            folder.mkdir(parents=True)
            (folder / "Pulumi.yaml").write_text(f"name: {folder.name.lower()}\nruntime: python\n")
            (folder / "__main__.py").write_text(p.text)
            p.path = folder / "__main__.py"
    shutil.copytree(TESTS / "programs", root / "programs")
    shutil.copytree(TESTS / "linter" / "programs", root / "linter",
                    ignore=lambda d, names: [n for n in names
                                             if f"linter/{n}" in NOT_RUNNABLE or n == "__pycache__"])
    for p in PROGRAMS:
        if p.text is None and p.render_error is None:
            p.path = root / p.id
    runnable = [p for p in PROGRAMS if p.path is not None]

    lint = subprocess.Popen([str(EXECUTABLE), "--format", "json", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    recorded = record_all([(p.id, str(p.path), p.config) for p in runnable])
    stdout, stderr = lint.communicate(timeout=300)
    assert lint.returncode in (0, 1), stderr
    assert "error" not in stderr.lower(), stderr

    out: dict[str, Outcome] = {}
    for p in PROGRAMS:
        o = out[p.id] = Outcome(p, error=p.render_error and f"cannot render: {p.render_error}")
        if p.path is None:
            continue
        got = recorded[p.id]
        if "error" in got:
            o.error = f"cannot run:\n{got['error']}"
            continue
        o.records = [Record(r["type"], r["name"], r["urn"], r["inputs"], r["dependencies"],
                            r["propertyDependencies"], r["parent"]) for r in got["records"]]
        o.sites = {k: (v[0], v[1]) for k, v in got["sites"].items()}
    roots = sorted(((os.path.realpath(p.path if p.text is None else p.path.parent), p.id)
                    for p in runnable), key=lambda x: -len(x[0]))
    for f in json.loads(stdout):
        real = os.path.realpath(f["path"])
        owner = next((pid for r, pid in roots if real == r or real.startswith(r + os.sep)), None)
        assert owner is not None, f"finding outside every program: {f}"
        out[owner].linter.append(f)
    return out


@pytest.fixture(scope="module")
def pack() -> Iterator[PackClient]:
    with PackClient() as client:
        client.configure()
        yield client


def _cases() -> list[Any]:
    cases = []
    for p in PROGRAMS:
        for mode in ("raw", "defaulted"):
            marks = []
            if (p.id, mode) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(p.id, mode)]))
            cases.append(pytest.param(p.id, mode, id=f"{p.id}-{mode}", marks=marks))
    return cases


@pytest.mark.parametrize("program, mode", _cases())
def test_parity(outcomes: dict[str, Outcome], pack: PackClient, program: str, mode: str) -> None:
    o = outcomes[program]
    assert o.error is None, f"{program}: {o.error}"
    resources = [Resource.of(r) for r in o.records]
    if mode == "defaulted":
        resources = [r.defaulted() for r in resources]
    found = pack.findings(resources)
    pack_ids = {name: ids & BOTH_RULES for name, ids in found.items()}
    linter_ids, stray = o.linter_ids()
    assert o.integrations, f"{program} registers no integration"
    problems = [f"linter finding on no integration of the program: {s}" for s in stray]
    inputs = {r.name: r.inputs for r in o.records if Resource.of(r).is_integration}
    folder = o.program.path if o.program.path.is_dir() else o.program.path.parent
    for name in sorted(set(pack_ids) | set(linter_ids)):
        lint, pk = linter_ids.get(name, set()), pack_ids.get(name, set())
        lint = {r for r in lint if r in pk or not (_catalogued(r, inputs.get(name, {}))
                                                   or _shape_derived(folder, name, r))}
        if lint != pk:
            problems.append(f"integration {name!r}: linter only {sorted(lint - pk)}, "
                            f"pack only {sorted(pk - lint)} (linter {sorted(lint)}, pack {sorted(pk)})")
    assert not problems, f"{program} ({mode}):\n  " + "\n  ".join(problems)
