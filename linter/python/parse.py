"""Parsing a Python file with libcst without crashing or hanging on hostile input.

libcst's native parser recurses on the C stack and is quadratic on some long expressions: a
5,000-deep `[[[...]]]` or a 10,000-term `a and a and ...` overflows the 8 MB main-thread stack
(a segfault, not an exception), and a 3,000-deep `a[0][0]...` takes seconds. So:
- CPython's own parser runs first, and its verdict stands: what it rejects (a syntax error, over
  200 nested brackets, an expression too deep to compile) is not a program the Python running
  apigw-lint can run either, and is reported with CPython's message and position;
- libcst then runs on a thread with a large stack (virtual memory, committed only when used),
  which holds the deepest expression a file under discover.MAX_BYTES can contain.
Compiling first costs about 7% of libcst's parse; the thread, started once per process, 4%.
"""
from __future__ import annotations

import ast
import codecs
import os
import queue
import threading
from typing import Any

import libcst as cst

_STACK_BYTES = 1 << 30
_PARSE_ERRORS = (cst.ParserSyntaxError, UnicodeDecodeError, LookupError, SyntaxError,
                 RecursionError, MemoryError)


class Unparsable(Exception):
    """`line:col: what`, as Python reports it."""


def parse(data: bytes) -> cst.Module:
    _python_accepts(data)
    out: dict[str, Any] = {}
    done = threading.Event()
    _parser().put((data, out, done))
    done.wait()
    if "module" in out:
        return out["module"]
    if isinstance(out["error"], UnicodeDecodeError):  # CPython let it pass: in a comment
        raise Unparsable(_undecodable(data, out["error"]))
    if isinstance(out["error"], _PARSE_ERRORS):
        raise Unparsable(f"1:1: syntax error: not parsable by libcst "
                         f"({type(out['error']).__name__})")
    raise out["error"]


def _undecodable(data: bytes, e: UnicodeDecodeError) -> str:
    """`line:col: not UTF-8: byte 0xe9 (reason)`, at the first byte that does not decode."""
    line = data.count(b"\n", 0, e.start) + 1
    column = e.start - data.rfind(b"\n", 0, e.start)
    encoding = "UTF-8" if codecs.lookup(e.encoding).name == "utf-8" else e.encoding
    return f"{line}:{column}: not {encoding}: byte 0x{data[e.start]:02x} ({e.reason})"


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


def _python_accepts(data: bytes) -> None:
    try:
        compile(data, "<file>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as e:
        raise Unparsable(f"{e.lineno or 1}:{e.offset or 1}: syntax error: {e.msg}") from None
    except (ValueError, UnicodeDecodeError) as e:  # null bytes, undecodable source
        raise Unparsable(f"1:1: syntax error: {e}") from None
    except (RecursionError, MemoryError):
        raise Unparsable("1:1: too deeply nested to lint (Python cannot compile it either)") \
            from None
