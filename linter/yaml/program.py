"""A Pulumi YAML program read safely: which file holds its resources, the resources with their
properties as plain values, and where each key is written."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError as _RuamelError

from apigw_lint.rules import resources, shapes
from apigw_lint.rules.values import UNKNOWN

from ..discover import PROJECT_FILES
from ..files import NotChecked

# Values visited per file: an alias is visited each time it is used, so an alias bomb hits this.
MAX_VALUES = 200_000
# `${name}` or `${name.property...}` as the whole value: an output of resource `name` (or a
# variable or config value of that name); `$${` escapes a literal `${`.
_WHOLE_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w-]*)(?:\.([A-Za-z_]\w*)(?=\}))?(?:[.\[][^}]*)?\}")
_INTERPOLATION = re.compile(r"(?<!\$)\$\{")


class YamlError(NotChecked):
    def __init__(self, path: Path, line: int, column: int, message: str) -> None:
        super().__init__(path, f"{line}:{column}: YAML error: {message}")
        self.line, self.column, self.message = line, column, message


@dataclass(frozen=True)
class Secret:
    """`fn::secret: value`: the value, which the engine sends marked secret."""

    value: Any


@dataclass(frozen=True)
class Reference:
    """An unknown value that names where it comes from: `${name...}`; `${name.output}` also
    names the output."""

    name: str
    output: str | None = None


@dataclass(frozen=True)
class Resource:
    name: str  # its logical name, the key under `resources:`
    token: str | None
    node: CommentedMap  # the resource's mapping
    key_position: tuple[int, int]  # 1-based line and column of its key
    lines: tuple[int, int]  # its key's line and the line of its last value

    @property
    def properties(self) -> Any:
        """The `properties:` mapping, {} when there is none, None when it is not a mapping."""
        props = self.node.get("properties")
        return {} if props is None else props if isinstance(props, CommentedMap) else None


def load(path: Path, data: bytes) -> Any:
    # The round-trip loader builds only maps, lists and scalars: unknown and !!python tags do not
    # construct objects.
    try:
        return YAML(typ="rt", pure=True).load(data)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise YamlError(path, *where, " ".join(filter(None, (e.context, e.problem)))) from None
    except _RuamelError as e:
        raise YamlError(path, 1, 1, str(e).splitlines()[0] if str(e) else type(e).__name__) \
            from None


def program_file(path: Path, data: bytes, is_dir: Callable[[Path], bool] = Path.is_dir
                 ) -> Path | None:
    """The file holding the resources of the program `path` belongs to, or None when `path` is
    the project file of another runtime. is_dir: how to ask the file system (files.Files)."""
    if path.name not in PROJECT_FILES:
        return path
    doc = load(path, data)
    if not isinstance(doc, CommentedMap):
        return None
    runtime = doc.get("runtime")
    if isinstance(runtime, CommentedMap):
        runtime = runtime.get("name")
    if runtime != "yaml":
        return None
    main = doc.get("main")
    if not isinstance(main, str):
        return path
    target = path.parent / main
    return target / "Main.yaml" if is_dir(target) else target


class Program:
    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self._budget = MAX_VALUES
        doc = load(path, data)
        self.document = doc if isinstance(doc, CommentedMap) else CommentedMap()
        found = self.document.get("resources")
        self.resources: dict[str, Resource] = {}
        self._props: dict[str, Any] = {}
        if not isinstance(found, CommentedMap):
            return
        spans = _spans(doc, found, data)
        for name, node in found.items():
            if isinstance(name, str) and isinstance(node, CommentedMap) and "get" not in node:
                token = node.get("type")
                self.resources[name] = Resource(name, token if isinstance(token, str) else None,
                                                node, _position(found, name), spans[name])

    def kind(self, resource: Resource) -> str | None:
        return resources.KIND_BY_TOKEN.get(resource.token or "")

    def of_kind(self, kind: str) -> list[Resource]:
        return [r for r in self.resources.values() if self.kind(r) == kind]

    def props(self, resource: Resource) -> dict[str, Any] | None:
        """Plain property values, None when `properties:` is not a mapping."""
        if resource.name not in self._props:
            node = resource.properties
            self._props[resource.name] = None if node is None else \
                {k: self.value(v) for k, v in node.items() if isinstance(k, str)}
        return self._props[resource.name]

    def origin(self, value: Any) -> Resource | None:
        """The program's resource a `${name...}` value comes from."""
        if isinstance(value, Secret):
            value = value.value
        return self.resources.get(value.name) if isinstance(value, Reference) else None

    def value(self, node: Any) -> Any:
        """A plain value: known, UNKNOWN, or a Reference; maps and lists hold such values."""
        self._budget -= 1
        if self._budget < 0:
            raise YamlError(self.path, 1, 1, f"more than {MAX_VALUES} values once aliases are "
                            "expanded (an alias bomb?)")
        tag = getattr(getattr(node, "tag", None), "value", None)
        if tag is not None and not tag.startswith("tag:yaml.org,2002:"):
            return UNKNOWN  # a custom tag: not something Pulumi YAML gives a value
        if isinstance(node, CommentedMap):
            if len(node) == 1 and next(iter(node)) == "fn::secret":
                return Secret(self.value(node["fn::secret"]))
            if len(node) == 1 and next(iter(node)) == "fn::join":
                return self._join(node["fn::join"])
            if len(node) == 1 and str(next(iter(node))).startswith("fn::"):
                return UNKNOWN  # an invoke or built-in function
            return {k: self.value(v) for k, v in node.items()}
        if isinstance(node, CommentedSeq):
            return [self.value(v) for v in node]
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, (int, float)):
            return int(node) if isinstance(node, int) else float(node)
        if isinstance(node, str):
            whole = _WHOLE_REFERENCE.fullmatch(node)
            if whole:
                return Reference(whole.group(1), whole.group(2))
            interpolated = _INTERPOLATION.search(node)
            if interpolated:  # what comes before the first `${...}` is literal text
                return shapes.joined([node[:interpolated.start()].replace("$${", "${"), UNKNOWN])
            return node.replace("$${", "${")
        return UNKNOWN  # dates and other scalars Pulumi would pass as strings of its own making


    def _join(self, node: Any) -> Any:
        """`fn::join: [delimiter, [parts]]`: the string, or the Shape of its start."""
        args = self.value(node)
        if not (isinstance(args, list) and len(args) == 2 and isinstance(args[0], str)
                and isinstance(args[1], list)):
            return UNKNOWN
        delimiter, parts = args
        spaced = [piece for i, part in enumerate(parts)
                  for piece in ([delimiter, part] if i else [part])]
        return shapes.joined(spaced)


