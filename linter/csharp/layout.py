"""Which files make a .NET Pulumi program (no parser needed: the front end's cheap checks)."""
from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".cs"
NEVER = frozenset({"bin", "obj"})  # build output


def is_program_file(name: str) -> bool:
    return name.endswith(SUFFIX)


def may_hold_integration(data: bytes) -> bool:
    """Every way C# names the class spells `Integration`; its namespace `ApiGatewayV2` (never
    the lower-case `apigatewayv2` discover's test looks for) may be imported by another file's
    `global using`."""
    return b"Integration" in data


def outside_program(path: Path, root: Path) -> bool:
    """Whether a file under a project's folder lies in a build folder (or is not under it). On
    the paths' text: pathlib's relative_to costs more than reading a small file."""
    text, base = str(path), str(root)
    if base != "." and not text.startswith(base.rstrip(os.sep) + os.sep):
        return True
    inside = text if base == "." else text[len(base.rstrip(os.sep)) + 1:]
    return not NEVER.isdisjoint(inside.split(os.sep)[:-1])


def spelling(camel: str) -> str:
    """A camelCase input or output name as the .NET SDK spells its property (PascalCase)."""
    return camel[:1].upper() + camel[1:]


def camel(pascal: str) -> str:
    """A .NET SDK property name as the model spells it (camelCase)."""
    return pascal[:1].lower() + pascal[1:]
