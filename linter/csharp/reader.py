"""The check loop's view of the C# front end (sitter_reader): one unit of work's .NET projects,
read through files.Files so that the cache sees every answer."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .. import sitter_reader
from ..sitter_reader import pairs
from . import integrations, layout
from .layout import SUFFIX, is_program_file, outside_program
from .project import Project

__all__ = ["Reader", "pairs"]


class Reader(sitter_reader.Reader):
    """frontend.Reader: the .NET projects of one unit of work, each read at most once."""

    def checker(self, root: Path, read: Callable[[Path], bytes]) -> integrations.Integrations:
        listed = sorted(p for p in self.files.listing(root, SUFFIX)
                        if is_program_file(p.name) and not outside_program(p, root))
        return integrations.Integrations(
            Project(root, listed, read, keep=self.files.parsed), self.api_protocols)

    def may_hold_integration(self, data: bytes) -> bool:
        return layout.may_hold_integration(data)
