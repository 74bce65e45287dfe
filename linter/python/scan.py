"""A cheap pass over Python source that bounds what makes libcst's native parser crash or crawl.

libcst recurses on the C stack once per nested bracket and per operator of a chain, and its time
grows faster than the size of such code (measured in libcst 1.9, Python 3.11, see LIMITS below).
This pass reads the text as Python's tokenizer would, as far as strings, comments and brackets go
(every string prefix, triple quotes, escapes, PEP 701 f-strings whose fields hold any code,
including strings with the same quotes and nested f-strings), and counts:
- depth: brackets (and f-string replacement fields) open at once;
- run: tokens in one expression run, from a `,`, `;` or the end of a logical line to the next (a
  bracketed group counts as two tokens of its run), which bounds operator, call and attribute
  chains, unary operators and lambdas in a row;
- work: the sum, over the tokens, of their depth squared and their position in their run, which
  tracks libcst's time on deep or long code (a flat list of 10,000 items is cheap, a 200-deep one
  is not).
It judges nothing else: what it passes may still be a syntax error, which libcst reports.
"""
from __future__ import annotations

import re

# Chosen by measurement (libcst 1.9 on a 1 GiB-stack thread, Python 3.11, 2 cores shared with
# other work, so slow): over 4,723 files of the standard library and site-packages (61.5 MB) the
# deepest nesting is 22, the longest run 508 tokens (and 1,601 in one CPython test of long
# expressions, the only file refused), the most work 725,000 (a 54 kB f-string test). libcst took,
# just inside the limits: 140-deep brackets 0.11 s; 14 statements 60 deep 0.34 s; nested
# f-strings 100 deep twice 0.23 s, 40 deep 45 times 0.88 s; 495-term `+` chains twice 0.18 s;
# 995 unary minus twice 0.46 s; 495 lambdas twice 0.32 s; 495 subscripts `a[0][0]...` twice
# 1.83 s (the worst shape found). Without the limits: 1,000-deep brackets 6.3 s, 1,000 nested
# f-strings 8.9 s, 5,000-deep brackets a segfault on an 8 MB stack.
MAX_DEPTH = 100
MAX_RUN = 1000
MAX_WORK = 1_000_000

_PREFIXES = frozenset(["", "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"])
# What changes the state: a string's start (with its prefix), a comment, a bracket, a separator,
# a line end. The code between two of them is counted with _TOKEN.
_MARK = re.compile(r"""(?P<s>(?:(?<!\w)[A-Za-z]{1,2})?(?:'''|\"\"\"|'|"))|#[^\r\n]*|[()\[\]{}]"""
                   r"""|[,;]|\\\r?\n|\r?\n|\r""")
_FIELD_MARK = re.compile(_MARK.pattern + "|:")  # in a field, `:` starts the format spec
_TOKEN = re.compile(r"\w+|\.\.\.|\*\*=?|//=?|>>=?|<<=?|->|:=|[-+*/%@&|^<>!=]=|[^\w\s]")
_QUOTES = ("'", '"', "'''", '"""')
_STRING_END = {q: re.compile(r"\\.|" + re.escape(q), re.S) for q in _QUOTES}


def _literal_stop(quote: str, raw: bool) -> re.Pattern[str]:
    """What ends a stretch of an f-string's literal part: an escape (a brace after a backslash
    still opens a field; `\\N{...}` is one escape unless raw), a doubled brace, a brace, the
    closing quote, and for one-quote strings the line end."""
    escape = r"\\[^{]" if raw else r"\\N\{[^}\n]*\}|\\[^{]"
    end = re.escape(quote) + ("|\n" if len(quote) == 1 else "")
    return re.compile(escape + r"|\{\{|\}\}|[{}]|" + end, re.S)


# Keyed by (quote, raw); a format spec is read up to its field's `}` or a nested field
_LITERAL_STOP = {(q, raw): _literal_stop(q, raw) for q in _QUOTES for raw in (False, True)}
_SPEC = ("spec", False)
_LITERAL_STOP[_SPEC] = re.compile(r"\{\{|\}\}|[{}]")


class TooComplex(Exception):
    """`line:col: why`, where the limit was passed."""


def check(text: str) -> None:
    """Raise TooComplex at the first place where the source passes a limit."""
    _Scan(text).run()


def unclosed(text: str) -> tuple[int, str] | None:
    """The innermost bracket still open at the end of a source that check() passed, as (offset,
    bracket): where a file that does not parse went wrong, named as Python names it."""
    scan = _Scan(text)
    scan.run()
    return scan.opened[-1] if scan.opened else None


