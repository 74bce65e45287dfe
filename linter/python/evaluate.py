"""Static values of Python expressions, across the modules of one project.

A value is plain data (str, int, float, bool, None, list, dict, possibly holding UNKNOWN), UNKNOWN,
a Shape (a string of which the source proves the kind or the start: rules.shapes), or one of the
references below: a resource created by a pulumi_aws class, an output of one, an outside name,
an instance of an outside class (Args objects, ResourceOptions), a project module or definition.
Anything not statically resolvable is UNKNOWN.
"""
from __future__ import annotations

import builtins
import operator
from dataclasses import dataclass
from typing import Any, Callable

import libcst as cst

from apigw_lint.rules import UNKNOWN, shapes
from apigw_lint.rules.resources import KIND_BY_CLASS
from apigw_lint.rules.shapes import Shape

from ..evaluated import (Arguments, Definition, Entry, Instance, ModuleRef, Output, Resource,
                         Secret, Symbol, agreed, origin, plain, returned_shape)
from .index import (ASSIGN, DEF, IMPORT, OTHER, PARAM, Binding, CallRecord, ImportTarget, Scope,
                    Source)
from .project import Project


@dataclass(frozen=True, eq=False)
class Method:
    obj: str  # a known string whose method is looked up
    name: str


_CONSTANTS = {"True": True, "False": False, "None": None}
_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    cst.Add: operator.add, cst.Subtract: operator.sub, cst.Multiply: operator.mul,
    cst.Divide: operator.truediv, cst.FloorDivide: operator.floordiv, cst.Modulo: operator.mod,
    cst.Power: operator.pow}
_CONVERSIONS = {"builtins.str": str, "builtins.int": int, "builtins.float": float}
_CASTS = frozenset({"typing.cast", "typing_extensions.cast"})
_SECRET = frozenset({"pulumi.Output.secret", "pulumi.output.Output.secret"})
_OUTPUT = ("pulumi.Output.", "pulumi.output.Output.")  # its static methods make Outputs
_STR_METHODS = frozenset({"format", "upper", "lower", "strip", "replace", "join"})
_PLAIN = (str, int, float, list, dict)
_BIG = 100_000  # refuse to build huge strings or numbers while evaluating


def class_name(name: str) -> str:
    """`pulumi_aws.apigatewayv2.integration.Integration` -> `pulumi_aws.apigatewayv2.Integration`."""
    parts = name.split(".")
    if parts[0] == "pulumi_aws" and len(parts) > 3 and parts[-1][:1].isupper():
        parts = [*parts[:2], parts[-1]]
    return ".".join(parts)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


