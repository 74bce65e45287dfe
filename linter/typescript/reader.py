"""The check loop's view of the TypeScript front end (sitter_reader): one unit of work's Node.js
projects, read through files.Files so that the cache sees every answer."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .. import sitter_reader
from ..sitter_reader import pairs
from . import integrations
from .layout import SUFFIXES, is_program_file, outside_program
from .project import Project

__all__ = ["Reader", "pairs"]


class Reader(sitter_reader.Reader):
    """frontend.Reader: the Node.js projects of one unit of work, each read at most once."""

    def checker(self, root: Path, read: Callable[[Path], bytes]) -> integrations.Integrations:
        files = self.files
        listed = sorted({p for suffix in SUFFIXES for p in files.listing(root, suffix)
                         if is_program_file(p.name) and not outside_program(p, root)})
        return integrations.Integrations(
            Project(root, listed, read, files.is_file, keep=files.parsed), self.api_protocols)