class _Scan:
    def __init__(self, text: str) -> None:
        self.text = text
        # What is open, innermost last, each with the run (length, start) of the level it
        # interrupts:
        # a bracket ("(", "[", "{"), a replacement field ("f"), an f-string's literal part or a
        # format spec (a key of _LITERAL_STOP).
        self.stack: list[tuple[object, int, int]] = []
        self.opened: list[tuple[int, str]] = []  # the brackets open, as (offset, bracket)
        self.depth = 0
        self.run_length = 0
        self.run_start = 0  # where the current run began, where a run or work limit is reported
        self.work = 0

    def run(self) -> None:
        text, pos = self.text, 0
        while pos < len(text):
            top = self.stack[-1][0] if self.stack else None
            if isinstance(top, tuple):
                pos = self._literal(pos, top)
                continue
            m = (_FIELD_MARK if top == "f" else _MARK).search(text, pos)
            end = m.start() if m else len(text)
            if pos < end:
                self._tokens(len(_TOKEN.findall(text, pos, end)), pos)
            if not m:
                return
            pos = self._mark(m)

    def _tokens(self, n: int, at: int) -> None:
        first = self.run_length
        if not first:
            self.run_start = at
        self.run_length += n
        self.work += n * (self.depth * self.depth + first) + n * (n + 1) // 2
        if self.run_length > MAX_RUN:
            self._fail(self.run_start,
                       f"too long to lint (more than {MAX_RUN:,} tokens in one expression)")
        if self.work > MAX_WORK:
            self._fail(self.run_start, "too complex to lint (its nesting and chains would take libcst too "
                           "long)")

    def _mark(self, m: re.Match[str]) -> int:
        text, token, start, end = self.text, m.group(), m.start(), m.end()
        if m.group("s"):
            prefix = token.rstrip("'\"")
            quote, prefix = token[len(prefix):], prefix.lower()
            self._tokens(1, start)
            if prefix not in _PREFIXES:  # a name right before a quote: a syntax error
                return start + len(prefix)
            if "f" in prefix or "t" in prefix:
                self.stack.append(((quote, "r" in prefix), self.run_length, self.run_start))
                return end
            closing = _STRING_END[quote].search(text, end)
            while closing and closing.group() != quote:
                closing = _STRING_END[quote].search(text, closing.end())
            return closing.end() if closing else len(text)  # unterminated: libcst says so
        if token in "([{":
            self._tokens(2, start)  # a group weighs two: trailer chains (a[0][0]...) cost most
            self._open(token, start)
            self.opened.append((start, token))
        elif token in ")]}":
            if self.stack:  # else unbalanced: libcst says so
                self._close()
            if self.opened:
                self.opened.pop()
        elif token == ":":
            self.stack.append((_SPEC, self.run_length, self.run_start))
        elif token in ",;" or (token[0] in "\r\n" and not self.stack):
            self.run_length = 0
        return end

    def _literal(self, pos: int, kind: tuple[str, bool]) -> int:
        """Read an f-string's literal part or a format spec up to its end or a field."""
        stop = _LITERAL_STOP[kind]
        m = stop.search(self.text, pos)
        while m and (m.group() in ("{{", "}}") or m.group()[0] == "\\"):
            m = stop.search(self.text, m.end())
        if m is None or m.group() == "\n":  # unterminated: libcst says so
            self.stack.pop()
            return m.end() if m else len(self.text)
        if m.group() == "{":
            self._open("f", m.start())
        elif m.group() != "}":  # the closing quote
            _, self.run_length, self.run_start = self.stack.pop()
        elif kind is _SPEC:  # the end of a format spec and of its field
            self.stack.pop()
            if self.stack and self.stack[-1][0] == "f":
                self._close()
        return m.end()  # (a lone `}` in a literal part is a syntax error libcst reports)

    def _open(self, kind: str, at: int) -> None:
        self.stack.append((kind, self.run_length, self.run_start))
        self.depth += 1
        self.run_length = 0
        if self.depth > MAX_DEPTH:
            self._fail(at, f"too deeply nested to lint (more than {MAX_DEPTH} nested brackets)")

    def _close(self) -> None:
        kind, self.run_length, self.run_start = self.stack.pop()
        if not isinstance(kind, tuple):
            self.depth -= 1

    def _fail(self, at: int, why: str) -> None:
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        raise TooComplex(f"{line}:{column}: {why}")
