"""Realistic Pulumi programs, recorded in preview as the engine would see them, through the pack:
exactly the rule ids their `# expect:` headers list, raw and after the provider's Check."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from harness.pack import PackClient, Resource
from harness.program import Record, expectations, record_program

PROGRAMS = sorted((Path(__file__).parents[1] / "programs").glob("*.py"))


@functools.lru_cache(maxsize=None)
def _records(path: Path) -> tuple[Record, ...]:
    return tuple(record_program(path))


@pytest.mark.parametrize("defaults", [False, True], ids=["raw", "defaulted"])
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program(pack: PackClient, path: Path, defaults: bool) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no # expect: header"
    resources = [Resource.of(r) for r in _records(path)]
    if defaults:
        resources = [r.defaulted() for r in resources]
    assert pack.findings(resources) == expected
