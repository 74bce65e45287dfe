"""The installed CLI run as a process, for the tests of every front end."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXECUTABLE = Path(sys.executable).with_name("apigw-lint")  # the installed console script


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> list[dict[str, Any]]:
        return json.loads(self.stdout)

    def found(self, path_end: str = "") -> list[tuple[str, int]]:
        """(rule, line) of each JSON finding in files whose path ends with path_end."""
        return sorted((f["rule"], f["line"]) for f in self.json if f["path"].endswith(path_end))


def run(*args: str | Path, cwd: Path | None = None) -> Run:
    p = subprocess.run([str(EXECUTABLE), *map(str, args)], cwd=cwd, capture_output=True,
                       text=True, timeout=300)
    return Run(p.returncode, p.stdout, p.stderr)
