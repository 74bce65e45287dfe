"""Which findings a run reports: `[tool.apigw-lint]` in the nearest pyproject.toml, validated, with
the command line layered on top.

One configuration per run, as Ruff's `--config` does: the nearest pyproject.toml with a
`[tool.apigw-lint]` table at or above the first path (the current folder when none is given).
Patterns in it (`exclude`, `per-file-ignores`) are relative to its folder, as a .gitignore's are.
"""
from __future__ import annotations

import functools
import json
import os
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import click

from .discover import invalid_pattern, relative

TABLE = "[tool.apigw-lint]"
# The linter's own pseudo-rule (suppress.py): a suppression comment that suppresses nothing.
UNUSED_IGNORE, UNUSED_IGNORE_NAME = "APIGW000", "apigw-unused-ignore"
UNUSED_IGNORE_DOC = f"""\
{UNUSED_IGNORE} {UNUSED_IGNORE_NAME} (warning, linter only; with --report-unused-ignores)

A `# apigw-lint: ignore[...]` comment, or a rule id in one, that suppresses no finding: the
mistake it was written for is gone (or never was), and the comment would silently hide the next
one. Remove it, or the rule id it names. Rules that did not run on the file (select, ignore,
per-file-ignores) are not called unused.
"""
_PREFIX = re.compile(r"APIGW\d{0,3}")


class SettingsError(Exception):
    """A configuration or command-line problem: one line, exit 2."""


def unknown_rule(selector: str) -> str:
    """`unknown rule 'X'`, with the rules it may be a typo of: a digit left out, two swapped or
    one wrong (`APIGW30`: APIGW030 or APIGW003), a name misspelt."""
    import difflib
    import itertools

    from apigw_lint.rules import RULES

    s = selector.strip()
    digits = re.fullmatch(r"APIGW(\d{1,3})", s.upper())
    if digits:
        padded = digits[1].zfill(3)
        near = [padded, *("".join(p) for p in itertools.permutations(padded)),
                *(padded[:i] + d + padded[i + 1:] for i in range(3) for d in "0123456789")]
        close = list(dict.fromkeys(f"APIGW{n}" for n in near if f"APIGW{n}" in RULES))
    else:
        close = difflib.get_close_matches(s.lower(), [r.name for r in RULES.values()], n=2,
                                          cutoff=0.8)
    hint = f"; did you mean {' or '.join(close[:2])}?" if close else ""
    return f"unknown rule {s!r}{hint}"


def rule_ids(selector: str, prefixes: bool = True) -> frozenset[str]:
    """The catalogue rules a selector names: an id (APIGW030), a prefix (APIGW03, APIGW, ALL) or
    a kebab-case name (apigw-timeout-range); empty when it names none."""
    from apigw_lint.rules import RULES

    s = selector.strip()
    if prefixes and s.upper() == "ALL":  # as Ruff's
        return frozenset(RULES)
    named = frozenset(r.id for r in RULES.values() if r.name == s.lower())
    if named or not (_PREFIX.fullmatch(s.upper()) if prefixes else s.upper() in RULES):
        return named
    return frozenset(i for i in RULES if i.startswith(s.upper()))


