"""Which files make a Node.js Pulumi program (no parser needed: the front end's cheap checks)."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_layout

SUFFIXES = (".ts", ".tsx", ".js", ".mjs", ".cjs")
NEVER = frozenset({"node_modules", "bin", "dist"})  # installed packages and build output
RUNTIME = "nodejs"


def is_program_file(name: str) -> bool:
    """A TypeScript / JavaScript source by its name (declarations are not)."""
    return name.endswith(SUFFIXES) and not name.endswith(".d.ts")


def outside_program(path: Path, root: Path) -> bool:
    """Whether a file under a project's folder lies in a package or build folder (or is not
    under it at all)."""
    return sitter_layout.outside_program(path, root, NEVER)
