"""Parsing a Python file with libcst, whatever Python runs apigw-lint, without crashing or
hanging on hostile input.

libcst's native parser knows every grammar up to Python 3.14 whatever Python runs it (PEP 695
generics and `type` aliases, PEP 696 defaults, PEP 701 f-strings, PEP 758 `except A, B:`, PEP 750
t-strings; its `python_version` setting only steers the pure-Python parser it no longer has), so
a file is linted when libcst parses it: no CPython `compile()` first, which would reject syntax
newer than the running Python. But the native parser recurses on the C stack and is superlinear
on deep or long expressions (a 5,000-deep `[[[...]]]` or a 10,000-term `a and a and ...`
overflows an 8 MB stack: a segfault, not an exception; a 1,000-deep `[[[...]]]` takes seconds).
So, in order:
- the source is decoded (its coding cookie, else UTF-8) and NUL bytes are refused, as every
  Python does, each with its position;
- scan.check() bounds nesting, expression length and the work they cost libcst before libcst
  sees them (the limits and their measurements are in scan.py);
- libcst runs on a thread with a large stack (virtual memory, committed only when used), which
  holds the deepest expression the limits let through; its syntax errors keep its position.
The thread, started once per process, costs 4% of the parse; the scan's cost is in scan.py.
"""
from __future__ import annotations

import codecs
import io
import os
import queue
import re
import threading
import tokenize
from typing import Any

import libcst as cst

from .scan import TooComplex, check, unclosed

_STACK_BYTES = 1 << 30
# "parser error: error at 3:0: expected one of ..." (libcst's column counts from 0); its
# tokenizer errors carry no position (libcst issue 1112)
_PARSER_ERROR = re.compile(r"parser error: error at (\d+):(\d+): (.*)", re.S)
_LONGEST_MESSAGE = 80


class Unparsable(Exception):
    """`line:col: what`."""


def parse(data: bytes) -> cst.Module:
    text = _decode(data)
    nul = text.find("\0")
    if nul >= 0:
        raise Unparsable(f"{_position(text, nul)}: syntax error: source code cannot contain "
                         f"null bytes")
    try:
        check(text)
    except TooComplex as e:
        raise Unparsable(str(e)) from None
    out: dict[str, Any] = {}
    done = threading.Event()
    _parser().put((data, out, done))
    done.wait()
    if "module" in out:
        return out["module"]
    if isinstance(out["error"], cst.ParserSyntaxError):
        raise Unparsable(_syntax_error(text, out["error"].message)) from None
    if isinstance(out["error"], cst.CSTValidationError):  # e.g. b"" "" (bytes and str)
        raise Unparsable(f"1:1: syntax error: {out['error']} (libcst gives no position)") \
            from None
    if isinstance(out["error"], (RecursionError, MemoryError)):
        raise Unparsable("1:1: too complex to lint (libcst ran out of memory)") from None
    raise out["error"]


def _decode(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as e:  # an unknown encoding, a cookie that contradicts a BOM
        if not e.msg.startswith("invalid or missing encoding"):
            raise Unparsable(f"1:1: syntax error: {e.msg}") from None
        encoding = "utf-8"  # its first lines are not UTF-8: decoding them says where
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        before = data[:e.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        name = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise Unparsable(f"{line}:{column}: not {name}: byte 0x{data[e.start]:02x} "
                         f"({e.reason})") from None


def _syntax_error(text: str, message: str) -> str:
    m = _PARSER_ERROR.match(message)
    bracket = unclosed(text)
    # a bracket never closed makes libcst fail at the end of the file, listing what it expected:
    # say which bracket, where it opened (as Python does)
    if bracket is not None and (m is None or _offset(text, int(m.group(1)), int(m.group(2)))
                                > bracket[0]):
        return f"{_position(text, bracket[0])}: syntax error: '{bracket[1]}' was never closed"
    if not m:
        return f"1:1: syntax error: {message.removeprefix('tokenizer error: ')} (libcst gives no " \
               f"position)"
    what = m.group(3)
    if len(what) > _LONGEST_MESSAGE:
        what = what[:what.rfind(", ", 0, _LONGEST_MESSAGE)] + ", ..."
    return f"{m.group(1)}:{int(m.group(2)) + 1}: syntax error: {what}"


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and 0-based column."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + column


def _position(text: str, at: int) -> str:
    return f"{text.count(chr(10), 0, at) + 1}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"


# One parsing thread per process, kept: a thread per file would map a fresh 1 GiB stack and fault
# its pages in each time, which doubled the time of a parse.
_requests: queue.SimpleQueue | None = None
_owner: int | None = None  # the process that started the thread (a forked child has none)


def _parser() -> queue.SimpleQueue:
    global _requests, _owner
    if _owner != os.getpid():
        _requests, _owner = queue.SimpleQueue(), os.getpid()
        previous = threading.stack_size(_STACK_BYTES)
        try:
            threading.Thread(target=_serve, args=(_requests,), name="apigw-lint-parse",
                             daemon=True).start()
        finally:
            threading.stack_size(previous)
    return _requests


def _serve(requests: queue.SimpleQueue) -> None:
    while True:
        data, out, done = requests.get()
        try:
            out["module"] = cst.parse_module(data)
        except Exception as e:  # noqa: BLE001 - handed to the caller, the thread serves on
            out["error"] = e
        finally:
            done.set()
