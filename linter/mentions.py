"""Finding a project's files by the words they spell, for every front end: a file that does not
spell a name as a whole identifier can neither call it nor pass it around, so only the files
that do are parsed to answer "where is this called, is it passed as a value"."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator


class Mentions:
    """Mixed into a front end's project, which provides paths(), read(path) (None: unreadable)
    and source(path) (its indexed file with `calls` and `passed`, None: not parsed)."""

    IDENTIFIER = rb"A-Za-z0-9_"  # the characters of an identifier (a front end may add its own)

    def __init__(self) -> None:
        self._mentions: dict[str, tuple[list[Any], bool]] = {}

    def paths(self) -> list[Path]:
        raise NotImplementedError

    def read(self, path: Path) -> bytes | None:
        raise NotImplementedError

    def source(self, path: Path) -> Any:
        raise NotImplementedError

    def sources_mentioning(self, word: str) -> Iterator[Any]:
        """The project's files that spell `word` as a whole identifier (`Permission`, not
        `PermissionError`)."""
        return iter(self._mentioning(word)[0])

    def blind(self, word: str) -> bool:
        """A project file that could not be read or parsed may spell `word`: what
        sources_mentioning lists is then not the whole answer."""
        return self._mentioning(word)[1]

    def calls_named(self, name: str) -> Iterator[Any]:
        for source in self.sources_mentioning(name):
            yield from source.calls.get(name, ())

    def passed_as_value(self, name: str) -> bool:
        return any(name in s.passed for s in self.sources_mentioning(name))

    def _mentioning(self, word: str) -> tuple[list[Any], bool]:
        if word not in self._mentions:
            needle = word.encode()
            whole = re.compile(rb"(?<![%s])%s(?![%s])" % (self.IDENTIFIER, re.escape(needle),
                                                          self.IDENTIFIER))
            found, blind = [], False
            for path in self.paths():
                data = self.read(path)
                if data is None or needle in data and whole.search(data):
                    source = self.source(path) if data is not None else None
                    if source is None:
                        blind = True
                    else:
                        found.append(source)
            self._mentions[word] = (found, blind)
        return self._mentions[word]
