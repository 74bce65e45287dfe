"""Static values of TypeScript / JavaScript expressions, across the modules of one project.

A value is plain data (str, int, float, bool, None, list, dict, possibly holding UNKNOWN), UNKNOWN,
a Shape (rules.shapes), or a reference: a resource created by an @pulumi/aws class, an output of
one, a secret, a name from a package, an instance of a package's class, a project module or a
function. Anything not statically resolvable is UNKNOWN.
"""
from __future__ import annotations

import json
import operator
from typing import Any, Callable

import tree_sitter as ts

from apigw_lint.rules import UNKNOWN, shapes
from apigw_lint.rules.resources import KINDS
from apigw_lint.rules.model import LAMBDA_FUNCTION
from apigw_lint.rules.shapes import Shape

from ..evaluated import (Arguments, Definition, Entry, Instance, ModuleRef, Output, Resource,
                         Secret, Symbol, agreed, origin, plain, returned_shape, shape_of)
from ..sitter_evaluate import DEEP, Evaluating
from .index import (ASSIGN, DEF, FUNCTIONS, IMPORT, PARAM, PICK, Binding, CallRecord,
                    ImportTarget, Pick, Scope, Source, Write, callee)
from .literals import number_value, string_value, to_string, unescape
from .project import Project

AWS, PULUMI = "@pulumi/aws", "@pulumi/pulumi"


def _classes() -> dict[str, str]:
    """`@pulumi/aws.lambda.Function` -> kind, from the type tokens (`aws:lambda/function:Function`):
    the TypeScript SDK names its modules and classes as the tokens do."""
    out = {}
    for kind, (tokens, _) in KINDS.items():
        for token in tokens:
            _, module, cls = token.split(":")
            out[f"{AWS}.{module.split('/')[0]}.{cls}"] = kind
    out[f"{AWS}.lambda.CallbackFunction"] = LAMBDA_FUNCTION  # a Function made from a closure
    return out


KIND_BY_CLASS = _classes()
WRAPPERS = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression",
                      "type_assertion", "non_null_expression"})  # transparent to the value
_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "-": operator.sub, "*": operator.mul, "/": operator.truediv, "%": operator.mod}
_BIG = 100_000  # refuse to build huge strings or numbers while evaluating
_PLAIN = (str, int, float, list, dict)
_GLOBALS = frozenset({"JSON"})


def unwrap(node: ts.Node) -> ts.Node:
    """The expression inside parentheses, `as T`, `satisfies T`, `<T>x` and `x!`."""
    for _ in range(DEEP):
        if node.type == "member_expression":
            # the grammar reads `x satisfies a.b.T` as `(x satisfies a).b.T`; TypeScript itself
            # would need parentheses for that, so a type's dots are what this is
            inner = node.child_by_field_name("object")
            if inner is None or inner.type not in ("satisfies_expression", "as_expression"):
                break
            node = inner
            continue
        if node.type not in WRAPPERS:
            break
        inner = node.named_children
        if not inner:
            break
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node


def module_name(spec: str) -> str:
    """`@pulumi/aws/apigatewayv2` -> `@pulumi/aws.apigatewayv2` (a package's submodule)."""
    parts = spec.split("/")
    head = 2 if spec.startswith("@") else 1
    return ".".join(["/".join(parts[:head]), *parts[head:]])


