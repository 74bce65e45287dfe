"""The front ends, in the order their units of work run and their files are claimed: a file
named on the command line that no front end owns by its name is read as the first's (Python)."""
from __future__ import annotations

from pathlib import Path

from .csharp.frontend import CSharp
from .frontend import FrontEnd
from .go.frontend import Go
from .java.frontend import Java
from .python.frontend import Python
from .typescript.frontend import TypeScript
from .yaml.frontend import Yaml

FRONT_ENDS: tuple[FrontEnd, ...] = (Python(), Yaml(), TypeScript(), Go(), Java(), CSharp())
BY_NAME = {f.name: f for f in FRONT_ENDS}


def lists(name: str) -> bool:
    """Whether the walk lists a file of this name (discover.Walker)."""
    return any(f.lists(name) for f in FRONT_ENDS)


def owner(path: Path) -> FrontEnd:
    return next((f for f in FRONT_ENDS if f.owns(path)), FRONT_ENDS[0])
