"""The Python front end (frontend.FrontEnd): `.py` files, parsed with libcst.

libcst, the evaluator and the catalogue are imported inside the methods that need them: a run
whose files hold no integration never loads them (start-up time of a pre-commit run)."""
from __future__ import annotations

import io
import tokenize
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from ..discover import may_hold_integration

if TYPE_CHECKING:
    from ..files import Files
    from ..findings import Pair
    from .codemod import Fix
    from .integrations import Reader


class Python:
    name = "python"
    comment = "#"

    def spelling(self, camel: str) -> str:
        from apigw_lint.rules.spelling import snake  # deferred: the catalogue (start-up time)

        return snake(camel)  # `invokeArn` -> `invoke_arn`

    def lists(self, name: str) -> bool:
        return name.endswith(".py")

    def owns(self, path: Path) -> bool:
        return path.suffix == ".py"

    def wants(self, path: Path, data: bytes) -> bool:
        return may_hold_integration(data)

    def load(self) -> None:
        from . import integrations  # noqa: F401 - deferred: libcst (start-up time)

    def reader(self, files: Files, api_protocols: Mapping[str, str]) -> Reader:
        from .integrations import Reader  # deferred: libcst (start-up time)
        from .project import Parsed

        return Reader(Parsed(files), api_protocols)

    def comments(self, text: bytes) -> Iterator[tuple[int, int, str, bool]]:
        """(line, column, comment, alone) of every comment of a Python source."""
        try:
            for tok in tokenize.tokenize(io.BytesIO(text).readline):
                if tok.type == tokenize.COMMENT:
                    line, column = tok.start
                    yield line, column, tok.string, not tok.line[:column].strip()
        except (tokenize.TokenError, SyntaxError):
            return  # the parser has reported the file; its remaining comments cannot be trusted

    def everything(self, folder: Path) -> Iterable[Pair]:
        from ..discover import Walker
        from ..files import Files
        from .evaluate import Evaluator  # deferred: libcst (start-up time)
        from .integrations import Integrations
        from .project import Parsed, Project

        files = Parsed(Files(Walker(lists=self.lists), lambda *_: None, {}))
        return Integrations(Evaluator(Project(folder, files))).everything()

    def fixed(self, fixes: Sequence[Fix]) -> tuple[bytes, str, bytes, int]:
        from . import codemod  # deferred: libcst (start-up time)

        module = fixes[0].module
        new, done = codemod.apply(module, fixes)
        return module.bytes, module.encoding, new.bytes, done

    def parse_error(self, data: bytes, path: Path) -> str | None:
        from . import codemod  # deferred: libcst (start-up time)

        return codemod.parse_error(data)

    def compile_error(self, data: bytes) -> str | None:
        from . import codemod  # deferred: libcst (start-up time)

        return codemod.compile_error(data)