class Evaluator:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._memo: dict[cst.CSTNode, Any] = {}
        self._busy: set[Any] = set()
        self._sites: dict[cst.CSTNode, list[tuple[CallRecord, int]] | None] = {}

    # --- expressions
    def value(self, node: cst.BaseExpression, scope: Scope) -> Any:
        if node in self._memo:
            return self._memo[node]
        if node in self._busy:  # a cycle (x = x + 1 across call sites): not resolvable
            return UNKNOWN
        self._busy.add(node)
        try:
            result = self._value(node, scope)
        finally:
            self._busy.discard(node)
        self._memo[node] = result
        return result

    def _value(self, node: cst.BaseExpression, scope: Scope) -> Any:
        if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float)):
            v = node.evaluated_value
            return v if isinstance(v, (str, int, float)) else UNKNOWN
        if isinstance(node, cst.ConcatenatedString):
            return shapes.joined([self.value(node.left, scope), self.value(node.right, scope)])
        if isinstance(node, cst.FormattedString):
            return self._fstring(node.parts, scope)
        if isinstance(node, cst.Name):
            return self.name(node.value, scope)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, scope)
        if isinstance(node, cst.Subscript):
            return self._subscript(node, scope)
        if isinstance(node, cst.BinaryOperation):
            return self._binary(node, scope)
        if isinstance(node, cst.UnaryOperation):
            v = self.value(node.expression, scope)
            if isinstance(node.operator, cst.Not) and plain(v):
                return not v
            if isinstance(node.operator, (cst.Minus, cst.Plus)) and isinstance(v, (int, float)):
                return -v if isinstance(node.operator, cst.Minus) else +v
            return UNKNOWN
        if isinstance(node, cst.BooleanOperation):
            left = self.value(node.left, scope)
            if not plain(left):
                return UNKNOWN
            take_right = bool(left) if isinstance(node.operator, cst.And) else not left
            return self.value(node.right, scope) if take_right else left
        if isinstance(node, cst.IfExp):
            test = self.value(node.test, scope)
            if plain(test):
                return self.value(node.body if test else node.orelse, scope)
            body, orelse = self.value(node.body, scope), self.value(node.orelse, scope)
            if plain(body) and type(body) is type(orelse) and body == orelse:
                return body
            return shapes.common(body, orelse) or UNKNOWN
        if isinstance(node, (cst.List, cst.Tuple)):
            return self._elements(node.elements, scope)
        if isinstance(node, cst.Dict):
            entries = self.dict_entries(node, scope)
            return UNKNOWN if entries is None else self._entry_values(entries)
        if isinstance(node, cst.Call):
            return self._call(node, scope)
        return UNKNOWN

    def _fstring(self, parts: Any, scope: Scope) -> Any:
        out = ""
        for part in parts:
            if isinstance(part, cst.FormattedStringText):
                out += part.value
                continue
            v = self.value(part.expression, scope)
            spec = self._fstring(part.format_spec, scope) if part.format_spec else ""
            if not isinstance(v, (str, int, float)) or not isinstance(spec, str):
                # an Output formats as a warning text, not its value: only a Shape's start adds
                whole = isinstance(v, Shape) and not part.conversion and not part.format_spec
                return shapes.starting(out, v if whole else None) or UNKNOWN
            conversion = {"r": repr, "a": ascii, "s": str}.get(part.conversion or "", None)
            try:
                out += format(conversion(v) if conversion else v, spec)
            except (ValueError, TypeError):
                return UNKNOWN
        return out

    def _elements(self, elements: Any, scope: Scope) -> Any:
        out: list[Any] = []
        for element in elements:
            v = self.value(element.value, scope)
            if isinstance(element, cst.StarredElement):
                if not isinstance(v, list):
                    return UNKNOWN
                out.extend(v)
            else:
                out.append(v)
        return out

    def _entry_values(self, entries: dict[Any, Entry]) -> dict[Any, Any]:
        return {k: self.value(e.value, e.scope) for k, e in entries.items()}

    def _binary(self, node: cst.BinaryOperation, scope: Scope) -> Any:
        op = _BINARY.get(type(node.operator))
        left, right = self.value(node.left, scope), self.value(node.right, scope)
        if op is None or not isinstance(left, _PLAIN) or not isinstance(right, _PLAIN):
            return self._partial(node.operator, left, right)
        if isinstance(node.operator, (cst.Multiply, cst.Power)) and any(
                isinstance(v, (int, float)) and abs(v) > (64 if isinstance(
                    node.operator, cst.Power) else _BIG) for v in (left, right)):
            return UNKNOWN
        try:
            return op(left, right)
        except Exception:  # noqa: BLE001 - whatever Python would raise, the value is unknown
            return UNKNOWN

    @staticmethod
    def _partial(operator_: cst.BaseBinaryOp, left: Any, right: Any) -> Any:
        """The Shape of a string built from a known start and unknown parts: `"http://" + host`,
        `"http://%s" % host` (the text before the first conversion)."""
        if isinstance(operator_, cst.Add) and isinstance(left, (str, Shape)):
            return shapes.joined([left, right])
        if isinstance(operator_, cst.Modulo) and isinstance(left, str):
            return shapes.starting(left.partition("%")[0]) or UNKNOWN
        return UNKNOWN

    def _subscript(self, node: cst.Subscript, scope: Scope) -> Any:
        base = self.value(node.value, scope)
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return UNKNOWN
        key = self.value(node.slice[0].slice.value, scope)
        if isinstance(base, dict) and isinstance(key, (str, int, float)) and key in base:
            return base[key]
        if isinstance(base, list) and type(key) is int and -len(base) <= key < len(base):
            return base[key]
        return UNKNOWN

    # --- names
    def name(self, name: str, scope: Scope) -> Any:
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        bindings = scope.lookup(name)
        if bindings is None:
            stars = scope.source.scope.stars
            if hasattr(builtins, name) or len(stars) != 1:
                return Symbol(f"builtins.{name}") if hasattr(builtins, name) else UNKNOWN
            star = stars[0]
            return self.imported(ImportTarget(star.module, star.level, name), scope.source)
        return self._single(bindings)

    def _single(self, bindings: list[Binding]) -> Any:
        """A name bound once (or imported the same way more than once) has that value."""
        first = bindings[0]
        if len(bindings) == 1 or all(b.kind == IMPORT and b.node == first.node for b in bindings):
            return self.binding(first)
        return UNKNOWN

    def binding(self, b: Binding) -> Any:
        if b.kind == ASSIGN:
            return self.value(b.node, b.scope)
        if b.kind == PARAM:
            return self.parameter(b.node, b.scope)
        if b.kind == IMPORT:
            return self.imported(b.node, b.scope.source)
        if b.kind == DEF:
            return Definition(b.node, b.scope)
        return UNKNOWN

    def imported(self, target: ImportTarget, source: Source) -> Any:
        if target.name is None:
            module = self.project.module(source, target)
            if module is not None:
                return ModuleRef(module)
            return UNKNOWN if target.level else Symbol(target.module)
        package = ImportTarget(target.module, target.level)
        module = self.project.module(source, package)
        if module is not None and target.name in module.scope.bindings:
            return self.module_attr(module, target.name)
        sub = self.project.module(source, package, submodule=target.name)
        if sub is not None:
            return ModuleRef(sub)
        if module is None and not target.level:
            return Symbol(f"{target.module}.{target.name}")
        return UNKNOWN

    def module_attr(self, source: Source, name: str) -> Any:
        bindings = source.scope.bindings.get(name)
        if bindings:
            return self._single(bindings)
        if source.path.name == "__init__.py":
            sub = self.project.module(source, ImportTarget("", 1), submodule=name)
            if sub is not None:
                return ModuleRef(sub)
        return UNKNOWN

    def _attribute(self, node: cst.Attribute, scope: Scope) -> Any:
        attr = node.attr.value
        cls = self.self_class(node.value, scope)
        if cls is not None:
            return self._self_attr(cls, attr)
        base = self.value(node.value, scope)
        if isinstance(base, Symbol):
            return Symbol(f"{base.name}.{attr}")
        if isinstance(base, ModuleRef):
            return self.module_attr(base.source, attr)
        if isinstance(base, Resource):
            return Output(base, shapes.output(base.kind, camel(attr)))
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        if isinstance(base, str) and attr in _STR_METHODS:
            return Method(base, attr)
        return UNKNOWN

    def self_class(self, node: cst.BaseExpression, scope: Scope) -> Scope | None:
        """The class scope when node is the `self` parameter of one of its methods."""
        if not isinstance(node, cst.Name):
            return None
        bindings = scope.lookup(node.value)
        if not bindings or len(bindings) != 1 or bindings[0].kind != PARAM:
            return None
        method = bindings[0].scope
        cls = method.class_scope
        params = method.node.params.params  # type: ignore[union-attr]
        return cls if cls is not None and params and params[0] is bindings[0].node else None

    def _self_attr(self, cls: Scope, attr: str) -> Any:
        assigned = cls.self_attrs.get(attr)
        if assigned:
            return self.value(*assigned[0]) if len(assigned) == 1 else UNKNOWN
        bindings = cls.bindings.get(attr)
        return self._single(bindings) if bindings else UNKNOWN

    # --- calls
    def _call(self, node: cst.Call, scope: Scope) -> Any:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "apply":
            applied = self._apply(node, scope)
            if applied is not None:
                return applied
        func = self.value(node.func, scope)
        if isinstance(func, Symbol):
            name = class_name(func.name)
            if name.startswith(_OUTPUT) and name.endswith((".concat", ".format")):
                return self._output_string(name, node, scope)
            if name in _SECRET:
                args = self.arguments(node, scope)
                if len(args.positional) != 1 or args.keywords or args.open:
                    return UNKNOWN
                return Secret(self.value(args.positional[0].value, args.positional[0].scope))
            if name in _CASTS:  # `cast(T, value)` is value: only the type checker sees T
                args = self.arguments(node, scope)
                if len(args.positional) != 2 or args.keywords or args.open:
                    return UNKNOWN
                return self.value(args.positional[1].value, args.positional[1].scope)
            if name == "builtins.dict":
                entries = self.dict_entries(node, scope)
                return UNKNOWN if entries is None else self._entry_values(entries)
            if name in _CONVERSIONS:
                args = self.arguments(node, scope)
                if len(args.positional) != 1 or args.keywords or args.open:
                    return UNKNOWN
                v = self.value(args.positional[0].value, scope)
                try:
                    return _CONVERSIONS[name](v) if isinstance(v, (str, int, float)) else UNKNOWN
                except ValueError:
                    return UNKNOWN
            kind = KIND_BY_CLASS.get(name)
            return Resource(kind, node, scope) if kind else Instance(name, node, scope)
        if origin(func) is not None:
            return Output(origin(func))  # type: ignore[arg-type]
        if isinstance(func, Method):
            args = self.arguments(node, scope)
            values = [self.value(e.value, e.scope) for e in args.positional]
            kwargs = {k: self.value(e.value, e.scope) for k, e in args.keywords.items()}
            if args.open or not all(plain(v) for v in [*values, *kwargs.values()]):
                # `"http://{}".format(host)`: the text before the first field
                return (func.name == "format" and shapes.starting(
                    func.obj.partition("{")[0].partition("}")[0])) or UNKNOWN
            try:
                result = getattr(func.obj, func.name)(*values, **kwargs)
            except Exception:  # noqa: BLE001 - as Python would fail: unknown
                return UNKNOWN
            return result if len(result) <= _BIG else UNKNOWN
        return UNKNOWN

    def _apply(self, node: cst.Call, scope: Scope) -> Any:
        """`output.apply(lambda x: ...)` on a Pulumi Output: an Output of the same resource (if
        any) with the Shape of what the lambda returns; None for any other `.apply`."""
        receiver = self.value(node.func.value, scope)  # type: ignore[attr-defined]
        source = origin(receiver)
        pulumi_output = source is not None or (isinstance(receiver, Instance)
                                               and receiver.name.startswith(_OUTPUT))
        if not pulumi_output or len(node.args) != 1 or node.args[0].keyword is not None \
                or node.args[0].star or not isinstance(node.args[0].value, cst.Lambda):
            return None
        function = node.args[0].value
        inner = Scope("lambda", function, scope, scope.source)
        params = function.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params,
                      params.star_arg, params.star_kwarg]:
            if isinstance(param, cst.Param):
                inner.bind(param.name.value, OTHER, param)  # what the Output resolves to
        result = self.value(function.body, inner)
        shape = returned_shape(result)
        return Output(source, shape) if source is not None else shape or UNKNOWN

    def _output_string(self, name: str, node: cst.Call, scope: Scope) -> Any:
        """`pulumi.Output.concat(...)` and `pulumi.Output.format(text, ...)`: the Shape of the
        string's start (the Output's value is never a plain string in the program)."""
        args = self.arguments(node, scope)
        if args.open:  # `*parts`: where the parts we see stand is not known
            return UNKNOWN
        values = [self.value(e.value, e.scope) for e in args.positional]
        if name.endswith(".format"):
            text = values[0] if values else None
            values = [text.partition("{")[0].partition("}")[0], UNKNOWN] \
                if isinstance(text, str) else []
        known = shapes.joined(values + [UNKNOWN])
        return known if isinstance(known, Shape) else UNKNOWN

    def arguments(self, call: cst.Call, scope: Scope) -> Arguments:
        args = Arguments({}, {}, [])
        for arg in call.args:
            if arg.star == "**":
                entries = self.dict_entries(arg.value, scope)
                if entries is None:
                    args.opened_by = args.opened_by or arg
                    continue
                for key, entry in entries.items():
                    args.keywords[key], args.outer[key] = entry, arg
            elif arg.star == "*":
                args.opened_by = args.opened_by or arg
            elif arg.keyword is not None:
                key = arg.keyword.value
                args.keywords[key], args.outer[key] = Entry(arg.value, scope, arg), arg
            else:
                args.positional.append(Entry(arg.value, scope, arg))
        return args

    def dict_entries(self, node: cst.BaseExpression, scope: Scope) -> dict[Any, Entry] | None:
        """The entries of a dict literal or `dict(...)` call (through names); None: not known."""
        if isinstance(node, cst.Name):
            bindings = scope.lookup(node.value)
            if bindings and len(bindings) == 1 and bindings[0].kind == ASSIGN \
                    and node not in self._busy:
                self._busy.add(node)
                try:
                    return self.dict_entries(bindings[0].node, bindings[0].scope)
                finally:
                    self._busy.discard(node)
            return None
        out: dict[Any, Entry] = {}
        if isinstance(node, cst.Dict):
            for element in node.elements:
                if isinstance(element, cst.StarredDictElement):
                    inner = self.dict_entries(element.value, scope)
                    if inner is None:
                        return None
                    out.update(inner)
                    continue
                key = self.value(element.key, scope)
                if not isinstance(key, (str, int, float)):
                    return None
                out[key] = Entry(element.value, scope, element)
            return out
        if isinstance(node, cst.Call) and self.value(node.func, scope) == Symbol("builtins.dict"):
            args = self.arguments(node, scope)
            if args.open or len(args.positional) > 1:
                return None
            if args.positional:
                inner = self.dict_entries(args.positional[0].value, scope)
                if inner is None:
                    return None
                out.update(inner)
            out.update(args.keywords)
            return out
        return None

    def resource_arguments(self, call: cst.Call, scope: Scope) -> Arguments:
        """A resource's inputs: its keywords merged with an args object (positional or args=);
        `positional` keeps only the resource name."""
        args = self.arguments(call, scope)
        keywords, outer = dict(args.keywords), dict(args.outer)
        name = keywords.pop("resource_name", None) or (args.positional[:1] or [None])[0]
        holders = args.positional[1:2] + ([keywords.pop("args")] if "args" in keywords else [])
        keywords.pop("opts", None)
        opened = args.opened_by
        for holder in holders:
            obj = self.value(holder.value, holder.scope)
            if isinstance(obj, Instance) and obj.name.endswith("Args"):
                inner = self.arguments(obj.call, obj.scope)
                opened = opened or inner.opened_by or (inner.positional[0].anchor
                                                       if inner.positional else None)
                for key, entry in inner.keywords.items():
                    keywords[key], outer[key] = entry, holder.anchor
            elif not (isinstance(obj, Instance) and obj.name.endswith("ResourceOptions")):
                opened = opened or holder.anchor
        for key in ("resource_name", "args", "opts"):
            outer.pop(key, None)
        return Arguments(keywords, outer, [name] if name else [], opened)

    def resource_props(self, resource: Resource) -> tuple[dict[str, Any], bool]:
        """A related resource's inputs, camelCase, and whether unseen arguments may add more."""
        args = self.resource_arguments(resource.call, resource.scope)
        props = {camel(k): self.value(e.value, e.scope) for k, e in args.keywords.items()
                 if isinstance(k, str)}
        return props, args.open

    def kind_of(self, record: CallRecord) -> str | None:
        func = self.value(record.node.func, record.scope)
        return KIND_BY_CLASS.get(class_name(func.name)) if isinstance(func, Symbol) else None

    def data(self, value: Any) -> Any:
        """The value as the model holds it: references become UNKNOWN, Args objects dicts,
        secrets their value (the model lists the properties that hold one)."""
        if isinstance(value, Secret):
            return self.data(value.value)
        if isinstance(value, list):
            return [self.data(v) for v in value]
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, Instance) and value.name.endswith("Args"):
            args = self.arguments(value.call, value.scope)
            if args.open or args.positional:
                return UNKNOWN
            return {k: self.data(self.value(e.value, e.scope)) for k, e in args.keywords.items()}
        return value if plain(value) else UNKNOWN

    def holds_secret(self, value: Any) -> bool:
        """Whether data(value) has a secret anywhere in it."""
        if isinstance(value, Secret):
            return True
        if isinstance(value, Instance) and value.name.endswith("Args"):
            value = {k: self.value(e.value, e.scope)
                     for k, e in self.arguments(value.call, value.scope).keywords.items()}
        if isinstance(value, dict):
            return any(self.holds_secret(v) for v in value.values())
        return isinstance(value, list) and any(self.holds_secret(v) for v in value)

    # --- functions: parameters from their call sites, and how often they run
    def parameter(self, param: cst.Param, scope: Scope) -> Any:
        """A parameter's value when every call site in the project agrees on one."""
        entries = self.passed(param, scope)
        if not entries:
            return UNKNOWN
        values = [self.value(entry.value, entry.scope) for entry in entries]
        return agreed(values)

    def passed(self, param: cst.Param, scope: Scope) -> list[Entry] | None:
        """What each call site in the project passes for a parameter (or its default); None
        when a call cannot be seen or its arguments cannot be (`*x`, `**x`)."""
        fdef = scope.node
        assert isinstance(fdef, cst.FunctionDef)
        if not self._uses_pulumi(scope.source):
            return None
        sites = self.call_sites(fdef, scope)
        if sites is None:
            return None
        p = fdef.params
        positional = [*p.posonly_params, *p.params]
        index = next((i for i, x in enumerate(positional) if x is param), None)
        keyword_ok = param not in p.posonly_params
        entries = []
        for record, offset in sites:
            args = self.arguments(record.node, record.scope)
            name = param.name.value
            if args.open:
                return None
            if keyword_ok and name in args.keywords:
                entries.append(args.keywords[name])
            elif index is not None and 0 <= index - offset < len(args.positional):
                entries.append(args.positional[index - offset])
            elif param.default is not None and (index is None or index >= offset):
                entries.append(Entry(param.default, scope.parent or scope, param))
            else:
                return None
        return entries

    def _uses_pulumi(self, source: Source) -> bool:
        """Parameters are followed into their call sites only in code that mentions Pulumi: in
        other code (the project's libraries, application code) a search for the call sites of
        `write` or `keys` would parse most of the project and almost never lead to a resource."""
        return b"pulumi" in (self.project.files.read(source.path) or b"")

    def call_sites(self, fdef: cst.FunctionDef, scope: Scope
                   ) -> list[tuple[CallRecord, int]] | None:
        """Every call of a function in the project, with the number of leading parameters the
        call does not pass (self); None when they cannot all be seen."""
        if fdef in self._sites:
            return self._sites[fdef]
        self._sites[fdef] = None  # while searching: a recursive question has no answer
        self._sites[fdef] = self._find_call_sites(fdef, scope)
        return self._sites[fdef]

    def _find_call_sites(self, fdef: cst.FunctionDef, scope: Scope
                         ) -> list[tuple[CallRecord, int]] | None:
        if fdef.decorators:
            return None
        cls = scope.class_scope
        target: cst.CSTNode = fdef
        name, offset = fdef.name.value, 1 if cls is not None else 0
        if cls is not None and name == "__init__":
            target, name = cls.node, cls.node.name.value  # type: ignore[attr-defined]
        if self.project.passed_as_value(name) or self.project.blind(name):
            return None
        sites = []
        for record in self.project.calls_named(name):
            callee = self.value(record.node.func, record.scope)
            if isinstance(callee, Definition) and callee.node is target:
                sites.append((record, offset))
            elif callee is UNKNOWN:  # `something.name(...)`: could be this function
                return None
        return sites

    def multiplicity(self, record: CallRecord, _busy: frozenset = frozenset()) -> int | None:
        """How many times a call runs in one program run, when that is certain."""
        if not record.exact:
            return None
        scope = record.scope
        while scope.kind == "class" and scope.parent is not None:
            scope = scope.parent
        if scope.kind == "module":
            return 1
        if scope.kind != "function" or scope.node in _busy:
            return None
        sites = self.call_sites(scope.node, scope)  # type: ignore[arg-type]
        if not sites:
            return None
        total = 0
        for site, _ in sites:
            m = self.multiplicity(site, _busy | {scope.node})
            if m is None:
                return None
            total += m
        return total
