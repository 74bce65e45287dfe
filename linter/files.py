"""What checking a project asks the file system, answered once per run and, for the result
cache, recorded (cache.Inputs): every front end reads files through this."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from . import discover, warm

if TYPE_CHECKING:
    from .cache import Inputs

T = TypeVar("T")


class NotChecked(Exception):
    """A file a front end cannot check (APIGW999), with the reason (`line:col: ` first when
    there is a position)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path, self.reason = path, reason


class Files:
    """Everything read while checking one unit of work (a project); dropped after, so that
    memory does not grow with the tree."""

    def __init__(self, walker: discover.Walker, on_unparsable: Callable[[Path, str], None],
                 data: dict[Path, bytes | None], inputs: Inputs | None = None) -> None:
        self.walker = walker
        self.on_unparsable = on_unparsable  # (path, reason): a file that cannot be parsed
        self.inputs = inputs  # every answer the file system gives, for the cache
        self._given = data  # file contents already read by the caller's pre-filter
        self._data: dict[Path, bytes | None] = {}
        self._why: dict[Path, str] = {}  # why a file read as None could not be read
        self._warm = warm.current.get()  # the language server's, kept between its checks

    def read(self, path: Path) -> bytes | None:
        if path in self._given:
            content = self._given[path]
        else:
            if path not in self._data:
                try:
                    self._data[path] = self._warm.read(path) if self._warm \
                        else discover.read(path)
                except discover.Unreadable as e:
                    self._data[path], self._why[path] = None, str(e)
            content = self._data[path]
        if self.inputs is not None:
            self.inputs.read(path, content)
        return content

    def parsed(self, path: Path, data: bytes, parse: Callable[[], T]) -> T:
        """parse(), which parses data (path's text); the language server reuses its result
        while the text is the same."""
        return self._warm.parsed(path, data, parse) if self._warm else parse()

    def why(self, path: Path) -> str:
        """Why read(path) gave None."""
        return self._why.get(path, "cannot read")

    def is_file(self, path: Path) -> bool:
        found = path.is_file()
        if self.inputs is not None:
            self.inputs.probe(path, found)
        return found

    def is_dir(self, path: Path) -> bool:
        found = path.is_dir()
        if self.inputs is not None:
            self.inputs.probe(path, found, folder=True)
        return found

    def listing(self, root: Path, suffix: str) -> list[Path]:
        """Every file under root whose name ends with suffix, excluded or not (walker.ending)."""
        found = self.walker.ending(root, suffix)
        if self.inputs is not None:
            self.inputs.listing(root, suffix, found)
        return found

    def reported(self, path: Path) -> bool:
        shown = self.walker.reported(path)
        if self.inputs is not None:
            self.inputs.report(path, shown)
        return shown
