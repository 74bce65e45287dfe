"""The check loop's view of the Go front end (sitter_reader): one unit of work's Go projects,
read through files.Files so that the cache sees every answer."""
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
    """frontend.Reader: the Go projects of one unit of work, each read at most once."""

    def checker(self, root: Path, read: Callable[[Path], bytes]) -> integrations.Integrations:
        listed = sorted({p for suffix in SUFFIXES for p in self.files.listing(root, suffix)
                         if is_program_file(p.name) and not outside_program(p, root)},
                        key=str)  # comparing Paths costs more than reading a monorepo's list
        return integrations.Integrations(
            Project(root, listed, read, keep=self.files.parsed), self.api_protocols)
