"""What one project's checks read and parsed from disk, kept for its next check (the language
server checks a buffer again at every pause in typing; a command-line run keeps nothing).

Never stale: a file is read again when its stat (inode, size, modification and change times)
differs, when it was modified too recently for its times to tell a later write apart, or when
the editor says it changed (forget); a parse is reused only for the same bytes. What a check
did not use is dropped after it, so memory follows the project, not its history."""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from . import discover

T = TypeVar("T")
# a file modified this recently (ns) may be written again with the same stat: not kept (the
# file system's timestamps tick coarser than their nanoseconds, by a jiffy or more)
_RACY_NS = 2_000_000_000

# the store of the check running in this thread, if any (Files reads and parses through it)
current: ContextVar[Warm | None] = ContextVar("warm", default=None)


class Warm:
    def __init__(self) -> None:
        self._read: dict[Path, tuple[tuple[int, int, int, int], bytes]] = {}
        self._parsed: dict[Path, tuple[bytes, Any]] = {}
        self._used: set[Path] = set()
        self.parses = 0  # parses made (not reused) since the store was made

    @contextmanager
    def using(self) -> Iterator[None]:
        """One check reads and parses through this store; what it did not use is dropped."""
        self._used = set()
        token = current.set(self)
        try:
            yield
        finally:
            current.reset(token)
            self._read = {p: v for p, v in self._read.items() if p in self._used}
            self._parsed = {p: v for p, v in self._parsed.items() if p in self._used}

    def forget(self, path: Path) -> None:
        """The editor says path changed on disk: read it again."""
        self._read.pop(path, None)

    def read(self, path: Path) -> bytes:
        """discover.read(path), from memory when the file's stat is what it was."""
        self._used.add(path)
        try:
            st = os.stat(path)
        except OSError:
            return discover.read(path)  # says why, as a run without a store does
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        kept = self._read.get(path)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        data = discover.read(path)  # stat first: a write after it changes the stamp
        if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > _RACY_NS:
            self._read[path] = (stamp, data)
        else:
            self._read.pop(path, None)
        return data

    def parsed(self, path: Path, data: bytes, parse: Callable[[], T]) -> T:
        """parse() of path's data, reused while its bytes are the same (a failure is not
        kept: it raises again)."""
        self._used.add(path)
        kept = self._parsed.get(path)
        if kept is not None and kept[0] == data:
            return kept[1]
        value = parse()
        self.parses += 1
        self._parsed[path] = (data, value)
        return value
