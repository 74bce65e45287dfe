"""The C# front end (frontend.FrontEnd): the `.cs` files of .NET Pulumi programs (never bin/ or
obj/), parsed with tree-sitter (what every tree-sitter front end shares: sitter_frontend)."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_frontend
from ..discover import project_root
from . import layout


class CSharp(sitter_frontend.FrontEnd):
    name = "csharp"
    package = __package__

    def lists(self, name: str) -> bool:
        return layout.is_program_file(name)

    def owns(self, path: Path) -> bool:
        return layout.is_program_file(path.name)

    def wants(self, path: Path, data: bytes) -> bool:
        return layout.may_hold_integration(data) \
            and not layout.outside_program(path, project_root(path, path.parent))

    def spelling(self, camel: str) -> str:
        """How C# writes an Integration argument or an output attribute given in camelCase."""
        return layout.spelling(camel)