@dataclass(frozen=True)
class Settings:
    source: Path | None = None  # the file read; None: defaults only
    root: Path = field(default_factory=Path.cwd)  # what the file's patterns are relative to
    rules: frozenset[str] | None = None  # the rules that run; None: all
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id -> reported severity
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # exclusions apply to the paths named on the command line too
    per_file_ignores: Mapping[str, frozenset[str]] = field(default_factory=dict)
    fail_on: str = "info"
    unsuppressible: frozenset[str] = frozenset()
    api_protocols: Mapping[str, str] = field(default_factory=dict)  # API id -> HTTP | WEBSOCKET
    report_unused_ignores: bool = False

    @functools.cached_property
    def _per_file(self) -> list[tuple[Any, frozenset[str]]]:
        import pathspec  # only when there are per-file ignores

        return [(pathspec.GitIgnoreSpec.from_lines([p]), ids)
                for p, ids in self.per_file_ignores.items()]

    def rules_for(self, path: Path) -> frozenset[str] | None:
        """The rules that run on one file (None: all of them)."""
        if not self.per_file_ignores:
            return self.rules
        rel = relative(path, self.root)
        ignored = frozenset().union(*(ids for spec, ids in self._per_file
                                      if spec.match_file(rel))) if rel is not None else None
        if not ignored:
            return self.rules
        from apigw_lint.rules import RULES
        return (self.rules if self.rules is not None else frozenset(RULES)) - ignored

    def reported(self, finding: Any) -> Any:
        """The finding with the severity the configuration gives its rule."""
        severity = self.severity.get(finding.rule)
        return finding if severity is None else replace(finding, severity=severity)

    def fingerprint(self) -> str:
        """Every field, in a stable order (sets sorted): a key for results kept across runs."""
        def plain(value: Any) -> Any:
            if isinstance(value, (set, frozenset)):
                return sorted(value)
            if isinstance(value, Mapping):
                return {str(k): plain(v) for k, v in sorted(value.items())}
            return str(value) if isinstance(value, Path) else value
        return json.dumps({f.name: plain(getattr(self, f.name)) for f in fields(self)},
                          sort_keys=True)

    def excludes(self) -> tuple[tuple[Path, tuple[str, ...]], ...]:
        """The file's exclude patterns with the folder they are relative to."""
        return ((self.root, self.exclude),) if self.exclude else ()

    def describe(self, command_line_excludes: Iterable[str] = ()) -> str:
        """The effective settings, as TOML."""
        from apigw_lint.rules import LINTER, RULES

        origin = f"{self.source} {TABLE}" if self.source else "defaults (no configuration file)"
        running = [r.id for r in RULES.values() if LINTER in r.engines  # file rules: always
                   and (self.rules is None or r.id in self.rules or r.check is None)]
        values: list[tuple[str, Any]] = [
            ("rules", running), ("severity", dict(sorted(self.severity.items()))),
            ("exclude", list(self.exclude)), ("force-exclude", self.force_exclude),
            ("per-file-ignores", {p: sorted(ids) for p, ids in self.per_file_ignores.items()}),
            ("fail-on", self.fail_on), ("unsuppressible", sorted(self.unsuppressible)),
            ("api-protocols", dict(self.api_protocols)),
            ("report-unused-ignores", self.report_unused_ignores),
        ]
        lines = [f"# settings from {origin}"]
        if self.source:
            lines.append(f"# its patterns are relative to {self.root}")
        if command_line_excludes:
            lines.append(f"# --exclude (relative to the current folder): "
                         f"{_toml(list(command_line_excludes))}")
        return "\n".join([*lines, *(f"{k} = {_toml(v)}" for k, v in values)]) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)  # strings and booleans are spelt the same in TOML


