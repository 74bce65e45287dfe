"""Record what a Pulumi Python program registers in preview, as the engine would see it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_RUNNER = Path(__file__).with_name("run_program.py")
_EXPECT = re.compile(r"^#\s*expect:\s*(\S+)((?:\s+APIGW\d{3})*)\s*$")


@dataclass(frozen=True)
class Record:
    """One RegisterResource request: inputs with unknown sentinels and secrets as sent."""

    type: str
    name: str
    urn: str
    inputs: dict[str, Any]
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    parent: str = ""


def record_program(path: str | Path) -> list[Record]:
    """Run the program in a fresh interpreter (clean Pulumi runtime state) and return its records."""
    done = subprocess.run([sys.executable, str(_RUNNER), str(path)], capture_output=True,
                          text=True, cwd=Path(path).parent, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{path} failed:\n{done.stderr}")
    return [Record(r["type"], r["name"], r["urn"], r["inputs"], r["dependencies"],
                   r["propertyDependencies"], r["parent"]) for r in json.loads(done.stdout)]


def expectations(path: str | Path) -> dict[str, set[str]]:
    """The `# expect: NAME APIGW001 ...` header: integration logical name -> expected rule ids."""
    out: dict[str, set[str]] = {}
    for line in Path(path).read_text().splitlines():
        match = _EXPECT.match(line)
        if match:
            out[match.group(1)] = set(match.group(2).split())
    return out