class Evaluator(Evaluating):
    def __init__(self, project: Project) -> None:
        super().__init__(project)
        self._sites: dict[ts.Node, list[tuple[CallRecord, ts.Node]] | None] = {}

    # --- expressions
    def _value(self, node: ts.Node, scope: Scope) -> Any:
        node = unwrap(node)  # memoized as written (Evaluating.value), read unwrapped
        kind = node.type
        if kind == "string":
            return string_value(node)
        if kind == "number":
            found = number_value(node.text.decode())
            return UNKNOWN if found is None else found
        if kind in ("true", "false"):
            return kind == "true"
        if kind in ("null", "undefined"):
            return None
        if kind == "template_string":
            return self._template(node, scope, interpolate=False)
        if kind in ("identifier", "shorthand_property_identifier"):
            return self.name(node.text.decode(), scope)
        if kind == "member_expression":
            return self._member(node, scope)
        if kind == "subscript_expression":
            return self._subscript(node, scope)
        if kind == "binary_expression":
            return self._binary(node, scope)
        if kind == "unary_expression":
            op = node.child_by_field_name("operator")
            v = self.value(node.child_by_field_name("argument"), scope)
            symbol = op.type if op is not None else ""
            if symbol == "!" and plain(v):
                return not v
            if symbol in ("-", "+") and isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v if symbol == "-" else v
            return UNKNOWN
        if kind == "ternary_expression":
            test = self.value(node.child_by_field_name("condition"), scope)
            body = node.child_by_field_name("consequence")
            orelse = node.child_by_field_name("alternative")
            if plain(test):
                return self.value(body if test else orelse, scope)
            a, b = self.value(body, scope), self.value(orelse, scope)
            if plain(a) and type(a) is type(b) and a == b:
                return a
            return shapes.common(a, b) or UNKNOWN
        if kind == "array":
            return self._elements(node, scope)
        if kind == "object":
            args = self.object_entries(node, scope)
            return UNKNOWN if args is None or args.open else self._entry_values(args.keywords)
        if kind == "new_expression":
            return self._new(node, scope)
        if kind == "call_expression":
            return self._call(node, scope)
        if kind in FUNCTIONS or kind == "class":
            return Definition(node, scope)
        return UNKNOWN

    def _template(self, node: ts.Node, scope: Scope, interpolate: bool) -> Any:
        """A template literal's string; with interpolate (pulumi.interpolate), the Shape of its
        start, as the value is an Output."""
        parts: list[Any] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(child.text.decode("utf-8", errors="replace"))
            elif child.type == "escape_sequence":
                parts.append(unescape(child.text.decode("utf-8", errors="replace")))
            elif child.type == "template_substitution":
                inner = child.named_children
                v = self.value(inner[0], scope) if len(inner) == 1 else UNKNOWN
                text = to_string(v)
                # an Output in a plain template prints a warning, not its value
                parts.append(text if text is not None else v if isinstance(v, Shape) else
                             (shape_of(v) or UNKNOWN) if interpolate else UNKNOWN)
        if interpolate:
            known = shapes.joined([*parts, UNKNOWN])
            return known if isinstance(known, Shape) else UNKNOWN
        return shapes.joined(parts)

    def _elements(self, node: ts.Node, scope: Scope) -> Any:
        out: list[Any] = []
        for element in node.named_children:
            if element.type == "comment":
                continue
            if element.type == "spread_element":
                v = self.value(element.named_children[0], scope) if element.named_children \
                    else UNKNOWN
                if not isinstance(v, list):
                    return UNKNOWN
                out.extend(v)
            else:
                out.append(self.value(element, scope))
        return out

    def _entry_values(self, entries: dict[Any, Entry]) -> dict[Any, Any]:
        return {k: self.value(e.value, e.scope) for k, e in entries.items()}

    def _binary(self, node: ts.Node, scope: Scope) -> Any:
        op_node = node.child_by_field_name("operator")
        op = op_node.type if op_node is not None else ""
        left = self.value(node.child_by_field_name("left"), scope)
        if op in ("&&", "||", "??"):
            if not plain(left):
                return UNKNOWN
            take_right = bool(left) if op == "&&" else not left if op == "||" else left is None
            return self.value(node.child_by_field_name("right"), scope) if take_right else left
        right = self.value(node.child_by_field_name("right"), scope)
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool)
                      for v in (left, right))
        if op == "+":
            if numbers:
                return left + right
            if not any(isinstance(v, (str, Shape)) for v in (left, right)):
                return UNKNOWN
            texts = [v if isinstance(v, Shape) else _text_or_unknown(v) for v in (left, right)]
            joined = shapes.joined(texts)
            return UNKNOWN if isinstance(joined, str) and len(joined) > _BIG else joined
        if op == "**" and numbers and abs(right) <= 64 and abs(left) <= _BIG:
            return left ** right
        if op in _BINARY and numbers:
            if op == "*" and any(abs(v) > _BIG for v in (left, right)):
                return UNKNOWN
            try:
                return _BINARY[op](left, right)
            except ZeroDivisionError:
                return UNKNOWN
        return UNKNOWN

    def _subscript(self, node: ts.Node, scope: Scope) -> Any:
        base = self.value(node.child_by_field_name("object"), scope)
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        key = self.value(node.child_by_field_name("index"), scope)
        if isinstance(base, dict) and isinstance(key, (str, int, float)) and key in base:
            return base[key]
        if isinstance(base, list) and type(key) is int and 0 <= key < len(base):
            return base[key]
        return UNKNOWN

    def _member(self, node: ts.Node, scope: Scope) -> Any:
        prop = node.child_by_field_name("property")
        if prop is None or prop.type != "property_identifier":
            return UNKNOWN
        attr = prop.text.decode()
        inner = node.child_by_field_name("object")
        if inner is not None and unwrap(inner).type == "this":
            return self.field(attr, node, scope)
        return self.attribute(self.value(inner, scope), attr)

    def attribute(self, base: Any, attr: str) -> Any:
        """`base.attr` of a value."""
        if isinstance(base, Symbol):
            return Symbol(f"{base.name}.{attr}")
        if isinstance(base, ModuleRef):
            return self.module_attr(base.source, attr)
        if isinstance(base, Resource):
            return Output(base, shapes.output(base.kind, attr))
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        if isinstance(base, dict) and attr in base:
            return base[attr]
        return UNKNOWN

    # --- names
    def name(self, name: str, scope: Scope) -> Any:
        if name == "undefined":
            return None
        bindings = scope.lookup(name)
        if not bindings:
            return Symbol(name) if name in _GLOBALS else UNKNOWN
        return self._single(bindings)

    def _single(self, bindings: list[Binding]) -> Any:
        first = bindings[0]
        if len(bindings) == 1 or all(b.kind == IMPORT and b.node == first.node for b in bindings):
            return self.binding(first)
        return UNKNOWN

    def binding(self, b: Binding) -> Any:
        if b.kind == ASSIGN:
            return self.value(b.node, b.scope) if b.node is not None else None
        if b.kind == PARAM:
            return self.parameter(b.node, b.scope)
        if b.kind == IMPORT:
            return self.imported(b.node, b.scope.source)
        if b.kind == DEF:
            return Definition(b.node, b.scope)
        if b.kind == PICK:
            return self.picked(b.node, b.scope)
        return UNKNOWN

    def picked(self, pick: Pick, scope: Scope) -> Any:
        """A destructured name: of a parameter, what every call site passes agrees on."""
        if pick.param is None:
            return self._pick(pick.source, scope, pick, scope)
        entries = self.passed(pick.param, scope)
        if not entries:
            return UNKNOWN
        return agreed([self._pick(e.value, e.scope, pick, scope) for e in entries])

    def _pick(self, node: ts.Node | None, scope: Scope, pick: Pick, home: Scope) -> Any:
        """The value at pick.path of the object node evaluates to (home: where a default is
        written). A key an object literal lacks is undefined, or the default; an object with a
        spread we cannot see is unknown."""
        for i, key in enumerate(pick.path):
            entries = self.object_entries(node, scope)
            if entries is None:
                value = self.value(node, scope)
                for attr in pick.path[i:]:
                    value = self.attribute(value, attr)
                break
            entry = entries.keywords.get(key)
            if entries.open:  # a spread we cannot see may set (or override) the key
                return UNKNOWN
            if entry is None:
                return None if pick.default is None else self.value(pick.default, home)
            node, scope = entry.value, entry.scope
        else:
            value = self.value(node, scope)
        # `undefined` would take the default, `null` not: we do not tell them apart
        return UNKNOWN if value is None and pick.default is not None else value

    def field(self, attr: str, read: ts.Node, scope: Scope) -> Any:
        """`this.attr` in a class's methods: the value its one write gives it (a field's
        initializer, a parameter property, or an assignment the constructor always makes
        before this read), when no other write of that property is anywhere in the project and
        the class does not pass `this` on."""
        cls = scope.class_of()
        if cls is None or cls.leaks or self.project.blind(attr):
            return UNKNOWN
        writes = [w for source in self.project.sources_mentioning(attr)
                  for w in source.written.get(attr, ()) if self._may_set(w, cls)]
        if len(writes) != 1 or _owner(writes[0]) is not cls:
            return UNKNOWN
        write = writes[0]
        if write.node.type == "method_definition":  # `this.helper(...)`
            return Definition(write.node, cls) if write.scope is cls and not _static(write.node) \
                and write.node.child_by_field_name("name").text != b"constructor" else UNKNOWN
        if write.node.type == "public_field_definition":
            return UNKNOWN if write.scope is not cls or _static(write.node) \
                else self.value(write.node.child_by_field_name("value"), cls)
        constructor = write.scope
        if constructor.parent is not cls or constructor.node.type != "method_definition" \
                or constructor.node.child_by_field_name("name").text != b"constructor":
            return UNKNOWN
        if write.node.type in ("required_parameter", "optional_parameter"):
            return self.parameter(write.node, constructor)
        target = write.node.child_by_field_name("left")
        if write.node.type != "assignment_expression" or not write.exact \
                or unwrap(target.child_by_field_name("object")).type != "this" \
                or any(r < write.node.start_byte for r in constructor.returns) \
                or (_method(scope) is constructor.node and read.start_byte < write.node.end_byte):
            return UNKNOWN
        return self.value(write.node.child_by_field_name("right"), constructor)

    def _may_set(self, write: Write, cls: Scope) -> bool:
        """Whether a write may set the property on an instance of cls: any write but one
        through `this` in another class, when neither class extends one of the project's."""
        owner = _owner(write)
        return owner is None or owner is cls or not (self._apart(owner) and self._apart(cls))

    def _apart(self, cls: Scope) -> bool:
        """A class that extends nothing or a package's class (no class of the project)."""
        heritage = next((c for c in cls.node.named_children if c.type == "class_heritage"), None)
        extends = next((c for c in heritage.named_children if c.type == "extends_clause"),
                       None) if heritage is not None else None
        base = extends.child_by_field_name("value") if extends is not None else None
        return base is None or isinstance(self.value(base, cls.parent or cls), Symbol)

    def imported(self, target: ImportTarget, source: Source) -> Any:
        if target.module == "":  # `export { a as b }`: a of this module
            return self.module_attr(source, target.name or "")
        if not target.module.startswith("."):
            package = module_name(target.module)
            return Symbol(f"{package}.{target.name}" if target.name else package)
        module = self.project.module(source, target.module)
        if module is None:
            return UNKNOWN
        return ModuleRef(module) if target.name is None else self.module_attr(module, target.name)

    def module_attr(self, source: Source, name: str, _seen: frozenset = frozenset()) -> Any:
        """What a project module exports under a name (its top-level binding, an `export {}`
        or a re-export)."""
        if name in source.exports:
            return self.binding(source.exports[name])
        bindings = source.scope.bindings.get(name)
        if bindings:
            return self._single(bindings)
        for spec in source.star_exports:  # `export * from "./x"`
            module = self.project.module(source, spec)
            if module is not None and module not in _seen:
                found = self.module_attr(module, name, _seen | {source})
                if found is not UNKNOWN:
                    return found
        return UNKNOWN

    # --- calls
    def _new(self, node: ts.Node, scope: Scope) -> Any:
        cls = self.value(callee(node), scope)
        if isinstance(cls, Symbol):
            kind = KIND_BY_CLASS.get(cls.name)
            return Resource(kind, node, scope) if kind else Instance(cls.name, node, scope)
        return UNKNOWN

    def _call(self, node: ts.Node, scope: Scope) -> Any:
        func_node = callee(node)
        args_node = node.child_by_field_name("arguments")
        if func_node is None or args_node is None:
            return UNKNOWN
        if func_node.type == "identifier" and func_node.text == b"require" \
                and scope.lookup("require") is None:
            spec = string_value(args_node.named_children[0]) if args_node.named_child_count \
                == 1 else None
            return UNKNOWN if spec is None else self.imported(ImportTarget(spec), scope.source)
        if func_node.type == "member_expression":
            prop = func_node.child_by_field_name("property")
            if prop is not None and prop.text == b"apply":
                return self._apply(func_node, args_node, scope)
            if prop is not None and prop.text == b"repeat":  # `"x".repeat(1025)`
                return self._repeat(func_node, args_node, scope)
        func = self.value(func_node, scope)
        if isinstance(func, Symbol):
            if args_node.type == "template_string":  # a tagged template
                return self._template(args_node, scope, interpolate=True) \
                    if func.name == f"{PULUMI}.interpolate" else UNKNOWN
            args = [a for a in args_node.named_children if a.type != "comment"]
            if any(a.type == "spread_element" for a in args):
                return UNKNOWN
            if func.name == f"{PULUMI}.concat":
                known = shapes.joined([self._text(a, scope) for a in args] + [UNKNOWN])
                return known if isinstance(known, Shape) else UNKNOWN
            if func.name == f"{PULUMI}.secret" and len(args) == 1:
                return Secret(self.value(args[0], scope))
            if func.name == "JSON.stringify" and len(args) == 1:
                return _json(self.value(args[0], scope))
        if origin(func) is not None:
            return Output(origin(func))  # type: ignore[arg-type]
        return UNKNOWN

    def _repeat(self, func_node: ts.Node, args_node: ts.Node, scope: Scope) -> Any:
        text = self.value(func_node.child_by_field_name("object"), scope)
        args = [a for a in args_node.named_children if a.type != "comment"]
        times = self.value(args[0], scope) if len(args) == 1 else None
        if isinstance(text, str) and type(times) is int and 0 <= times \
                and len(text) * times <= _BIG:
            return text * times
        return UNKNOWN

    def _text(self, node: ts.Node, scope: Scope) -> Any:
        """An argument of pulumi.concat as text: its string, or what is known of it."""
        v = self.value(node, scope)
        return shape_of(v) or _text_or_unknown(v)

    def _apply(self, func_node: ts.Node, args_node: ts.Node, scope: Scope) -> Any:
        """`output.apply(x => ...)` on a resource's output: an Output of it with the Shape of
        what the function returns."""
        source = origin(self.value(func_node.child_by_field_name("object"), scope))
        args = args_node.named_children
        if source is None or len(args) != 1 or args[0].type != "arrow_function":
            return Output(source) if source is not None else UNKNOWN
        body = args[0].child_by_field_name("body")
        inner = scope.source.scopes.get(args[0])
        if body is None or inner is None or body.type == "statement_block":
            return Output(source)
        result = self.value(body, inner)
        return Output(source, returned_shape(result))

    # --- objects
    def object_entries(self, node: ts.Node | None, scope: Scope) -> Arguments | None:
        """The properties of an object literal (through names bound to one); None when the
        value is not an object literal."""
        if node is None:
            return None
        node = unwrap(node)
        if node.type in ("identifier", "shorthand_property_identifier"):
            bindings = scope.lookup(node.text.decode())
            if bindings and len(bindings) == 1 and bindings[0].kind == ASSIGN \
                    and bindings[0].node is not None and node not in self._busy \
                    and len(self._busy) < DEEP:
                self._busy.add(node)
                try:
                    return self.object_entries(bindings[0].node, bindings[0].scope)
                finally:
                    self._busy.discard(node)
            return None
        if node.type != "object":
            return None
        out = Arguments({}, {}, [])
        for member in node.named_children:
            if member.type == "pair":
                key_node = member.child_by_field_name("key")
                key = self._key(key_node, scope)
                if key is None:
                    out.opened_by = out.opened_by or member
                    continue
                out.keywords[key] = Entry(member.child_by_field_name("value"), scope, member)
                out.outer[key] = member
            elif member.type == "shorthand_property_identifier":
                key = member.text.decode()
                out.keywords[key], out.outer[key] = Entry(member, scope, member), member
            elif member.type == "spread_element":
                inner = self.object_entries(member.named_children[0], scope) \
                    if member.named_children else None
                if inner is None or inner.open:
                    # what it spreads may override every key before it: they stay written,
                    # their values unknown (the spread itself as the value)
                    out.keywords = {k: Entry(member, scope, e.anchor)
                                    for k, e in out.keywords.items()}
                    out.opened_by = out.opened_by or (member if inner is None else inner.opened_by)
                if inner is not None:
                    for key, entry in inner.keywords.items():
                        out.keywords[key], out.outer[key] = entry, member
            elif member.type != "comment":  # methods, getters: not followed
                out.opened_by = out.opened_by or member
        return out

    def _key(self, key: ts.Node | None, scope: Scope) -> str | int | float | None:
        if key is None:
            return None
        if key.type == "property_identifier":
            return key.text.decode()
        if key.type == "string":
            return string_value(key)
        if key.type == "number":
            number = number_value(key.text.decode())
            return to_string(number) if number is not None else None
        if key.type == "computed_property_name" and key.named_child_count == 1:
            v = self.value(key.named_children[0], scope)
            return to_string(v) if isinstance(v, (str, int, float)) else None
        return None

    def resource_arguments(self, call: ts.Node, scope: Scope) -> Arguments:
        """A resource's inputs: the properties of its args object (the second argument);
        `positional` holds its name."""
        args_node = call.child_by_field_name("arguments")
        given = [a for a in args_node.named_children if a.type != "comment"] \
            if args_node is not None else []
        if any(a.type == "spread_element" for a in given[:2]):
            return Arguments({}, {}, [], given[0])
        name = [Entry(given[0], scope, given[0])] if given else []
        if len(given) < 2:
            return Arguments({}, {}, name)
        found = self.object_entries(given[1], scope)
        if found is None:
            return Arguments({}, {}, name, given[1])
        outer = {k: (v if unwrap(given[1]).type == "object" else given[1])
                 for k, v in found.outer.items()}
        return Arguments(found.keywords, outer, name, found.opened_by)

    def resource_props(self, resource: Resource) -> tuple[dict[str, Any], bool]:
        args = self.resource_arguments(resource.call, resource.scope)
        props = {k: self.value(e.value, e.scope) for k, e in args.keywords.items()
                 if isinstance(k, str)}
        return props, args.open

    def kind_of(self, record: CallRecord) -> str | None:
        if record.node.type != "new_expression":
            return None
        cls = self.value(callee(record.node), record.scope)
        return KIND_BY_CLASS.get(cls.name) if isinstance(cls, Symbol) else None

    # --- functions: parameters from their call sites, and how often they run
    def parameter(self, param: ts.Node, scope: Scope) -> Any:
        entries = self.passed(param, scope)
        if not entries:
            return UNKNOWN
        values = [self.value(e.value, e.scope) for e in entries]
        return agreed(values)

    def passed(self, param: ts.Node, scope: Scope) -> list[Entry] | None:
        """What each call in the project passes for a parameter (or its default); None when a
        call cannot be seen or its arguments cannot (`...args`)."""
        if b"pulumi" not in scope.source.data:
            return None
        sites = self.call_sites(scope.node, scope)
        if sites is None:
            return None
        params = [p for p in (scope.node.child_by_field_name("parameters").named_children
                              if scope.node.child_by_field_name("parameters") else [param])
                  if p.type != "comment"]
        position = next((i for i, p in enumerate(params) if p == param), None)
        default = param.child_by_field_name("value")
        entries = []
        for record, _ in sites:
            args_node = record.node.child_by_field_name("arguments")
            given = [a for a in args_node.named_children if a.type != "comment"] \
                if args_node is not None else []
            if position is None or any(a.type == "spread_element" for a in given):
                return None
            if position < len(given):
                entries.append(Entry(given[position], record.scope, given[position]))
            elif default is not None:
                entries.append(Entry(default, scope.parent or scope, param))
            else:
                return None
        return entries

    def call_sites(self, function: ts.Node, scope: Scope
                   ) -> list[tuple[CallRecord, ts.Node]] | None:
        if function not in self._sites:
            self._sites[function] = None  # while searching: a recursive question has no answer
            self._sites[function] = self._find_call_sites(function, scope)
        return self._sites[function]

    def _find_call_sites(self, function: ts.Node, scope: Scope
                         ) -> list[tuple[CallRecord, ts.Node]] | None:
        target, name = self._called_as(function, scope)
        if name is None or self.project.passed_as_value(name) or self.project.blind(name):
            return None
        sites = []
        for record in self.project.calls_named(name):
            if (record.node.type == "new_expression") != (target.type != function.type):
                continue  # a constructor is called with `new`, a function without
            called = self.value(callee(record.node), record.scope)
            if isinstance(called, Definition) and called.node == target:
                sites.append((record, target))
            elif called is UNKNOWN:  # `something.name(...)`: could be this function
                return None
        return sites

    def _called_as(self, function: ts.Node, scope: Scope) -> tuple[ts.Node, str | None]:
        """The node a call resolves to for this function (its class for a constructor) and
        the name calls spell."""
        named = function.child_by_field_name("name")
        if function.type == "method_definition":
            cls = scope.parent.node if scope.parent is not None else None
            if named is not None and named.type == "property_identifier" \
                    and named.text != b"constructor" and not _static(function):
                return function, named.text.decode()  # called as `this.name(...)`
            if named is None or named.text != b"constructor" or cls is None:
                return function, None
            cls_name = cls.child_by_field_name("name")
            return cls, cls_name.text.decode() if cls_name is not None else None
        if named is not None and function.type.endswith("declaration"):
            return function, named.text.decode()
        holder = scope.parent.bindings if scope.parent is not None else {}
        for name, bindings in holder.items():  # `const f = (...) => ...`
            if len(bindings) == 1 and bindings[0].kind == ASSIGN and bindings[0].node is not None \
                    and unwrap(bindings[0].node) == function:
                return function, name
        return function, None

    def multiplicity(self, record: CallRecord, _busy: frozenset = frozenset()) -> int | None:
        """How many times a call runs in one program run, when that is certain."""
        if not record.exact:
            return None
        scope = record.scope
        if scope.kind == "program":
            return 1
        if scope.kind != "function" or scope.node in _busy:
            return None
        sites = self.call_sites(scope.node, scope)
        if not sites:
            return None
        total = 0
        for site, _ in sites:
            m = self.multiplicity(site, _busy | {scope.node})
            if m is None:
                return None
            total += m
        return total