# --- the command line
@dataclass(frozen=True)
class Options:
    """The command-line options that shape the settings (and the baseline files)."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    config: Path | None
    isolated: bool
    show_settings: bool
    report_unused_ignores: bool
    baseline: Path | None
    write_baseline: Path | None
    force_exclude: bool | None = None  # --force-exclude / --no-force-exclude; None: the file's


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


_RULES_HELP = "rule ids, prefixes or names, comma-separated (repeatable)"
_CLICK_OPTIONS = (
    click.option("--select", multiple=True, metavar="RULES",
                 help=f"Run only these rules: {_RULES_HELP}; overrides the file's `select`."),
    click.option("--extend-select", multiple=True, metavar="RULES",
                 help="Run these rules too."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules."),
    click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="Read [tool.apigw-lint] from this file instead of the nearest "
                      "pyproject.toml."),
    click.option("--force-exclude/--no-force-exclude", default=None,
                 help="Apply --exclude, the configuration's exclude and .gitignore to the files "
                      "named on the command line too (the pre-commit hook does)."),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    click.option("--show-settings", is_flag=True,
                 help="Print the effective settings and the file they come from, and exit."),
    click.option("--report-unused-ignores", is_flag=True,
                 help=f"Report `# apigw-lint: ignore` comments that suppress nothing "
                      f"({UNUSED_IGNORE})."),
    click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
                 help="Report only findings that are not in this baseline file."),
    click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
                 help="Record today's findings in this baseline file, and exit."),
)


def options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Adds the options above to a click command, handed over as one `options` argument."""
    @functools.wraps(command)
    def wrapper(*args: Any, select: tuple[str, ...], ignore: tuple[str, ...],
                extend_select: tuple[str, ...], config: Path | None, force_exclude: bool | None,
                isolated: bool, show_settings: bool, report_unused_ignores: bool,
                baseline: Path | None, write_baseline: Path | None, **kwargs: Any) -> Any:
        return command(*args, options=Options(
            _split(select) or None, _split(ignore), _split(extend_select), config, isolated,
            show_settings, report_unused_ignores, baseline, write_baseline, force_exclude),
            **kwargs)
    for option in reversed(_CLICK_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


# --- loading
def load(paths: Iterable[Path], opts: Options, fail_on: str | None = None) -> Settings:
    """The settings for a run on paths: the configuration file, then the command line."""
    if opts.config and opts.isolated:
        raise SettingsError("--config and --isolated cannot be used together")
    if opts.baseline and opts.write_baseline:
        raise SettingsError("--baseline and --write-baseline cannot be used together")
    if opts.config:
        table = _table(opts.config, named=True)
        if table is None:
            raise SettingsError(f"{_shown(opts.config)}: no {TABLE} table")
        source: Path | None = opts.config
    else:
        found = None if opts.isolated else find(next(iter(paths), Path(".")))
        source, table = found if found else (None, {})
    values = _validate(table, _shown(source) if source else "")
    rules = _layer(None, values.get("select"), values.get("extend-select", frozenset()),
                   values.get("ignore", frozenset()))
    rules = _layer(rules, *(_cli_rules(f"--{name}", given) for name, given in (
        ("select", opts.select), ("extend-select", opts.extend_select), ("ignore", opts.ignore))))
    return Settings(
        source=source.absolute() if source else None,
        root=Path(os.path.abspath(source.parent)) if source else Path.cwd(), rules=rules,
        severity=values.get("severity", {}), exclude=tuple(values.get("exclude", ())),
        force_exclude=values.get("force-exclude", False) if opts.force_exclude is None
        else opts.force_exclude,
        per_file_ignores=values.get("per-file-ignores", {}),
        fail_on=fail_on or values.get("fail-on", "info"),
        unsuppressible=values.get("unsuppressible", frozenset()),
        api_protocols=values.get("api-protocols", {}),
        report_unused_ignores=opts.report_unused_ignores)


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest pyproject.toml with a [tool.apigw-lint] table at or above start."""
    here = Path(os.path.abspath(start))
    for folder in (here, *here.parents) if here.is_dir() else here.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _table(candidate)
            if table is not None:
                return candidate, table
    return None


def _shown(path: Path) -> str:
    rel = relative(path, Path.cwd())
    return rel if rel is not None else str(path)


def _table(path: Path, named: bool = False) -> dict[str, Any] | None:
    """The file's [tool.apigw-lint] table; named: the user gave this file (--config), so it must
    be TOML even when it has no table."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SettingsError(f"{_shown(path)}: cannot read: {e.strerror}") from None
    if not named and b"apigw-lint" not in data:  # no table of ours: no TOML parser to import
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except ValueError as e:  # TOMLDecodeError, or bytes that are not UTF-8
        raise SettingsError(f"{_shown(path)}: not valid TOML: {e}") from None
    tool = doc.get("tool")
    table = tool.get("apigw-lint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{_shown(path)}: {TABLE} must be a table")
    return table


def _layer(rules: frozenset[str] | None, select: frozenset[str] | None,
           extend: frozenset[str], ignore: frozenset[str]) -> frozenset[str] | None:
    """One layer of rule selection over the previous one, as Ruff layers the command line over
    the file: `select` starts afresh, `extend-select` adds, `ignore` removes."""
    if select is not None:
        rules = select
    if extend or ignore:
        from apigw_lint.rules import RULES
        rules = ((frozenset(RULES) if rules is None else rules) | extend) - ignore
    return rules


def _always_reported(where: str, selector: str, ids: frozenset[str]) -> None:
    """APIGW999 cannot be turned off, as Ruff's syntax errors cannot: naming it alone (by id,
    name or a prefix of it only) where rules are turned off is a mistake to point out."""
    from apigw_lint.rules.files import NOT_CHECKED

    if ids == {NOT_CHECKED}:
        raise SettingsError(f"{where}: {selector!r} names {NOT_CHECKED}: a file that could not "
                            "be checked is always reported, as an error")


def _cli_rules(option: str, given: tuple[str, ...] | None) -> frozenset[str] | None:
    if given is None:
        return None
    out: set[str] = set()
    for s in given:
        ids = rule_ids(s)
        if not ids:
            raise SettingsError(f"{option}: {unknown_rule(s)} (`apigw-lint rules` lists them)")
        if option == "--ignore":
            _always_reported(option, s, ids)
        out |= ids
    return frozenset(out)


_KEYS = ("select", "extend-select", "ignore", "severity", "exclude", "force-exclude",
         "per-file-ignores", "fail-on", "unsuppressible", "api-protocols")


def _validate(table: Mapping[str, Any], shown: str) -> dict[str, Any]:
    """The table's values, checked and resolved to rule ids."""
    if not table:
        return {}  # no configuration: the catalogue need not be loaded
    from apigw_lint.rules import SEVERITIES, aws

    def fail(key: str, problem: str) -> SettingsError:
        return SettingsError(f"{shown}: {TABLE} {key}: {problem}")

    def strings(key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "expected a list of strings")
        return value

    def table_of(key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(key, "expected a table")
        return value

    def selected(key: str, value: Any) -> frozenset[str]:
        out: set[str] = set()
        for s in strings(key, value):
            ids = rule_ids(s)
            if not ids:
                raise fail(key, unknown_rule(s))
            if key == "ignore" or key.startswith("per-file-ignores"):
                _always_reported(f"{shown}: {TABLE} {key}", s, ids)
            out |= ids
        return frozenset(out)

    def one_of(key: str, value: Any, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise fail(key, f"expected one of {', '.join(allowed)}, not {_toml(value)}")
        return value

    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(_KEYS)})"
            raise SettingsError(f"{shown}: {TABLE} unknown key {key!r}{hint}")
        if key in ("select", "extend-select", "ignore", "unsuppressible"):
            out[key] = selected(key, value)
        elif key == "exclude":
            out[key] = strings(key, value)
            bad = invalid_pattern(out[key])
            if bad is not None:
                raise fail(key, f"not a gitignore pattern: {bad!r}")
        elif key == "force-exclude":
            if not isinstance(value, bool):
                raise fail(key, f"expected true or false, not {_toml(value)}")
            out[key] = value
        elif key == "fail-on":
            out[key] = one_of(key, value, SEVERITIES)
        elif key == "severity":
            severity = {}
            for rule, level in table_of(key, value).items():
                ids = rule_ids(rule, prefixes=False) or \
                    ({UNUSED_IGNORE} if rule in (UNUSED_IGNORE, UNUSED_IGNORE_NAME) else set())
                if not ids:
                    raise fail(f"{key}.{rule}", unknown_rule(rule))
                _always_reported(f"{shown}: {TABLE} {key}.{rule}", rule, ids)
                severity.update(dict.fromkeys(ids, one_of(f"{key}.{rule}", level, SEVERITIES)))
            out[key] = severity
        elif key == "per-file-ignores":
            out[key] = {pattern: selected(f"{key}.{_toml(pattern)}", ids)
                        for pattern, ids in table_of(key, value).items()}
            bad = invalid_pattern(out[key])
            if bad is not None:
                raise fail(key, f"not a gitignore pattern: {bad!r}")
        else:  # api-protocols
            out[key] = {api: one_of(f"{key}.{_toml(api)}", p, aws.PROTOCOLS)
                        for api, p in table_of(key, value).items()}
    return out
