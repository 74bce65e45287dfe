"""The Java front end (frontend.FrontEnd): the `.java` files of Java Pulumi programs (never under
target/ or build/), parsed with tree-sitter.

tree-sitter, the evaluator and the catalogue are imported inside the methods that need them: a
run whose files hold no integration never loads them (start-up time of a pre-commit run)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from ..discover import may_hold_integration, project_root
from .layout import SUFFIX, is_program_file, outside_program

if TYPE_CHECKING:
    from ..files import Files
    from ..findings import Pair
    from ..sitter_codemod import Fix
    from .reader import Reader


class Java:
    name = "java"
    comment = "//"

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

    def load(self) -> None:
        from . import reader  # noqa: F401 - deferred: tree-sitter (start-up time)

    def reader(self, files: Files, api_protocols: Mapping[str, str]) -> Reader:
        from .reader import Reader  # deferred: tree-sitter (start-up time)

        return Reader(files, api_protocols)

    def comments(self, text: bytes) -> Iterator[tuple[int, int, str, bool]]:
        from .parse import Unparsable, comments, parse  # deferred: tree-sitter

        try:
            tree = parse(text)
        except Unparsable:
            return  # the file has been reported
        yield from comments(text, tree)

    def everything(self, folder: Path) -> Iterable[Pair]:
        from .integrations import Integrations  # deferred: tree-sitter (start-up time)
        from .project import Project
        from .reader import pairs

        return pairs(Integrations(Project(folder)))

    def fixed(self, fixes: Sequence[Fix]) -> tuple[bytes, str, bytes, int]:
        from .. import sitter_codemod as codemod  # deferred: tree-sitter (start-up time)

        data = fixes[0].data
        new, done = codemod.apply(data, fixes)
        return data, "utf-8", new, done  # parse.parse reads nothing but UTF-8

    def parse_error(self, data: bytes, path: Path) -> str | None:
        from .. import sitter_codemod as codemod  # deferred: tree-sitter (start-up time)
        from .parse import parse

        return codemod.parse_error(parse, data)

    def compile_error(self, data: bytes) -> str | None:
        # No Java compiler is needed or used to lint: tree-sitter's parse (parse_error) is all
        # that vouches for a fix.
        return None
