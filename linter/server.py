"""`apigw-lint server`: a Language Server Protocol server on stdin and stdout (pygls).

An open buffer is checked through the one lint loop (lint.lint with the buffer's text as
`contents`), so every front end is served and the rest of the project is read from disk: on
open, on save, and after each change once typing pauses. What a project's check read and parsed
from disk is kept for its next one (warm.py), so a keystroke re-parses the buffer, not the
project. The nearest `[tool.apigw-lint]` is read at each check, so a change to pyproject.toml
applies at the next one; a file saved in the editor or seen changed by the client's file
watcher is read again and rechecks every open buffer.
"""
from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange, TextDocument

from apigw_lint.rules import RULES, docs

from . import settings
from .discover import PROJECT_FILES, project_root
from .findings import Report, Run, message
from .fix import broken
from .frontends import FRONT_ENDS, lists, owner
from .lint import lint
from .warm import Warm

DEBOUNCE = 0.3  # seconds without a change before a buffer is checked
_SEVERITY = {"error": types.DiagnosticSeverity.Error,
             "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_NO_OPTIONS = settings.Options(select=None, ignore=(), extend_select=(), config=None,
                               isolated=False, show_settings=False, report_unused_ignores=False,
                               baseline=None, write_baseline=None)


@dataclass(frozen=True)
class Checked:
    """A buffer's last check: its findings with the diagnostics shown for them."""

    text: str
    found: list[tuple[Report, types.Diagnostic]]
    unsuppressible: frozenset[str]


class ApigwServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("apigw-lint", metadata.version("apigw-lint"))
        self.checked: dict[str, Checked] = {}  # uri -> its last check
        self.pending: dict[str, asyncio.Task[None]] = {}  # uri -> its debounced check
        self.warm: dict[Path, Warm] = {}  # project folder -> what its checks read and parsed
        # one check at a time, off the event loop: the linter keeps no state shared by threads
        self.executor = ThreadPoolExecutor(max_workers=1)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check a buffer after delay, replacing a check of it not started yet."""
        if _path(uri) is None:
            return
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    async def _check(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        path = _path(uri)
        assert path is not None  # schedule() checks only such buffers
        warm = self.warm.setdefault(project_root(path, path.parent), Warm())
        try:
            found = await asyncio.get_running_loop().run_in_executor(
                self.executor, _findings, path, text, warm)
        except settings.SettingsError as e:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error,
                                                             f"apigw-lint: {e}"))
            found = (frozenset(), [])
        unsuppressible, reports = found
        diagnostics = [(r, _diagnostic(doc, r)) for r in reports]
        self.checked[uri] = Checked(text, diagnostics, unsuppressible)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[d for _, d in diagnostics]))

    def changed_on_disk(self, uris: list[str]) -> None:
        """Files the editor saved or its watcher saw change: read again, and every open buffer
        checked again when one may change its findings."""
        paths = [Path(p) for p in map(to_fs_path, uris) if p]
        for warm in self.warm.values():
            for path in paths:
                warm.forget(path)
        if any(p.name == "pyproject.toml" or p.name in PROJECT_FILES or lists(p.name)
               for p in paths):
            for uri in list(self.checked):
                self.schedule(uri)

    def closed(self) -> None:
        """A project none of whose buffers is open any more keeps nothing."""
        open_roots = {project_root(p, p.parent) for p in map(_path, self.checked) if p}
        self.warm = {root: w for root, w in self.warm.items() if root in open_roots}


def _path(uri: str) -> Path | None:
    """A file of a language some front end reads, or None (another scheme, another language)."""
    fs = to_fs_path(uri) if uri.startswith("file:") else None
    if fs is None:
        return None
    path = Path(fs)
    return path if any(f.owns(path) for f in FRONT_ENDS) else None


def _findings(path: Path, text: str, warm: Warm) -> tuple[frozenset[str], list[Report]]:
    """The buffer's findings, with their fixes (the settings' unsuppressible rules too); the
    rest of the project is read and parsed through warm."""
    conf = settings.load((path,), _NO_OPTIONS)
    with warm.using():
        result = lint([path], (), Run(conf, fixing=True), contents={path: text.encode("utf-8")},
                      jobs=1, cache=False)
    mine = [r for r in result.reports if Path(os.path.abspath(r.path)) == path]
    return conf.unsuppressible, mine


def _range(doc: TextDocument, r: Report) -> types.Range:
    """Report positions are 1-based code points; the client counts in its own units."""
    return doc.range_to_client_units(ServerTextRange(
        ServerTextPosition(r.line - 1, r.column - 1),
        ServerTextPosition(r.end_line - 1, r.end_column - 1)))


def _diagnostic(doc: TextDocument, r: Report) -> types.Diagnostic:
    f = r.finding
    rule = RULES.get(f.rule)
    return types.Diagnostic(
        range=_range(doc, r), message=message(r), severity=_SEVERITY[f.severity],
        code=f.rule, source="apigw-lint",
        code_description=types.CodeDescription(href=rule.sources[0]) if rule else None)


def _page(rule_id: str) -> str:
    rule = RULES.get(rule_id)
    return f"### {rule.id}\n\n{docs.rule_markdown(rule)}" if rule else settings.UNUSED_IGNORE_DOC


def _edit(doc: TextDocument, old: str, new: str) -> types.TextEdit:
    """The one edit that turns old (the buffer) into new: what lies between what they share at
    each end."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return types.TextEdit(types.Range(doc.client_position_at_offset(start),
                                      doc.client_position_at_offset(len(old) - end)),
                          new[start:len(new) - end])


