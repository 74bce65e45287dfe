"""Static values of Java expressions in one Pulumi project.

A value is plain data (str, int, float, bool, None, list, dict, possibly holding UNKNOWN),
UNKNOWN, a Shape (rules.shapes), or a reference: a resource created by a pulumi-aws class, an
output of one, or a secret. `XArgs.builder().a(1).b("x").build()` is the dict of its setters.
Locals never reassigned, final fields with an initializer (of the class, or `Other.NAME` of a
project class) are followed; parameters, fields that are not final and method results are
UNKNOWN.
"""
from __future__ import annotations

from typing import Any

import tree_sitter as ts

from apigw_lint.rules import UNKNOWN, shapes
from apigw_lint.rules.resources import KINDS
from apigw_lint.rules.shapes import Shape

from ..evaluated import Arguments, Entry, Output, Resource, Secret, origin, plain, returned_shape
from ..sitter_evaluate import DEEP, Evaluating
from .index import ASSIGN, CallRecord, Scope, Source, dotted
from .literals import INT_MAX, integer_value, string_value, to_string

AWS = "com.pulumi.aws"
OUTPUT, MAP, LIST, PULUMI = "com.pulumi.core.Output", "java.util.Map", "java.util.List", \
    "com.pulumi.Pulumi"


def _classes() -> dict[str, str]:
    """`com.pulumi.aws.lambda.Function` -> kind, from the type tokens
    (`aws:lambda/function:Function`): the Java SDK names its packages and classes as they do."""
    out = {}
    for kind, (tokens, _) in KINDS.items():
        for token in tokens:
            _, module, cls = token.split(":")
            out[f"{AWS}.{module.split('/')[0].lower()}.{cls}"] = kind
    return out


KIND_BY_CLASS = _classes()
_KNOWN = frozenset({*KIND_BY_CLASS, OUTPUT, MAP, LIST, PULUMI})
_INTEGER = frozenset({"decimal_integer_literal", "hex_integer_literal", "octal_integer_literal",
                      "binary_integer_literal"})
_BIG = 100_000  # refuse to build huge strings while evaluating


def unwrap(node: ts.Node) -> ts.Node:
    """The expression inside parentheses and casts."""
    for _ in range(DEEP):
        if node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[0]
        elif node.type == "cast_expression" and node.child_by_field_name("value") is not None:
            node = node.child_by_field_name("value")  # type: ignore[assignment]
        else:
            break
    return node


def arguments(node: ts.Node) -> list[ts.Node]:
    """A call's arguments (comments left out)."""
    given = node.child_by_field_name("arguments")
    return [a for a in given.named_children if "comment" not in a.type] if given else []


def member(node: ts.Node) -> str:
    """The name a method_invocation calls."""
    named = node.child_by_field_name("name")
    return named.text.decode() if named is not None else ""


