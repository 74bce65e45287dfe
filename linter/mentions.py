"""A project's index of words, for every front end: which files spell a word, and which may
create a Pulumi resource. A file that does not spell a name as a whole identifier can neither
call it nor pass it around, and a file that neither spells `pulumi` nor may import a project file
that does cannot create a resource; only the files left are parsed, each at most once, and only
as far as a question needs them."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator


class Mentions:
    """Mixed into a front end's project, which provides paths(), read(path) (None: unreadable)
    and source(path) (its indexed file with `calls` and `passed`, None: not parsed)."""

    IDENTIFIER = rb"A-Za-z0-9_"  # the characters of an identifier (a front end may add its own)
    PACKAGE = "__init__"  # the file an import of its folder names (TypeScript: index)
    _bytes: frozenset[int]

    def __init__(self) -> None:
        self._searches: dict[tuple[str, bool], _Search] = {}
        self._creating: set[Path] | None = None
        self._texts: list[tuple[Path, bytes | None]] | None = None  # paths(), each with read()

    def paths(self) -> list[Path]:
        raise NotImplementedError

    def read(self, path: Path) -> bytes | None:
        raise NotImplementedError

    def source(self, path: Path) -> Any:
        raise NotImplementedError

    def sources_mentioning(self, word: str, creating: bool = False) -> Iterator[Any]:
        """The project's files that spell `word` as a whole identifier (`Permission`, not
        `PermissionError`), parsed as the caller goes; creating: only those that may create a
        resource (for a search of resources by their class)."""
        return iter(self._search(word, creating))

    def blind(self, word: str, creating: bool = False) -> bool:
        """A project file that could not be read or parsed may spell `word`: what
        sources_mentioning lists is then not the whole answer."""
        return self._search(word, creating).blind()

    def calls_named(self, name: str) -> Iterator[Any]:
        for source in self.sources_mentioning(name):
            yield from source.calls.get(name, ())

    def passed_as_value(self, name: str) -> bool:
        return any(name in s.passed for s in self.sources_mentioning(name))

    def _search(self, word: str, creating: bool) -> "_Search":
        if (word, creating) not in self._searches:
            allowed = self._may_create() if creating else None
            needle = word.encode()  # most files do not hold it: tested before any call
            self._searches[word, creating] = _Search(self, [
                p for p, data in self._read_all() if (allowed is None or p in allowed)
                and (data is None or needle in data and self._spells(data, word))])
        return self._searches[word, creating]

    def _read_all(self) -> list[tuple[Path, bytes | None]]:
        """Every project file with its contents, read once for all searches."""
        if self._texts is None:
            self._texts = [(p, self.read(p)) for p in self.paths()]
        return self._texts

    def _spells(self, data: bytes | None, word: str) -> bool:
        """Whether data spells word as a whole identifier (unreadable data may)."""
        if data is None:
            return True
        needle = word.encode()
        inner = self._identifier()
        at = data.find(needle)
        while at >= 0:  # (a regex's lookbehind would try every offset: ten times slower)
            end = at + len(needle)
            if (at == 0 or data[at - 1] not in inner) and \
                    (end == len(data) or data[end] not in inner):
                return True
            at = data.find(needle, at + 1)
        return False

    @classmethod
    def _identifier(cls) -> frozenset[int]:
        """The bytes IDENTIFIER names."""
        if "_bytes" not in cls.__dict__:
            chars = re.compile(rb"[%s]" % cls.IDENTIFIER)
            cls._bytes = frozenset(b for b in range(256) if chars.match(bytes([b])))
        return cls._bytes

    def _may_create(self) -> set[Path]:
        """The files that may create a resource: those that spell `pulumi` (the SDK's package;
        parameters are followed to their call sites only in such files), then, until none is
        added, those that may import one of them. Python and TypeScript name a project file by
        its path from a folder that holds the importer (its own, an ancestor, the root), so an
        importer spells every part of that path from the folder both share; an ancestor's
        package file needs no name. (Imports resolve only to the files paths() lists.)"""
        if self._creating is None:
            rest = dict(self._read_all())
            new = [p for p, data in rest.items() if data is None or b"pulumi" in data]
            found: set[Path] = set()
            while new:
                found.update(new)
                for p in new:
                    del rest[p]
                added, new = new, []
                plans: dict[tuple[str, ...], dict[str, list[tuple[str, ...]]]] = {}
                for p, data in rest.items():
                    folder = p.parent.parts
                    if folder not in plans:
                        plans[folder] = self._plan(added, folder)
                    if self._imports_any(data, plans[folder]):  # type: ignore[arg-type]
                        new.append(p)
            self._creating = found
        return self._creating

    def _plan(self, modules: list[Path], folder: tuple[str, ...]
              ) -> dict[str, list[tuple[str, ...]]]:
        """The names an import of each module from a file in folder (its parts) spells: its
        path from the folder both share, without suffix or package file; by the first name,
        which most imports share (the top folder of the others)."""
        plan: dict[str, list[tuple[str, ...]]] = {}
        for module in modules:
            home = module.parent.parts
            shared = next((i for i, (a, b) in enumerate(zip(home, folder)) if a != b),
                          min(len(home), len(folder)))
            stem = module.name.partition(".")[0]
            names = (*home[shared:], *(() if stem == self.PACKAGE else (stem,)))
            plan.setdefault(names[0] if names else "", []).append(names[1:])
        return plan

    def _imports_any(self, data: bytes, plan: dict[str, list[tuple[str, ...]]]) -> bool:
        """Whether a file may import one of the modules of plan (_plan)."""
        spelled: dict[str, bool] = {"": True}  # each name looked up once

        def spells(word: str) -> bool:
            if word not in spelled:
                spelled[word] = self._spells(data, word)
            return spelled[word]
        return any(spells(first) and any(all(spells(name) for name in names) for names in rest)
                   for first, rest in plan.items())


class _Search:
    """The files that spell a word, parsed one by one as they are asked for: a question
    answered by the first ones (`is it passed as a value anywhere`) parses no more."""

    def __init__(self, project: Mentions, paths: list[Path]) -> None:
        self.project = project
        self.todo = iter(paths)
        self.found: list[Any] = []
        self._blind = False

    def __iter__(self) -> Iterator[Any]:
        i = 0
        while i < len(self.found) or self._next():
            yield self.found[i]
            i += 1

    def blind(self) -> bool:
        while self._next():
            pass
        return self._blind

    def _next(self) -> bool:
        """Parses the next file; False when none is left."""
        for path in self.todo:
            source = self.project.source(path) if self.project.read(path) is not None else None
            if source is not None:
                self.found.append(source)
                return True
            self._blind = True
        return False
