"""Which files make a Java Pulumi program (no parser needed: the front end's cheap checks)."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_layout

SUFFIX = ".java"
NEVER = frozenset({"target", "build"})  # Maven's and Gradle's build output


def is_program_file(name: str) -> bool:
    return name.endswith(SUFFIX)


def outside_program(path: Path, root: Path) -> bool:
    """Whether a file under a project's folder lies in a build folder (or is not under it)."""
    return sitter_layout.outside_program(path, root, NEVER)