def _fix_action(doc: TextDocument, r: Report, d: types.Diagnostic) -> types.CodeAction | None:
    path = Path(to_fs_path(doc.uri) or "")
    frontend = owner(path)
    old, encoding, new, done = frontend.fixed([r.fix])
    if not done or broken(frontend, old, new, path) or old.decode(encoding) != doc.source:
        return None
    return types.CodeAction(
        title=f"Fix {r.finding.rule}: {r.finding.fix}", kind=types.CodeActionKind.QuickFix,
        diagnostics=[d], is_preferred=True, edit=types.WorkspaceEdit(
            changes={doc.uri: [_edit(doc, doc.source, new.decode(encoding))]}))


def _ignore_action(doc: TextDocument, r: Report, d: types.Diagnostic) -> types.CodeAction | None:
    """`# apigw-lint: ignore[RULE]` at the end of the finding's line, when that makes a comment
    there that the front end reads (not inside a string), and the line has no directive yet."""
    path = Path(to_fs_path(doc.uri) or "")
    frontend = owner(path)
    lines = doc.lines
    line = lines[r.line - 1] if r.line <= len(lines) else ""
    if "apigw-lint" in line:
        return None
    body = line.rstrip("\r\n")
    directive = f"{frontend.comment} apigw-lint: ignore[{r.finding.rule}]"
    new = "".join(lines[:r.line - 1]) + f"{body}  {directive}{line[len(body):]}" + \
        "".join(lines[r.line:])
    data = new.encode("utf-8")
    if frontend.parse_error(data, path) or not any(
            n == r.line and directive in comment for n, _, comment, _ in frontend.comments(data)):
        return None
    end = doc.position_to_client_units(ServerTextPosition(r.line - 1, len(body)))
    return types.CodeAction(
        title=f"Ignore {r.finding.rule} on this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[d], edit=types.WorkspaceEdit(
            changes={doc.uri: [types.TextEdit(types.Range(end, end), f"  {directive}")]}))


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def build() -> ApigwServer:
    server = ApigwServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ApigwServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ApigwServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ApigwServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.changed_on_disk([params.text_document.uri])
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ApigwServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if ls.checked.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.closed()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: ApigwServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.changed_on_disk([c.uri for c in params.changes])

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ApigwServer, params: types.InitializedParams) -> None:
        """Ask the client to watch the project's files, when it can be asked."""
        watch = ls.client_capabilities.workspace
        if watch and watch.did_change_watched_files and \
                watch.did_change_watched_files.dynamic_registration:
            await ls.client_register_capability_async(types.RegistrationParams([
                types.Registration("apigw-lint-files",
                                   types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   types.DidChangeWatchedFilesRegistrationOptions(
                                       [types.FileSystemWatcher("**/*")]))]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ApigwServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.checked.get(params.text_document.uri)
        at = types.Range(params.position, params.position)
        pages = list(dict.fromkeys(
            str(d.code) for _, d in (checked.found if checked else []) if _overlaps(d.range, at)))
        if not pages:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown,
                                               "\n\n---\n\n".join(map(_page, pages))))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: ApigwServer, params: types.CodeActionParams
                    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = ls.checked.get(uri)
        doc = ls.workspace.get_text_document(uri)
        if checked is None or checked.text != doc.source:  # findings of another text
            return None
        actions: list[Any] = []
        for r, d in checked.found:
            if not _overlaps(d.range, params.range) or r.unchecked:
                continue
            if r.fix is not None:
                actions.append(_fix_action(doc, r, d))
            if r.finding.rule not in checked.unsuppressible:
                actions.append(_ignore_action(doc, r, d))
        return [a for a in actions if a is not None]

    return server


def serve() -> None:
    build().start_io()