def _spans(doc: CommentedMap, found: CommentedMap, data: bytes) -> dict[Any, tuple[int, int]]:
    """Each resource's first and last line: from its key to the last line before the next key
    (of `resources:` or of the document) that is not blank or a comment."""
    lines = data.decode("utf-8-sig", errors="replace").splitlines()
    keys = list(doc)
    after = keys[keys.index("resources") + 1:]
    end = _position(doc, after[0])[0] if after else len(lines) + 1
    # keys brought in by a merge (`<<: *base`) are not written here: their span is one line
    out = {name: (line, line) for name in found if name not in found.lc.data
           for line in [_position(found, name)[0]]}
    starts = sorted(((name, _position(found, name)[0]) for name in found if name not in out),
                    key=lambda item: item[1])
    for i, (name, first) in enumerate(starts):
        last = (starts[i + 1][1] if i + 1 < len(starts) else end) - 1
        while first < last <= len(lines) and (not lines[last - 1].strip()
                                or lines[last - 1].lstrip().startswith("#")):
            last -= 1
        out[name] = (first, max(first, last))
    return out


def _position(mapping: CommentedMap, key: Any) -> tuple[int, int]:
    """Where key is written in mapping; for a key a merge (`<<: *base`) brought in, where the
    mapping starts."""
    line, column = mapping.lc.key(key) if key in mapping.lc.data else (mapping.lc.line,
                                                                        mapping.lc.col)
    return line + 1, column + 1


def position(node: Any, path: tuple[Any, ...]) -> tuple[int, int] | None:
    """Where the deepest key (or list item) on path is written under node, None if not at all."""
    where = None
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            where = _position(node, part)
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node) \
                and part in node.lc.data:
            line, column = node.lc.item(part)
            where = (line + 1, column + 1)
        else:
            break
        node = node[part]
    return where


def plain(value: Any) -> Any:
    """References are unknown values to the rules; secrets are their values."""
    if isinstance(value, Secret):
        return plain(value.value)
    if isinstance(value, (Reference, shapes.Shape)):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def holds_secret(value: Any) -> bool:
    if isinstance(value, Secret):
        return True
    if isinstance(value, dict):
        return any(holds_secret(v) for v in value.values())
    return isinstance(value, list) and any(holds_secret(v) for v in value)
