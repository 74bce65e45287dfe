"""Which files make a Go Pulumi program (no parser needed: the front end's cheap checks), and how
Go spells the SDK's names."""
from __future__ import annotations

from pathlib import Path

from .. import sitter_layout

SUFFIXES = (".go",)
NEVER = frozenset({"vendor"})  # vendored modules


def is_program_file(name: str) -> bool:
    """A Go source by its name (tests are not part of the program)."""
    return name.endswith(".go") and not name.endswith("_test.go")


def outside_program(path: Path, root: Path) -> bool:
    """Whether a file under a project's folder lies in vendor/ (or is not under it at all)."""
    return sitter_layout.outside_program(path, root, NEVER)


def spelling(camel: str) -> str:
    """The Go SDK's name of an input or output given in camelCase: its exported field
    (`timeoutMilliseconds` -> `TimeoutMilliseconds`, `apiId` -> `ApiId`: the SDK keeps the
    schema's words, no Go initialisms), except the resource id, the method `ID()`."""
    return "ID" if camel == "id" else camel[:1].upper() + camel[1:]


def camel(go: str) -> str:
    """The camelCase name (the model's, the pack's) of a Go SDK field."""
    return "id" if go == "ID" else go[:1].lower() + go[1:]
