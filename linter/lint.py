"""One lint run: discover files, keep those a front end can hold an integration in, check them.

The parsers and the rule catalogue are imported only once a file needs parsing."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .discover import PROJECT_FILES, Unreadable, Walker, read, read_identified
from .findings import Result, Run, not_checked
from .frontend import FrontEnd
from .frontends import FRONT_ENDS, lists, owner
from .settings import Settings


_WAITING_BYTES = 4_000_000  # non-candidates' contents held before hashing, at most
# non-candidates' contents kept for the projects' indexes (which read every file of the
# language), at most: a monorepo's files are then read once, and memory stays bounded
_KEPT_BYTES = 16_000_000


def lint(paths: list[Path], excludes: tuple[str, ...] = (), run: Run | None = None, *,
         progress: Callable[[int, int], None] | None = None,
         contents: dict[Path, bytes] | None = None, jobs: int | None = None,
         cache: bool = True) -> Result:
    """run: what checking needs (configuration, --base, --show-skipped, --fix). progress, if
    given, hears (files checked, files to check) as files are checked. contents: files' text to
    use instead of what is on disk (fixes not written yet). jobs: worker processes (None: one
    per CPU, at most one per project). cache: reuse and keep results
    (cache.py)."""
    run = run or Run(Settings())
    # what only this process can do, or the cache cannot key: in this process, not kept
    if contents is not None or run.show_skipped or run.fixing:
        jobs, cache = 1, False
    walker = _walker(excludes, run.settings)
    result = Result(skipped=[] if run.show_skipped else None)
    # each file once, however many links or arguments lead to it: (device, inode) -> (path,
    # root); a text given for a file not on disk (an editor's new buffer): by its path
    targets: dict[object, tuple[Path, Path]] = {}
    folders: list[tuple[Path, list[Path]]] = []  # the folders given, with the files found
    data: dict[Path, bytes | None] = dict(contents or {})
    digests: dict[Path, str] = {}  # the other files' contents, as the cache compares them
    pending: list[tuple[Path, bytes | None]] = []  # not hashed yet
    waiting = kept = 0
    # the files to check, front end by front end: (file, the root it was found under)
    wanted: dict[FrontEnd, list[tuple[Path, Path]]] = {f: [] for f in FRONT_ENDS}
    for given in paths:
        found = walker.targets(given)
        if given.is_dir():
            folders.append((given, found))
        root = given.absolute() if given.is_dir() else given.absolute().parent
        for path in found:
            content = why = None
            if path in data:  # a text given for it (an editor's buffer), on disk or not
                key = _identity(path) or path
            else:
                try:  # the read tells which file it is: no stat for each
                    content, key = read_identified(path)
                except Unreadable as e:
                    key, why = _identity(path), str(e)
                    if key is None:  # not there
                        continue
            if key in targets:
                continue
            targets[key] = (path, root)
            if why is not None:
                result.reports.append(not_checked(path, why))
                continue
            if path not in data:
                data[path] = content
            frontend = owner(path)
            if frontend.wants(path, data[path]):
                wanted[frontend].append((path, root))
                continue
            # the files checked keep their contents, the others up to _KEPT_BYTES in all:
            # memory stays bounded. The cache compares those let go by digest, needed only once
            # a file is to be checked: until then (a pre-commit run on files without
            # integrations) a few MB wait, and hashlib's import (OpenSSL, a fifth of such a
            # run) is never paid.
            size = len(data[path] or b"")
            if kept + size <= _KEPT_BYTES:
                kept += size
                continue
            content = data.pop(path)
            if cache:
                pending.append((path, content))
                waiting += len(content or b"")
                if any(wanted.values()) or waiting > _WAITING_BYTES:
                    _hash(pending, digests)
                    waiting = 0
    result.files = len(targets)
    candidates = [(f, path, root) for f, files in wanted.items() for path, root in files]
    if cache and candidates:
        _hash(pending, digests)
    _warn_without_programs(folders, {path for _, path, _ in candidates}, result)
    if candidates:
        from .parallel import check_projects  # deferred: the parsers, the catalogue (start-up)
        check_projects(candidates, walker, data, result, run, jobs, digests if cache else None,
                       lambda done: progress(done, len(candidates)) if progress else None)
    result.reports.sort(key=lambda r: (r.path, r.line, r.column, r.finding.rule))
    return result


def listing(paths: list[Path], excludes: tuple[str, ...], settings: Settings,
            contents: dict[Path, bytes] | None = None) -> list[tuple[Path, str | None]]:
    """--show-files: the files a run on paths looks at, each with why it is not checked (None:
    it is), and the listed files that exclusions hide."""
    walker = _walker(excludes, settings)
    shown: dict[Path, str | None] = {}
    for given in paths:
        found = walker.targets(given)
        if not found:
            shown[given.absolute()] = "excluded (--force-exclude)" if walker.hidden(given) \
                else "no file to check under it"
        if given.is_dir():
            hidden = set(walker.ending(given.absolute(), "")) - set(found)
            shown.update(dict.fromkeys(hidden, "excluded (--exclude, the configuration's "
                                       "exclude or a .gitignore)"))
        for path in found:
            try:
                data = contents[path] if contents and path in contents else read(path)
            except Unreadable as e:
                shown[path] = str(e)
                continue
            shown[path] = None if owner(path).wants(path, data) else \
                "no integration can be in it"
    return sorted(shown.items())


def _walker(excludes: tuple[str, ...], settings: Settings) -> Walker:
    return Walker(excludes, settings.excludes(), settings.force_exclude, lists)


def _warn_without_programs(folders: list[tuple[Path, list[Path]]], held: set[Path],
                           result: Result) -> None:
    """As Ruff warns of a path without Python files: a folder given with no Pulumi project file
    and no file that may hold an integration under it (a file given by name never is)."""
    for given, found in folders:
        if not any(p.name in PROJECT_FILES or p in held for p in found):
            result.warnings.append(f"apigw-lint: warning: no Pulumi program found under {given}")


def _hash(pending: list[tuple[Path, bytes | None]], digests: dict[Path, str]) -> None:
    from .cache import digest  # deferred: hashlib (start-up time)

    for path, content in pending:
        digests[path] = digest(content or b"")
    pending.clear()


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file at path, None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino
