"""What the tree-sitter front ends' layouts share (no parser needed: the cheap checks)."""
from __future__ import annotations

from pathlib import Path
from typing import Collection


def outside_program(path: Path, root: Path, never: Collection[str]) -> bool:
    """Whether a file under a project's folder lies in a `never` folder (or is not under it at
    all)."""
    try:
        parts = path.relative_to(root).parts[:-1]
    except ValueError:
        return True
    return any(p in never for p in parts)
