"""`apigw-lint check --fix` and `--diff`: apply the findings' safe edits (Python files only) in
passes until none is left, keep only results that still parse and compile, then write each
changed file atomically or print its unified diff."""
from __future__ import annotations

import contextlib
import difflib
import io
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lint import Result, display, lint

# A fix can make another finding fixable (a renamed integration_type shows that a Lambda
# integration's method is wrong); a bound keeps a bug from looping.
_PASSES = 10


@dataclass
class Outcome:
    result: Result  # the findings that remain (with --diff: that would remain)
    fixed: int = 0  # findings fixed (with --diff: that would be)
    diffs: list[str] = field(default_factory=list)


def fix(paths: list[Path], excludes: tuple[str, ...], write: bool) -> Outcome:
    original: dict[Path, tuple[bytes, str]] = {}  # path -> (text, encoding) as first parsed
    contents: dict[Path, bytes] = {}  # path -> fixed text
    counts: dict[Path, int] = {}
    notes: list[str] = []
    left_alone: set[Path] = set()
    result = Result()
    for _ in range(_PASSES):
        result = lint(paths, excludes, contents)
        todo: dict[Path, list[Any]] = {}
        for r in result.reports:
            if r.fix is not None and r.fix.path not in left_alone:
                todo.setdefault(r.fix.path, []).append(r.fix)
        if not todo:
            break
        from .python import codemod
        for path, fixes in todo.items():
            module = fixes[0].module
            if path not in original:
                original[path] = (module.bytes, module.encoding)
                problem = codemod.parse_error(original[path][0])
                if problem:  # libcst reads it, Python would not: never touch it
                    notes.append(f"{display(path)}: not fixed: it does not compile ({problem})")
                    left_alone.add(path)
                    continue
            new, done = codemod.apply(module, fixes)
            problem = codemod.parse_error(new.bytes)
            if problem:
                notes.append(f"{display(path)}: not fixed: the fixed code would not compile "
                             f"({problem})")
                left_alone.add(path)
                continue
            contents[path] = new.bytes
            counts[path] = counts.get(path, 0) + done
    changed = [p for p in contents if contents[p] != original[p][0]]
    outcome = Outcome(result, sum(counts[p] for p in changed))
    if not write:
        outcome.diffs = [_diff(p, *original[p], contents[p]) for p in changed]
    else:
        for path in changed:
            problem = _write(path, contents[path], original[path][0])
            if problem:
                notes.append(f"{display(path)}: not fixed: {problem}")
                outcome.fixed -= counts[path]
        if changed:
            outcome.result = lint(paths, excludes)  # what is on disk now
    outcome.result.diagnostics.extend(notes)
    return outcome


def _diff(path: Path, old: bytes, encoding: str, new: bytes) -> str:
    name = display(path)
    # lines as Python ends them (\n, \r\n, \r), endings kept
    old_lines = io.StringIO(old.decode(encoding), newline="").readlines()
    new_lines = io.StringIO(new.decode(encoding), newline="").readlines()
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}"))


def _write(path: Path, data: bytes, expected: bytes) -> str | None:
    """Replace the file's text all at once: a temporary file in the same folder, with the file's
    mode, renamed over it (through a symlink, the file it points to). None, or why not."""
    real = path.resolve()
    try:
        st = real.stat()
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            return "the file is read-only"
        if real.read_bytes() != expected:
            return "the file changed while it was being fixed"
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            os.replace(tmp, real)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        return f"cannot write it: {e.strerror or e}"
    return None
