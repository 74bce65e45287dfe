"""The Java front end (frontend.FrontEnd): the `.java` files of Java Pulumi programs (never under
target/ or build/), parsed with tree-sitter (what every tree-sitter front end shares:
sitter_frontend)."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_frontend
from ..discover import may_hold_integration, project_root
from .layout import SUFFIX, is_program_file, outside_program


class Java(sitter_frontend.FrontEnd):
    name = "java"
    package = __package__

    def lists(self, name: str) -> bool:
        return is_program_file(name)

    def owns(self, path: Path) -> bool:
        return path.name.endswith(SUFFIX)

    def wants(self, path: Path, data: bytes) -> bool:
        return is_program_file(path.name) and may_hold_integration(data) \
            and not outside_program(path, project_root(path, path.parent))

    def spelling(self, camel: str) -> str:
        """Java writes an Integration argument as a builder method and an output as a getter of
        the same camelCase name (`.timeoutMilliseconds(...)`, `fn.invokeArn()`)."""
        return camel
