"""The Pulumi YAML front end (frontend.FrontEnd): programs in Pulumi.yaml / Pulumi.yml with
`runtime: yaml` (resources inline or in the file `main:` names) and Main.yaml, read with
ruamel.yaml.

ruamel.yaml and the catalogue are imported inside the methods that need them: a run whose files
hold no integration never loads them (start-up time of a pre-commit run)."""
from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from ..discover import PROJECT_FILES, may_hold_integration

if TYPE_CHECKING:
    from ..files import Files
    from ..findings import Pair
    from .integrations import Reader

PROGRAM_FILES = (*PROJECT_FILES, "Main.yaml")  # a YAML program's resources live in these
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")  # captured: split() keeps them


class Yaml:
    name = "yaml"
    comment = "#"

    def spelling(self, camel: str) -> str:
        return camel  # the engine's names, as the language writes them

    def lists(self, name: str) -> bool:
        return name in PROGRAM_FILES

    def owns(self, path: Path) -> bool:
        return path.suffix in (".yaml", ".yml")

    def wants(self, path: Path, data: bytes) -> bool:
        # a project file names its runtime (yaml) and may point elsewhere with `main:`
        return b"yaml" in data if path.name in PROJECT_FILES else may_hold_integration(data)

    def load(self) -> None:
        from . import integrations  # noqa: F401 - deferred: ruamel.yaml (start-up time)

    def reader(self, files: Files, api_protocols: Mapping[str, str]) -> Reader:
        from .integrations import Reader  # deferred: ruamel.yaml (start-up time)

        return Reader(files, api_protocols)

    def comments(self, text: bytes) -> Iterator[tuple[int, int, str, bool]]:
        """(line, column, comment, alone) of the comments that mention apigw-lint: `#`s outside
        every scalar the YAML scanner reads."""
        from ruamel.yaml import YAML  # deferred: ruamel.yaml (start-up time)
        from ruamel.yaml.error import YAMLError
        from ruamel.yaml.tokens import ScalarToken

        source = text.decode("utf-8-sig", errors="replace")
        try:
            spans = sorted((t.start_mark.index, t.end_mark.index)
                           for t in YAML(typ="rt", pure=True).scan(source)
                           if isinstance(t, ScalarToken))
        except YAMLError:
            return  # the loader has reported the file
        starts = [s for s, _ in spans]
        parts = _LINE_BREAK.split(source)  # line, break, line, break, ..., line
        offset = 0
        for number, (line, end) in enumerate(zip(parts[::2], [*parts[1::2], ""]), start=1):
            if "apigw-lint" in line:
                for mark in _COMMENT.finditer(line):
                    at = offset + mark.start()
                    i = bisect.bisect_right(starts, at) - 1
                    if i < 0 or not spans[i][0] <= at < spans[i][1]:  # not inside a scalar
                        column = mark.start()
                        yield number, column, line[column:], not line[:column].strip()
                        break
            offset += len(line) + len(end)

    def everything(self, folder: Path) -> Iterable[Pair]:
        from .integrations import Integrations  # deferred: ruamel.yaml (start-up time)
        from .program import Program, YamlError, program_file

        for name in PROGRAM_FILES:
            try:
                program = program_file(folder / name, (folder / name).read_bytes())
                if program is not None:
                    return Integrations(Program(program, program.read_bytes())).everything()
            except (OSError, YamlError):
                continue
        return []

    def fixed(self, fixes: Sequence[object]) -> tuple[bytes, str, bytes, int]:
        raise NotImplementedError("a YAML program has no fixes (Found.fix gives none)")

    def parse_error(self, data: bytes, path: Path) -> str | None:
        """Why this YAML would not load (the editor's ignore-comment action checks its edit)."""
        from .program import YamlError, load  # deferred: ruamel.yaml (start-up time)

        try:
            load(path, data)
        except YamlError as e:
            return f"{e.line}:{e.column}: {e.message}"
        return None

    def compile_error(self, data: bytes) -> str | None:
        return None  # loading is all there is to a YAML program