def _owner(write: Write) -> Scope | None:
    """The class whose instances a write sets the property of (None: any object)."""
    node, scope = write.node, write.scope
    if node.type in ("public_field_definition", "method_definition"):
        return scope if scope.kind == "class" else None
    if node.type in ("required_parameter", "optional_parameter"):  # a parameter property
        return scope.parent
    target = node if node.type == "member_expression" else node.child_by_field_name(
        "argument" if node.type == "update_expression" else "left")
    inner = target.child_by_field_name("object") if target is not None else None
    return scope.class_of() if inner is not None and unwrap(inner).type == "this" else None


def _static(node: ts.Node) -> bool:
    return any(c.type == "static" for c in node.children)


def _method(scope: Scope) -> ts.Node:
    """The method an arrow function is written in (itself if not an arrow function)."""
    while scope.node.type == "arrow_function" and scope.parent is not None:
        scope = scope.parent
    return scope.node


def _text_or_unknown(value: Any) -> Any:
    text = to_string(value)
    return UNKNOWN if text is None else text


def _json(value: Any) -> Any:
    """JSON.stringify of plain data (floats aside, Python writes it as JavaScript does)."""
    def plain_json(v: Any) -> bool:
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain_json(x) for k, x in v.items())
        if isinstance(v, list):
            return all(plain_json(x) for x in v)
        return v is None or isinstance(v, (str, int, bool))
    if not plain_json(value):
        return UNKNOWN
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
