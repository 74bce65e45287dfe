"""Real-code regression suite: programs written the way public Pulumi projects are (see
programs/*/), each with the exact findings that are correct for it in `expected.json`.

expected.json:
  integrations   every integration the program registers, by logical name
  findings       each finding: rule, property, path (in the program's folder), line, column and
                 resource (the logical name; null when the name is computed, and then
                 `integrations` lists the ones that call makes); `linter_only` gives the reason
                 when a rule of both engines is reported by the linter alone on this program
  config         stack configuration the program reads (optional)
  requires_python  "3.12": the program is recorded only by a Python that can compile it

The linter runs as one process over all programs and must report exactly the expected findings.
Every Python program is also run in preview under the recording monitor, and the policy pack
must report on each integration exactly the rule ids of its expected findings, less the rules
only the linter runs and the findings marked linter_only -- under raw and defaulted inputs.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from apigw_lint.rules import LINTER, PACK, RULES
from harness.batch import record_all
from harness.pack import PackClient, Resource
from harness.program import Record

PROGRAMS = Path(__file__).with_name("programs")
EXECUTABLE = Path(sys.executable).with_name("apigw-lint")  # the installed console script
BOTH_RULES = frozenset(r.id for r in RULES.values() if set(r.engines) == {PACK, LINTER})
NAMES = sorted(p.name for p in PROGRAMS.iterdir() if (p / "expected.json").exists())
KEYS = ("rule", "property", "path", "line", "column", "resource")


def _expected(program: str) -> dict[str, Any]:
    return json.loads((PROGRAMS / program / "expected.json").read_text())


def _recordable(program: str) -> bool:
    wanted = _expected(program).get("requires_python")
    return (PROGRAMS / program / "__main__.py").exists() and (
        wanted is None or sys.version_info >= tuple(map(int, wanted.split("."))))


def _row(finding: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(finding[k] for k in KEYS)


def pack_expected(expected: dict[str, Any]) -> dict[str, set[str]]:
    """{integration: the rule ids the pack must report on it}, derived from the findings."""
    out: dict[str, set[str]] = {name: set() for name in expected["integrations"]}
    for f in expected["findings"]:
        if f["rule"] not in BOTH_RULES or f.get("linter_only"):
            continue
        for name in [f["resource"]] if f["resource"] is not None else f["integrations"]:
            out[name].add(f["rule"])
    return out


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the programs (recording writes bytecode beside the modules it imports)."""
    root = tmp_path_factory.mktemp("realworld") / "programs"
    shutil.copytree(PROGRAMS, root, ignore=shutil.ignore_patterns("__pycache__", "expected.json"))
    return root


@pytest.fixture(scope="module")
def linted(tree: Path) -> dict[str, list[tuple[Any, ...]]]:
    """{program: sorted rows of the linter's findings}, from one run over every program."""
    done = subprocess.run([str(EXECUTABLE), "--format", "json", "."], cwd=tree,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in NAMES}
    for f in json.loads(done.stdout):
        program, path = Path(f["path"]).parts[0], Path(*Path(f["path"]).parts[1:])
        out[program].append(_row({**f, "path": path.as_posix()}))
    return {name: sorted(rows, key=str) for name, rows in out.items()}


@pytest.fixture(scope="module")
def recorded(tree: Path) -> dict[str, Any]:
    return record_all([(name, str(tree / name), _expected(name).get("config", {}))
                       for name in NAMES if _recordable(name)])


@pytest.fixture(scope="module")
def pack() -> Iterator[PackClient]:
    with PackClient() as client:
        client.configure()
        yield client


@pytest.mark.parametrize("program", NAMES)
def test_linter_findings(linted: dict[str, list[tuple[Any, ...]]], program: str) -> None:
    expected = sorted((_row(f) for f in _expected(program)["findings"]), key=str)
    assert linted[program] == expected


@pytest.mark.parametrize("mode", ["raw", "defaulted"])
@pytest.mark.parametrize("program", [n for n in NAMES if _recordable(n)])
def test_pack_findings(recorded: dict[str, Any], pack: PackClient, program: str,
                       mode: str) -> None:
    got = recorded[program]
    assert "error" not in got, got.get("error")
    resources = [Resource.of(Record(r["type"], r["name"], r["urn"], r["inputs"],
                                    r["dependencies"], r["propertyDependencies"], r["parent"]))
                 for r in got["records"]]
    if mode == "defaulted":
        resources = [r.defaulted() for r in resources]
    assert pack.findings(resources) == pack_expected(_expected(program))


@pytest.mark.parametrize("program", NAMES)
def test_expectations_are_well_formed(program: str) -> None:
    """Each finding names integrations the program has, and says why when only the linter can
    report a rule that both engines run."""
    expected = _expected(program)
    names = set(expected["integrations"])
    for f in expected["findings"]:
        assert f["rule"] in RULES and set(KEYS) <= set(f), f
        concerned = [f["resource"]] if f["resource"] is not None else f.get("integrations", [])
        assert concerned and set(concerned) <= names, f
        assert (PROGRAMS / program / f["path"]).is_file(), f
        if "linter_only" in f:
            assert f["rule"] in BOTH_RULES and f["linter_only"].strip(), f
