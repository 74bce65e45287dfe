"""The Go front end (frontend.FrontEnd): the `.go` files of Go Pulumi programs (never `_test.go`
or vendor/), parsed with tree-sitter (what every tree-sitter front end shares: sitter_frontend)."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_frontend
from ..discover import may_hold_integration, project_root
from . import layout
from .layout import is_program_file, outside_program


class Go(sitter_frontend.FrontEnd):
    name = "go"
    package = __package__

    def lists(self, name: str) -> bool:
        return is_program_file(name)

    def owns(self, path: Path) -> bool:
        return path.name.endswith(layout.SUFFIXES)  # `_test.go` too: it is not Python

    def wants(self, path: Path, data: bytes) -> bool:
        return is_program_file(path.name) and may_hold_integration(data) \
            and not outside_program(path, project_root(path, path.parent))

    def spelling(self, camel: str) -> str:
        """How Go writes an Integration argument or an output attribute given in camelCase."""
        return layout.spelling(camel)
