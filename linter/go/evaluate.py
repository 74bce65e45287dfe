"""Static values of Go expressions, across the files of one package.

A value is plain data (str, int, float, bool, None, list, dict, possibly holding UNKNOWN), UNKNOWN,
a Shape (rules.shapes), or a reference: a resource made by a pulumi-aws `New...` function, an
output of one, a secret, a name from a package, or a function of the program. Structs are dicts
keyed by their fields in camelCase (the model's names). Anything not statically resolvable is
UNKNOWN.
"""
from __future__ import annotations

import re
from typing import Any

import tree_sitter as ts

from apigw_lint.rules import UNKNOWN, shapes
from apigw_lint.rules.resources import KINDS
from apigw_lint.rules.shapes import Shape

from ..evaluated import (Arguments, Definition, Entry, Output, Resource, Secret, Symbol, agreed,
                         origin, returned_shape, shape_of)
from ..sitter_evaluate import DEEP, Evaluating
from .index import ASSIGN, DEF, PARAM, Binding, CallRecord, Scope
from .layout import camel
from .literals import number_value, string_value

AWS, PULUMI = "aws", "pulumi"
_AWS_PATH = re.compile(r"github\.com/pulumi/pulumi-aws/sdk(?:/v\d+)?/go/aws/([a-z0-9]+)")
_PULUMI_PATH = re.compile(r"github\.com/pulumi/pulumi/sdk(?:/v\d+)?/go/pulumi")
# pulumi.String("x") and friends: an input holding the value given
_SAME = frozenset(f"{PULUMI}.{f}" for f in (
    "String", "StringPtr", "Int", "IntPtr", "Bool", "BoolPtr", "Float64", "Float64Ptr",
    "ToStringMap", "ToStringArray", "ToMap", "ToArray", "ToIntMap"))
_BIG = 100_000  # refuse to build huge strings or numbers while evaluating
_VERB = re.compile(r"%(%|[sdv])")


def _constructors() -> dict[str, str]:
    """`aws.lambda.NewFunction` -> kind, from the type tokens (`aws:lambda/function:Function`):
    the Go SDK names its packages and constructors after them."""
    out = {}
    for kind, (tokens, _) in KINDS.items():
        for token in tokens:
            _, module, cls = token.split(":")
            out[f"{AWS}.{module.split('/')[0]}.New{cls}"] = kind
    return out


KIND_BY_CONSTRUCTOR = _constructors()


def package_of(path: str) -> str:
    """The name a Symbol gives an import path: `aws.<module>`, `pulumi`, or the path."""
    m = _AWS_PATH.fullmatch(path)
    if m:
        return f"{AWS}.{m.group(1)}"
    return PULUMI if _PULUMI_PATH.fullmatch(path) else path


def unwrap(node: ts.Node) -> ts.Node:
    """The expression inside parentheses, a `literal_element`, `&x` or `x.(T)`."""
    for _ in range(DEEP):
        if node.type in ("parenthesized_expression", "literal_element") and node.named_children:
            node = node.named_children[0]
        elif node.type == "unary_expression" and _operator(node) == "&" or \
                node.type == "type_assertion_expression":
            node = node.child_by_field_name("operand") or node
        else:
            break
    return node


def _operator(node: ts.Node) -> str:
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


def literal_kind(node: ts.Node) -> str:
    """`map`, `list` or `struct`: what a composite literal's type makes it (pulumi.StringMap,
    map[string]string, apigatewayv2.IntegrationResponseParameterArray, []T, ...Args)."""
    kind = node.child_by_field_name("type")
    if kind is None:
        return "struct"
    if kind.type == "map_type":
        return "map"
    if kind.type in ("slice_type", "array_type", "implicit_length_array_type"):
        return "list"
    name = kind.child_by_field_name("name") if kind.type == "qualified_type" else kind
    text = name.text.decode() if name is not None else ""
    return "map" if text.endswith("Map") else "list" if text.endswith("Array") else "struct"


