"""What the tests of the tree-sitter front ends (tests/typescript, go, java, csharp) share: a
project written to disk, the exact findings of its integrations, the catalogue's examples as test
cases and their check, and the expectations the Python originals of the twin programs state."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

import pytest

from apigw_lint import rules
from apigw_lint.linter.sitter_found import Found, NotCheckable
from apigw_lint.rules import LINTER, RULES, Example

ORIGINALS = Path(__file__).parent / "programs"


class Lint:
    """A front end's project on disk, linted in process: its Integrations and Project classes,
    and the runtime its Pulumi.yaml names."""

    def __init__(self, integrations: Any, project: Any, runtime: str) -> None:
        self._integrations, self._project = integrations, project
        self.pulumi_yaml = f"name: test\nruntime: {runtime}\n"

    def write(self, folder: Path, files: dict[str, str | bytes]) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "Pulumi.yaml").write_text(self.pulumi_yaml)
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text)
        return folder

    def integrations(self, folder: Path) -> list[Found | NotCheckable]:
        return list(self._integrations(self._project(folder)).everything())

    def findings(self, folder: Path) -> list[tuple[str | None, str, str, int, int]]:
        """(resource, rule, property, line, column) of every finding, sorted; APIGW999 for what
        cannot be checked, at the reason's position."""
        out: list[Any] = []
        for found in self.integrations(folder):
            if isinstance(found, NotCheckable):
                line, column = found.reason.split(":")[:2]
                out.append((None, "APIGW999", found.path.name, int(line), int(column)))
                continue
            for f in rules.run(found.model, engine=rules.LINTER):
                (line, column), _ = found.locate(f.path)
                out.append((found.resource, f.rule, f.property, line, column))
        return sorted(out, key=lambda x: (x[3], x[4], x[1]))


def example_cases() -> list[Any]:
    """(rule id, valid or invalid, example) of every catalogue example the linter runs."""
    cases = []
    for r in RULES.values():
        if LINTER not in r.engines:
            continue
        for kind, examples in (("invalid", r.invalid), ("valid", r.valid)):
            for i, ex in enumerate(examples):
                # `previous` needs --base (a git revision): the check loop's test covers it
                if LINTER in ex.engines and "previous" not in ex.context:
                    cases.append(pytest.param(r.id, kind, ex, id=f"{r.id}-{kind}-{i}"))
    return cases


def check_example(integrations: Iterable[Found | NotCheckable], rule_id: str, kind: str,
                  example: Example) -> None:
    """The example's rendered integration (named `example`) gives exactly the rule ids the
    catalogue's own model gives, which are its rule and its stated overlaps (none if valid)."""
    found = [f for f in integrations if getattr(f, "resource", None) == "example"]
    assert len(found) == 1, found
    got = sorted({f.rule for f in rules.run(found[0].model, engine=LINTER)})
    expected = sorted({f.rule for f in rules.run(example.model(), engine=LINTER)})
    assert got == expected
    stated = {rule_id, *example.also} if kind == "invalid" else set()  # and as the catalogue says
    assert set(got) == {r for r in stated if LINTER in RULES[r].engines}


def check_twin(name: str, found: Iterable[tuple[str | None, str]]) -> None:
    """The (resource, rule) pairs of a twin program's findings are, integration by integration,
    what the `# expect: resource RULE...` lines of its Python original in tests/programs say."""
    expected = {}
    for line in (ORIGINALS / f"{name}.py").read_text().splitlines():
        m = re.match(r"# expect: (\S+)(.*)", line)
        if m:
            expected[m.group(1)] = set(m.group(2).split())
    got: dict[str | None, set[str]] = {resource: set() for resource in expected}
    for resource, rule in found:
        got.setdefault(resource, set()).add(rule)
    assert got == expected


def found(run: Any) -> list[tuple[str, str, int, int, int, int]]:
    """(rule, property, line, column, end line, end column) of a CLI run's JSON findings, after
    checking that it ran to the end."""
    assert run.code in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return [(f["rule"], f["property"], f["line"], f["column"], f["end_line"], f["end_column"])
            for f in run.json]


def tamper(cache: Path) -> int:
    """Marks every finding's message of the results kept in a cache folder `TAMPERED` (a reused
    result shows it, a fresh check does not); how many results there were."""
    kept = list(cache.rglob("*.json"))
    for entry in kept:
        result = json.loads(entry.read_text())
        for report in result["result"]["reports"]:
            report[-1]["message"] = "TAMPERED"
        entry.write_text(json.dumps(result))
    return len(kept)
