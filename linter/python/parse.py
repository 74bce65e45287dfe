"""Parsing a Python file with libcst without crashing or hanging on hostile input.

libcst's native parser recurses on the C stack and is quadratic on some long expressions: a
5,000-deep `[[[...]]]` or a 10,000-term `a and a and ...` overflows the 8 MB main-thread stack
(a segfault, not an exception), and a 3,000-deep `a[0][0]...` takes seconds. So:
- CPython's own parser runs first, and its verdict stands: what it rejects (a syntax error, over
  200 nested brackets, an expression too deep to compile) is not a program the Python running
  apigw-lint can run either, and is reported with CPython's message and position;
- libcst then runs on a thread with a large stack (virtual memory, committed only when used),
  which holds the deepest expression a file under discover.MAX_BYTES can contain.
"""
from __future__ import annotations

import ast
import threading
from typing import Any

import libcst as cst

_STACK_BYTES = 1 << 30


class Unparsable(Exception):
    """`line:col: what`, as Python reports it."""


def parse(data: bytes) -> cst.Module:
    _python_accepts(data)
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["module"] = cst.parse_module(data)
        except (cst.ParserSyntaxError, UnicodeDecodeError, LookupError, SyntaxError,
                RecursionError, MemoryError) as e:
            out["error"] = e

    previous = threading.stack_size(_STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="apigw-lint-parse")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "module" not in out:
        raise Unparsable(f"1:1: syntax error: not parsable by libcst "
                         f"({type(out['error']).__name__})")
    return out["module"]


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