class Evaluator(Evaluating):
    def __init__(self, project: Any) -> None:
        super().__init__(project)  # project.Project (package_bindings, calls_named, ...)
        self._sites: dict[ts.Node, list[CallRecord] | None] = {}
        # by call: every integration asks them of every resource of the project (APIGW021, 046)
        self._arguments: dict[ts.Node, Arguments] = {}
        self._kinds: dict[ts.Node, str | None] = {}

    # --- expressions
    def _value(self, node: ts.Node, scope: Scope) -> Any:
        node = unwrap(node)
        kind = node.type
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            found = string_value(node)
            return UNKNOWN if found is None else found
        if kind in ("int_literal", "float_literal"):
            number = number_value(node)
            return UNKNOWN if number is None else number
        if kind in ("true", "false"):
            return kind == "true"
        if kind == "nil":
            return None
        if kind == "identifier":
            return self.name(node.text.decode(), scope)
        if kind == "selector_expression":
            return self._selector(node, scope)
        if kind == "index_expression":
            base = self.value(node.child_by_field_name("operand"), scope)
            key = self.value(node.child_by_field_name("index"), scope)
            if isinstance(base, dict) and isinstance(key, str) and key in base:
                return base[key]
            if isinstance(base, list) and type(key) is int and 0 <= key < len(base):
                return base[key]
            return UNKNOWN
        if kind == "binary_expression":
            return self._binary(node, scope)
        if kind == "unary_expression":
            v = self.value(node.child_by_field_name("operand"), scope)
            op = _operator(node)
            if op == "!" and isinstance(v, bool):
                return not v
            if op in ("-", "+") and isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v if op == "-" else v
            return UNKNOWN
        if kind == "composite_literal":
            return self._composite(node, scope)
        if kind == "call_expression":
            return self._call(node, scope)
        if kind == "func_literal":
            return Definition(node, scope)
        return UNKNOWN

    def _composite(self, node: ts.Node, scope: Scope) -> Any:
        if literal_kind(node) == "list":
            body = node.child_by_field_name("body")
            elements = [e for e in body.named_children if e.type != "comment"] if body else []
            if any(e.type != "literal_element" for e in elements):
                return UNKNOWN  # keyed (indexed) elements
            return [self.value(e, scope) for e in elements]
        entries = self.object_entries(node, scope)
        if entries is None or entries.open:
            return UNKNOWN
        struct = literal_kind(node) == "struct"
        return {camel(k) if struct else k: self.value(e.value, e.scope)
                for k, e in entries.keywords.items()}

    def _binary(self, node: ts.Node, scope: Scope) -> Any:
        op = _operator(node)
        left = self.value(node.child_by_field_name("left"), scope)
        right = self.value(node.child_by_field_name("right"), scope)
        if op == "+" and any(isinstance(v, (str, Shape)) for v in (left, right)):
            # Go adds strings only to strings: an unknown side is a string too
            joined = shapes.joined([v if isinstance(v, (str, Shape)) else UNKNOWN
                                    for v in (left, right)])
            return UNKNOWN if isinstance(joined, str) and len(joined) > _BIG else joined
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                   for v in (left, right)) or any(abs(v) > _BIG for v in (left, right)):
            return UNKNOWN
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if op in ("/", "%") and right != 0:
            if isinstance(left, float) or isinstance(right, float):
                return left / right if op == "/" else UNKNOWN
            quotient = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
            return quotient if op == "/" else left - quotient * right  # Go truncates
        return UNKNOWN

    def _selector(self, node: ts.Node, scope: Scope) -> Any:
        field = node.child_by_field_name("field")
        if field is None:
            return UNKNOWN
        name = field.text.decode()
        base = self.value(node.child_by_field_name("operand"), scope)
        if isinstance(base, Symbol):
            return Symbol(f"{base.name}.{name}")
        if isinstance(base, Resource):
            return Output(base, shapes.output(base.kind, camel(name)))
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        if isinstance(base, dict) and camel(name) in base:
            return base[camel(name)]
        return UNKNOWN

    # --- names
    def name(self, name: str, scope: Scope) -> Any:
        bindings = self.bindings(name, scope)
        if bindings is None:
            imported = scope.source.imports.get(name)
            return Symbol(package_of(imported)) if imported is not None else UNKNOWN
        if len(bindings) != 1:
            return UNKNOWN
        if self._changeable(bindings[0], 0):
            return UNKNOWN
        return self.binding(bindings[0])

    def bindings(self, name: str, scope: Scope) -> list[Binding] | None:
        """A name's bindings: in its file's functions, else among the package-level names of
        every file of the package (None: not a name of the program)."""
        found = scope.lookup(name)
        if found is not None and found[0].scope.kind == "function":
            return found
        if name in scope.source.imports:
            return None
        return self.project.package_bindings(scope.source, name)

    def _changeable(self, b: Binding, allowed: int) -> bool:
        """A variable that may change through a pointer: one whose address is taken, or a
        struct or map literal's that escapes (passed to calls, copied, returned) more often
        than `allowed` (by its own resource call), or bound where the package cannot be read."""
        if b.kind != ASSIGN or b.node is None:
            return False
        name = next((n for n, bs in b.scope.bindings.items() if b in bs), "")
        escapes, addressed = self.project.escapes(b.scope.source, name)
        if unwrap(b.node).type != "composite_literal":
            return addressed > 0
        return escapes + addressed > allowed

    def binding(self, b: Binding) -> Any:
        if b.kind == ASSIGN:
            if b.index:  # a call's later results: `err` of `api, err := ...`
                return UNKNOWN
            return self.value(b.node, b.scope)
        if b.kind == PARAM:
            return self.parameter(b)
        if b.kind == DEF:
            return Definition(b.node, b.scope)
        return UNKNOWN

    # --- calls
    def _call(self, node: ts.Node, scope: Scope) -> Any:
        func_node = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        if func_node is None or args_node is None:
            return UNKNOWN
        args = [a for a in args_node.named_children if a.type != "comment"]
        if any(a.type == "variadic_argument" for a in args):
            return UNKNOWN
        func = self.value(func_node, scope)
        if isinstance(func, Symbol):
            kind = KIND_BY_CONSTRUCTOR.get(func.name)
            if kind is not None:
                return Resource(kind, node, scope)
            if func.name in _SAME and len(args) == 1:
                return self.value(args[0], scope)
            if func.name == f"{PULUMI}.ToSecret" and len(args) == 1:
                return Secret(self.value(args[0], scope))
            if func.name in (f"{PULUMI}.Sprintf", "fmt.Sprintf") and args:
                return self._sprintf(args, scope, output=func.name == f"{PULUMI}.Sprintf")
            return UNKNOWN
        if isinstance(func, Definition) and func.node.type == "function_declaration":
            return self._returned(func)
        if func_node.type == "selector_expression":
            base = self.value(func_node.child_by_field_name("operand"), scope)
            method = func_node.child_by_field_name("field")
            if isinstance(base, Resource) and method is not None and method.text == b"ID" \
                    and not args:
                return Output(base, shapes.output(base.kind, "id"))
            if origin(base) is not None and method is not None and method.text == b"ApplyT":
                return self._apply(origin(base), args, scope)  # type: ignore[arg-type]
            if origin(base) is not None:  # `.ToStringOutput()`, `.Elem()`, ...
                return Output(origin(base))  # type: ignore[arg-type]
        return UNKNOWN

    def _apply(self, source: Resource, args: list[ts.Node], scope: Scope) -> Output:
        """`output.ApplyT(func(v T) string { return ... })`: an Output of the same resource,
        with the start of what the function's one return gives, when it is known."""
        inner = scope.source.scopes.get(args[0]) if len(args) == 1 else None
        returns = inner.returns if inner else []
        results = [r for r in returns[0].named_children if r.type == "expression_list"] \
            if len(returns) == 1 else []
        if not inner or len(results) != 1 or results[0].named_child_count != 1:
            return Output(source)
        result = self.value(results[0].named_children[0], inner)
        return Output(source, returned_shape(result))

    def _sprintf(self, args: list[ts.Node], scope: Scope, output: bool) -> Any:
        """fmt.Sprintf of known values; pulumi.Sprintf: an Output whose start is known."""
        form = self.value(args[0], scope)
        if not isinstance(form, str):
            return UNKNOWN
        parts: list[Any] = []
        rest, at = args[1:], 0
        for piece in re.split(r"(%.)", form):
            m = _VERB.fullmatch(piece)
            if "%" not in piece or piece == "%%":
                parts.append("%" if piece == "%%" else piece)
            elif m is None or at >= len(rest):  # flags, widths, other verbs, a lone `%`
                parts.append(UNKNOWN)
                break
            else:
                v = self.value(rest[at], scope)
                at += 1
                text = v if isinstance(v, str) and piece != "%d" else \
                    str(v) if isinstance(v, int) and not isinstance(v, bool) and piece != "%s" \
                    else shape_of(v) if output and shape_of(v) is not None else UNKNOWN
                parts.append(text)
        else:
            if at != len(rest):
                parts.append(UNKNOWN)  # Go prints extra arguments as `%!(EXTRA ...)`
        if output:
            known = shapes.joined([*parts, UNKNOWN])
            return known if isinstance(known, Shape) else UNKNOWN
        return shapes.joined(parts)

    def _returned(self, function: Definition) -> Any:
        """What a function of the package returns first, when every return that does not
        return nil agrees (a `nil, err` return ends the program's use of the value)."""
        scope = function.scope.source.scopes.get(function.node)
        values = []
        for statement in scope.returns if scope is not None else ():
            results = [r for r in statement.named_children if r.type == "expression_list"]
            first = results[0].named_children[0] if results and results[0].named_children \
                else None
            if first is None:
                return UNKNOWN  # a bare return of named results
            if first.type != "nil":
                values.append(self.value(first, scope))
        return agreed(values) if values else UNKNOWN

    # --- structs and maps
    def object_entries(self, node: ts.Node | None, scope: Scope, allowed: int = 0
                       ) -> Arguments | None:
        """The fields of a struct literal or the entries of a map literal (through a name bound
        to one, passed to calls at most `allowed` times); None when it is not one."""
        if node is None:
            return None
        node = unwrap(node)
        if node.type == "identifier":
            bindings = self.bindings(node.text.decode(), scope)
            if bindings and len(bindings) == 1 and bindings[0].kind == ASSIGN \
                    and not bindings[0].index and not self._changeable(bindings[0], allowed) \
                    and node not in self._busy and len(self._busy) < DEEP:
                self._busy.add(node)
                try:
                    return self.object_entries(bindings[0].node, bindings[0].scope)
                finally:
                    self._busy.discard(node)
            return None
        if node.type != "composite_literal" or literal_kind(node) == "list":
            return None
        struct = literal_kind(node) == "struct"
        body = node.child_by_field_name("body")
        out = Arguments({}, {}, [])
        for member in body.named_children if body is not None else ():
            if member.type == "comment":
                continue
            key_node, value = member.child_by_field_name("key"), \
                member.child_by_field_name("value")
            key = None
            if member.type == "keyed_element" and key_node is not None:
                inner = unwrap(key_node)
                key = inner.text.decode() if struct and inner.type == "identifier" else \
                    None if struct else self.value(inner, scope)
            if not isinstance(key, str):
                out.opened_by = out.opened_by or member
                continue
            out.keywords[key] = Entry(value, scope, member)
            out.outer[key] = member
        return out

    def resource_arguments(self, call: ts.Node, scope: Scope) -> Arguments:
        """A resource's inputs: the fields of its args struct (the third argument, after ctx
        and the name), as Go names them; `positional` holds its name."""
        if call not in self._arguments:
            self._arguments[call] = self._resource_arguments(call, scope)
        return self._arguments[call]

    def _resource_arguments(self, call: ts.Node, scope: Scope) -> Arguments:
        args_node = call.child_by_field_name("arguments")
        given = [a for a in args_node.named_children if a.type != "comment"] \
            if args_node is not None else []
        name = [Entry(given[1], scope, given[1])] if len(given) > 1 else []
        if len(given) < 3 or unwrap(given[2]).type == "nil":
            return Arguments({}, {}, name)
        found = self.object_entries(given[2], scope, allowed=1)
        if found is None:
            return Arguments({}, {}, name, given[2])
        outer = {k: (v if unwrap(given[2]).type == "composite_literal" else given[2])
                 for k, v in found.outer.items()}
        return Arguments(found.keywords, outer, name, found.opened_by)

    def resource_props(self, resource: Resource) -> tuple[dict[str, Any], bool]:
        args = self.resource_arguments(resource.call, resource.scope)
        return {camel(k): self.value(e.value, e.scope) for k, e in args.keywords.items()}, \
            args.open

    def kind_of(self, record: CallRecord) -> str | None:
        if record.node not in self._kinds:
            func = self.value(record.node.child_by_field_name("function"), record.scope)
            self._kinds[record.node] = KIND_BY_CONSTRUCTOR.get(func.name) \
                if isinstance(func, Symbol) else None
        return self._kinds[record.node]

    # --- parameters, from the calls of their function in the package
    def parameter(self, b: Binding) -> Any:
        entries = self.passed(b)
        return agreed([self.value(e.value, e.scope) for e in entries]) if entries else UNKNOWN

    def passed(self, b: Binding) -> list[Entry] | None:
        """What each call of the function passes for a parameter; None when a call cannot be
        seen (the function is a value, a method or a literal, or a call spreads `xs...`)."""
        sites = self.call_sites(b.scope)
        if sites is None:
            return None
        entries = []
        for record in sites:
            args_node = record.node.child_by_field_name("arguments")
            given = [a for a in args_node.named_children if a.type != "comment"] \
                if args_node is not None else []
            if any(a.type == "variadic_argument" for a in given) or b.node >= len(given):
                return None
            entries.append(Entry(given[b.node], record.scope, given[b.node]))
        return entries

    def call_sites(self, scope: Scope) -> list[CallRecord] | None:
        function = scope.node
        if function not in self._sites:
            self._sites[function] = None  # while searching: a recursive question has no answer
            self._sites[function] = self._find_call_sites(scope)
        return self._sites[function]

    def _find_call_sites(self, scope: Scope) -> list[CallRecord] | None:
        named = scope.node.child_by_field_name("name")
        if scope.node.type != "function_declaration" or named is None:
            return None
        name = named.text.decode()
        if self.project.passed_as_value(name) or self.project.blind(name):
            return None
        sites = []
        for record in self.project.calls_named(name):
            called = self.value(record.node.child_by_field_name("function"), record.scope)
            if isinstance(called, Definition) and called.node == scope.node:
                sites.append(record)
            elif called is UNKNOWN:  # `x.name(...)`: could be this function
                return None
        return sites

    # --- how often a call runs
    def multiplicity(self, record: CallRecord, _busy: frozenset = frozenset()) -> int | None:
        """How many times a call runs in one program run, when that is certain: once at the top
        of the function `main` gives `pulumi.Run`, else as often as its function is called."""
        if not record.exact:
            return None
        scope = record.scope
        if scope.node in _busy:
            return None
        if scope.node.type == "func_literal":
            return 1 if self._run_callback(scope) else None
        sites = self.call_sites(scope) if scope.kind == "function" else None
        if not sites:
            return None
        total = 0
        for site in sites:
            m = self.multiplicity(site, _busy | {scope.node})
            if m is None:
                return None
            total += m
        return total

    def _run_callback(self, scope: Scope) -> bool:
        """The function literal given to `pulumi.Run` once, at the top of `main`."""
        arguments = scope.node.parent
        call = arguments.parent if arguments is not None else None
        outer = scope.parent
        if call is None or call.type != "call_expression" or outer is None or \
                outer.node.type != "function_declaration" or scope.source.package != "main":
            return False
        named = outer.node.child_by_field_name("name")
        record = next((r for r in scope.source.calls.get("Run", ()) if r.node == call), None)
        func = self.value(call.child_by_field_name("function"), outer)
        return named is not None and named.text == b"main" and record is not None and \
            record.exact and isinstance(func, Symbol) and func.name == f"{PULUMI}.Run"