class Evaluator(Evaluating):
    """Values of a Java project's expressions (project: its project.Project, for
    declared_type and types_named)."""

    # --- names of types
    def type_name(self, node: ts.Node | None, source: Source) -> str | None:
        """The qualified name of a type as written (`Integration`, `java.util.Map`) when the
        file's imports say which it is; a type of the project is named but never known."""
        written = dotted(node)
        if written is None:
            return None
        first, _, rest = written.partition(".")
        if first in source.declared:
            return f"{source.package}.{written}"
        if first in source.imports:
            return source.imports[first] + (f".{rest}" if rest else "")
        if rest and first[:1].islower():
            return written  # fully qualified
        if rest:
            return None
        if self.project.declared_type(first, source.package):
            return f"{source.package}.{first}"
        found = [f"{p}.{first}" for p in source.wildcards if f"{p}.{first}" in _KNOWN]
        if first in ("Map", "List") and not found and "java.util" in source.wildcards:
            found = [f"java.util.{first}"]
        return found[0] if len(found) == 1 else None

    # --- expressions
    def _value(self, node: ts.Node, scope: Scope) -> Any:
        node = unwrap(node)
        kind = node.type
        if kind == "string_literal":
            found = string_value(node)
            return UNKNOWN if found is None else found
        if kind in _INTEGER:
            number = integer_value(node.text.decode())
            return UNKNOWN if number is None else number
        if kind == "decimal_floating_point_literal":
            try:
                return float(node.text.decode().replace("_", "").rstrip("dDfF"))
            except ValueError:
                return UNKNOWN  # a hexadecimal float
        if kind in ("true", "false"):
            return kind == "true"
        if kind == "null_literal":
            return None
        if kind == "identifier":
            return self.name(node.text.decode(), scope)
        if kind == "field_access":
            return self._field(node, scope)
        if kind == "binary_expression":
            return self._binary(node, scope)
        if kind == "unary_expression":
            operator = node.child_by_field_name("operator")
            v = self.value(node.child_by_field_name("operand"), scope)
            symbol = operator.type if operator is not None else ""
            if symbol == "!" and isinstance(v, bool):
                return not v
            if symbol in ("-", "+") and type(v) is int:
                return -v if symbol == "-" else v
            return UNKNOWN
        if kind == "ternary_expression":
            test = self.value(node.child_by_field_name("condition"), scope)
            body = node.child_by_field_name("consequence")
            orelse = node.child_by_field_name("alternative")
            if isinstance(test, bool):
                return self.value(body if test else orelse, scope)
            a, b = self.value(body, scope), self.value(orelse, scope)
            if plain(a) and type(a) is type(b) and a == b:
                return a
            return shapes.common(a, b) or UNKNOWN
        if kind == "object_creation_expression":
            cls = self.type_name(node.child_by_field_name("type"), scope.source)
            found = KIND_BY_CLASS.get(cls or "")
            return Resource(found, node, scope) if found else UNKNOWN
        if kind == "method_invocation":
            return self._call(node, scope)
        if kind == "argument_list":  # the arguments of a varargs setter
            return [self.value(a, scope) for a in node.named_children if "comment" not in a.type]
        return UNKNOWN

    def _binary(self, node: ts.Node, scope: Scope) -> Any:
        operator_node = node.child_by_field_name("operator")
        op = operator_node.type if operator_node is not None else ""
        left = self.value(node.child_by_field_name("left"), scope)
        if op in ("&&", "||"):
            if not isinstance(left, bool):
                return UNKNOWN
            return self.value(node.child_by_field_name("right"), scope) \
                if left == (op == "&&") else left
        right = self.value(node.child_by_field_name("right"), scope)
        if op == "+" and any(isinstance(v, (str, Shape)) for v in (left, right)):
            texts = [v if isinstance(v, Shape) else to_string(v) for v in (left, right)]
            joined = shapes.joined([UNKNOWN if t is None else t for t in texts])
            return UNKNOWN if isinstance(joined, str) and len(joined) > _BIG else joined
        if type(left) is not int or type(right) is not int:
            return UNKNOWN
        if op in ("/", "%") and right == 0:
            return UNKNOWN
        results = {"+": lambda: left + right, "-": lambda: left - right,
                   "*": lambda: left * right,
                   "/": lambda: abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1),
                   "%": lambda: abs(left) % abs(right) * (-1 if left < 0 else 1)}
        if op not in results:
            return UNKNOWN
        result = results[op]()
        return result if -INT_MAX <= result < INT_MAX else UNKNOWN  # an int, or a long: unknown

    def _field(self, node: ts.Node, scope: Scope) -> Any:
        """`this.NAME`, `Type.NAME`: a final field with an initializer."""
        owner, named = node.child_by_field_name("object"), node.child_by_field_name("field")
        if owner is None or named is None:
            return UNKNOWN
        name = named.text.decode()
        if owner.type == "this":
            holder = scope.enclosing_class()
            return self._single(holder.bindings.get(name)) if holder is not None else UNKNOWN
        written = dotted(owner)
        if written is None or "." in written or scope.lookup(written) is not None:
            return UNKNOWN
        cls = self.type_name(owner, scope.source)
        body = self.project.type_body(cls) if cls is not None else None
        return self._single(body.bindings.get(name)) if body is not None else UNKNOWN

    # --- names
    def name(self, name: str, scope: Scope) -> Any:
        return self._single(scope.lookup(name))

    def _single(self, bindings: Any) -> Any:
        if not bindings or len(bindings) != 1 or bindings[0].kind != ASSIGN:
            return UNKNOWN
        return self.value(bindings[0].node, bindings[0].scope)

    # --- calls
    def _call(self, node: ts.Node, scope: Scope) -> Any:
        owner = node.child_by_field_name("object")
        name, given = member(node), arguments(node)
        if name == "build" and not given:
            args = self.object_entries(node, scope)
            return UNKNOWN if args is None or args.open else \
                {k: self.value(e.value, e.scope) for k, e in args.keywords.items()}
        cls = self._static(owner, scope)
        if owner is None and scope.source.static_imports.get(name) == f"{MAP}.entry":
            cls, name = MAP, "entry"
        if cls == MAP:
            return self._map(name, given, scope)
        if cls == LIST and name == "of":
            return [self.value(a, scope) for a in given]
        if cls == OUTPUT:
            return self._output(name, given, scope)
        base = self.value(owner, scope) if owner is not None else UNKNOWN
        if isinstance(base, Resource) and not given:
            return Output(base, shapes.output(base.kind, name))
        if origin(base) is not None:
            if name in ("applyValue", "apply") and len(given) == 1:
                return self._apply(origin(base), given[0], scope)  # type: ignore[arg-type]
            return Output(origin(base))  # type: ignore[arg-type]
        return UNKNOWN

    def _static(self, owner: ts.Node | None, scope: Scope) -> str | None:
        """The class a static call is made on (`Map.of`), when the owner names one."""
        written = dotted(owner)
        if written is None or scope.lookup(written.split(".")[0]) is not None:
            return None
        return self.type_name(owner, scope.source)

    def _map(self, name: str, given: list[ts.Node], scope: Scope) -> Any:
        values = [self.value(a, scope) for a in given]
        if name == "entry" and len(values) == 2:
            return ("entry", *values)
        if name == "of" and len(values) % 2 == 0:
            pairs = list(zip(values[::2], values[1::2]))
        elif name == "ofEntries" and all(isinstance(v, tuple) and len(v) == 3 for v in values):
            pairs = [(v[1], v[2]) for v in values]
        else:
            return UNKNOWN
        keys = [k for k, _ in pairs]
        if not all(isinstance(k, str) for k in keys) or len(set(keys)) != len(keys):
            return UNKNOWN  # a duplicate key throws
        return dict(pairs)

    def _output(self, name: str, given: list[ts.Node], scope: Scope) -> Any:
        if name == "of" and len(given) == 1:
            return self.value(given[0], scope)
        if name in ("secret", "ofSecret") and len(given) == 1:
            return Secret(self.value(given[0], scope))
        if name == "format" and given:
            pattern = self.value(given[0], scope)
            if not isinstance(pattern, str):
                return UNKNOWN
            known = shapes.starting(pattern.split("%")[0])  # up to the first conversion
            return known if isinstance(known, Shape) else UNKNOWN
        return UNKNOWN

    def _apply(self, source: Resource, function: ts.Node, scope: Scope) -> Output:
        """`output.applyValue(x -> ...)`: an Output of its resource, with the Shape of what an
        expression body returns."""
        inner = scope.source.scopes.get(function)
        body = function.child_by_field_name("body") if function.type == "lambda_expression" \
            else None
        if body is None or body.type == "block" or inner is None:
            return Output(source)
        result = self.value(body, inner)
        return Output(source, returned_shape(result))

    # --- builders
    def object_entries(self, node: ts.Node | None, scope: Scope) -> Arguments | None:
        """The setters of a `X.builder()....build()` chain (through a name bound to one); None
        when the value is not one."""
        if node is None:
            return None
        node = unwrap(node)
        if node.type == "identifier":
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
        if node.type != "method_invocation" or member(node) != "build" or arguments(node):
            return None
        setters = []
        current = node.child_by_field_name("object")
        out = Arguments({}, {}, [])
        for _ in range(10_000):
            if current is None or current.type != "method_invocation":
                # a builder held in a name: what the chain sets wins over what was set before
                out.opened_by = current or node
                break
            if member(current) == "builder" and not arguments(current):
                if not self._args_class(current.child_by_field_name("object"), scope):
                    out.opened_by = current  # a builder the project makes: it may preset
                break
            setters.append(current)
            current = current.child_by_field_name("object")
        for setter in reversed(setters):  # a later call of a setter wins
            given = arguments(setter)
            value = given[0] if len(given) == 1 else setter.child_by_field_name("arguments")
            out.keywords[member(setter)] = Entry(value, scope, setter)
            out.outer[member(setter)] = setter
        return out

    def _args_class(self, owner: ts.Node | None, scope: Scope) -> bool:
        """Whether `owner.builder()` starts an empty builder of an SDK's `*Args` class (not one
        of the project, which may preset properties)."""
        written = dotted(owner)
        if written is None or not written.endswith("Args") or \
                scope.lookup(written.split(".")[0]) is not None:
            return False
        qualified = self.type_name(owner, scope.source)
        if qualified is None:  # not imported by name: an SDK class unless the project has it
            return not self.project.declared_type(written.split(".")[0], scope.source.package)
        return qualified.startswith("com.pulumi.")

    def resource_arguments(self, call: ts.Node, scope: Scope) -> Arguments:
        """A resource's inputs: the setters of its args builder (the second argument);
        `positional` holds its name."""
        given = arguments(call)
        name = [Entry(given[0], scope, given[0])] if given else []
        if len(given) < 2:
            return Arguments({}, {}, name)
        found = self.object_entries(given[1], scope)
        if found is None:
            return Arguments({}, {}, name, given[1])
        written = unwrap(given[1]).type == "method_invocation"
        outer = {k: (v if written else given[1]) for k, v in found.outer.items()}
        return Arguments(found.keywords, outer, name, found.opened_by)

    def resource_props(self, resource: Resource) -> tuple[dict[str, Any], bool]:
        args = self.resource_arguments(resource.call, resource.scope)
        props = {k: self.value(e.value, e.scope) for k, e in args.keywords.items()}
        return props, args.open

    def kind_of(self, record: CallRecord) -> str | None:
        cls = self.type_name(record.node.child_by_field_name("type"), record.scope.source)
        return KIND_BY_CLASS.get(cls or "")

    def multiplicity(self, record: CallRecord) -> int | None:
        """How many times a `new` runs in one program run, when that is certain: once, written
        straight in the function Pulumi.run runs (`Pulumi.run(App::stack)`, a lambda)."""
        scope = record.scope
        if not record.exact or scope.kind != "function":
            return None
        if scope.node.type == "lambda_expression":
            return 1 if scope.node.start_byte in scope.source.entry_lambdas else None
        named = scope.node.child_by_field_name("name")
        if scope.node.type != "method_declaration" or named is None:
            return None
        return 1 if self.project.entry(named.text.decode()) else None

