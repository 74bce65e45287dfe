"""Static values of C# expressions, across the files of one project.

A value is plain data (str, int, float, bool, None, list, dict, possibly holding UNKNOWN), UNKNOWN,
a Shape (rules.shapes), or a reference: a resource created by a Pulumi.Aws class, an output of
one, a secret. An `*Args` object is a dict of its properties in camelCase, as the model spells
them. Anything not statically resolvable is UNKNOWN.
"""
from __future__ import annotations

import re
from typing import Any

import tree_sitter as ts

from apigw_lint.rules import UNKNOWN, shapes
from apigw_lint.rules.resources import KINDS
from apigw_lint.rules.shapes import Shape

from ..evaluated import Arguments, Entry, Output, Resource, Secret, origin, plain, shape_of
from ..sitter_evaluate import DEEP, Evaluating
from .index import Source, argument_list, dotted, target_type
from .layout import camel

# How the .NET SDK names the provider's modules (namespaces of Pulumi.Aws), for those of the
# resources the checks learn from.
NAMESPACES = {"apigatewayv2": "ApiGatewayV2", "apigateway": "ApiGateway", "lambda": "Lambda",
              "lb": "LB", "alb": "Alb", "sfn": "Sfn", "servicediscovery": "ServiceDiscovery",
              "iam": "Iam", "ec2": "Ec2"}
KIND_BY_CLASS = {f"Pulumi.Aws.{NAMESPACES[token.split(':')[1].split('/')[0]]}."
                 f"{token.split(':')[2]}": kind
                 for kind, (tokens, _) in KINDS.items() for token in tokens if "/" in token}
_CLASS_NAMES = frozenset(c.rpartition(".")[2] for c in KIND_BY_CLASS)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f",
            "v": "\v", "\\": "\\", '"': '"', "'": "'"}
_INTEGER = re.compile(r"(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*)([uUlL]*)")
_REAL = re.compile(r"([0-9][0-9_]*)?(\.[0-9_]+)?([eE][+-]?[0-9]+)?[fFdDmM]?")
_BIG = 100_000  # refuse to build huge strings while evaluating
_INT32 = (-(2 ** 31), 2 ** 31 - 1)
NAMED = {"name": 0, "args": 1, "options": 2}  # a resource constructor's parameters


def arguments(call: ts.Node) -> list[ts.Node] | None:
    """A call's arguments' expressions in parameter order; None when one is passed by a name
    that is not a resource constructor's, or positionally after a named one."""
    given = argument_list(call)
    out: dict[int, ts.Node] = {}
    for position, argument in enumerate(a for a in (given.named_children if given else [])
                                        if a.type == "argument"):
        named = argument.child_by_field_name("name")
        if named is not None:
            position = NAMED.get(named.text.decode(), -1)
        if position < 0 or position in out or not argument.named_children:
            return None
        out[position] = argument.named_children[-1]
    if sorted(out) != list(range(len(out))):
        return None
    return [out[i] for i in range(len(out))]


def unescape(text: str) -> str | None:
    """A regular string's escape sequence, or None (\\x: its length is greedy)."""
    if text[1:2] in _ESCAPES:
        return _ESCAPES[text[1]]
    if text[1:2] in ("u", "U") and len(text) in (6, 10):
        try:
            code = int(text[2:], 16)
        except ValueError:
            return None
        return chr(code) if code < 0x110000 else None
    return None


def _utf16(parts: list[str]) -> str | None:
    """Parts of a string joined, `\\uD83D\\uDE00` (a surrogate pair, as C# writes one) made one
    character; None when a lone surrogate is left (no text)."""
    try:
        return "".join(parts).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def to_string(value: Any) -> str | None:
    """A value as C# prints it into a string, when that is certain."""
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


class Evaluator(Evaluating):
    """Values of a .NET project's expressions (project: its project.Project)."""

    def _value(self, node: ts.Node, source: Source) -> Any:
        kind = node.type
        if kind == "string_literal":
            return self._string(node)
        if kind == "verbatim_string_literal":
            return node.text.decode()[2:-1].replace('""', '"')
        if kind == "interpolated_string_expression":
            return self._interpolated(node, source, formatted=False)
        if kind in ("integer_literal", "real_literal"):
            return _number(node.text.decode())
        if kind == "boolean_literal":
            return node.text == b"true"
        if kind == "null_literal":
            return None
        if kind == "parenthesized_expression" and node.named_child_count == 1:
            return self.value(node.named_children[0], source)
        if kind == "identifier":
            return self.name(node.text.decode(), source)
        if kind == "member_access_expression":
            return self._member(node, source)
        if kind == "binary_expression":
            return self._binary(node, source)
        if kind == "prefix_unary_expression" and node.named_child_count == 1:
            v = self.value(node.named_children[0], source)
            op = node.children[0].type
            if op == "!" and isinstance(v, bool):
                return not v
            if op in ("-", "+") and isinstance(v, (int, float)) and not isinstance(v, bool):
                return -v if op == "-" else v
            return UNKNOWN
        if kind == "conditional_expression":
            test = self.value(node.child_by_field_name("condition"), source)
            a = node.child_by_field_name("consequence")
            b = node.child_by_field_name("alternative")
            if isinstance(test, bool):
                return self.value(a if test else b, source)
            x, y = self.value(a, source), self.value(b, source)
            return x if plain(x) and type(x) is type(y) and x == y else \
                shapes.common(x, y) or UNKNOWN
        if kind in ("object_creation_expression", "implicit_object_creation_expression"):
            return self._new(node, source)
        if kind in ("array_creation_expression", "implicit_array_creation_expression"):
            initializer = _initializer(node)
            return self._collection(initializer, source) if initializer is not None else UNKNOWN
        if kind == "initializer_expression":  # `RequestParameters = { {"k", "v"} }`
            return self._collection(node, source)
        if kind == "invocation_expression":
            return self._call(node, source)
        return UNKNOWN

    def _string(self, node: ts.Node) -> Any:
        parts = []
        for child in node.named_children:
            text = child.text.decode("utf-8", errors="replace")
            if child.type == "escape_sequence":
                text = unescape(text)  # type: ignore[assignment]
                if text is None:
                    return UNKNOWN
            parts.append(text)
        joined = _utf16(parts)
        return UNKNOWN if joined is None else joined

    def _interpolated(self, node: ts.Node, source: Source, formatted: bool) -> Any:
        """`$"..."`'s string; formatted (Output.Format): the Shape of its start, as the value is
        an Output."""
        verbatim = b"@" in node.children[0].text if node.children else False
        parts: list[Any] = []
        for child in node.named_children:
            text = child.text.decode("utf-8", errors="replace")
            if child.type == "string_content":
                parts.append(text.replace("{{", "{").replace("}}", "}").replace('""', '"')
                             if verbatim else text.replace("{{", "{").replace("}}", "}"))
            elif child.type == "escape_sequence":
                escaped = unescape(text)
                if escaped is None or "\ud800" <= escaped <= "\udfff":  # a surrogate: not here
                    return UNKNOWN
                parts.append(escaped)
            elif child.type == "interpolation":
                inner = [c for c in child.named_children if c.type != "interpolation_brace"]
                if len(inner) != 1:  # an alignment or a format: how it prints is not known
                    parts.append(UNKNOWN)
                    continue
                v = self.value(inner[0], source)
                text_of = to_string(v)
                parts.append(text_of if text_of is not None else v if isinstance(v, Shape) else
                             (shape_of(v) or UNKNOWN) if formatted else UNKNOWN)
            elif child.type != "interpolation_start":
                return UNKNOWN
        if formatted:
            known = shapes.joined([*parts, UNKNOWN])
            return known if isinstance(known, Shape) else UNKNOWN
        return shapes.joined(parts)

    def _binary(self, node: ts.Node, source: Source) -> Any:
        op_node = node.child_by_field_name("operator")
        op = op_node.type if op_node is not None else ""
        left = self.value(node.child_by_field_name("left"), source)
        if op == "??":
            return self.value(node.child_by_field_name("right"), source) if left is None \
                else left if plain(left) else UNKNOWN
        right = self.value(node.child_by_field_name("right"), source)
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool)
                      for v in (left, right))
        if numbers and op in ("+", "-", "*"):
            result = left + right if op == "+" else left - right if op == "-" else left * right
            # an int beyond C#'s int does not compile as a constant, and wraps at run time
            return UNKNOWN if isinstance(result, int) and not _INT32[0] <= result <= _INT32[1] \
                else result
        if op == "+" and any(isinstance(v, (str, Shape)) for v in (left, right)):
            texts = [v if isinstance(v, Shape) else to_string(v) for v in (left, right)]
            joined = shapes.joined([UNKNOWN if t is None else t for t in texts])
            return UNKNOWN if isinstance(joined, str) and len(joined) > _BIG else joined
        return UNKNOWN

    # --- names
    def name(self, name: str, source: Source) -> Any:
        bound = source.binding(name)
        if bound is None:
            return UNKNOWN
        value = self.value(bound.value, source) if bound.value is not None else UNKNOWN
        # a collection or object the program changes after it is made is not known
        return UNKNOWN if bound.touched and origin(value) is None else value

    def _member(self, node: ts.Node, source: Source) -> Any:
        attr = node.child_by_field_name("name")
        base_node = node.child_by_field_name("expression")
        if attr is None or base_node is None:
            return UNKNOWN
        base = self.value(base_node, source)
        if isinstance(base, Resource):
            return Output(base, shapes.output(base.kind, camel(attr.text.decode())))
        if origin(base) is not None:
            return Output(origin(base))  # type: ignore[arg-type]
        if base_node.type == "predefined_type" and base_node.text == b"string" \
                and attr.text == b"Empty":
            return ""
        if base_node.type == "identifier" and not source.declares(base_node.text.decode()):
            found = self.project.constant(base_node.text.decode(), attr.text.decode())
            if found is not None:  # `Settings.Timeout`: a constant of a class of the project
                return self.value(found[1].value, found[0]) if found[1].value else UNKNOWN
        return UNKNOWN

    # --- objects
    def _new(self, node: ts.Node, source: Source) -> Any:
        kind = self.kind_of(node, source)
        if kind is not None:
            return Resource(kind, node, source)
        entries = self.object_entries(node, source)
        if entries is not None:
            return UNKNOWN if entries.open else \
                {k: self.value(e.value, e.scope) for k, e in entries.keywords.items()}
        initializer = _initializer(node)
        given = argument_list(node)
        if initializer is None or given is not None and given.named_child_count:
            return UNKNOWN
        return self._collection(initializer, source)  # `new Dictionary<,> {...}`, `new List<>`

    def _collection(self, node: ts.Node, source: Source) -> Any:
        """A collection initializer's map (`{ "k", "v" }`, `["k"] = v`) or list."""
        elements = [e for e in node.named_children if e.type != "comment"]
        pairs: dict[Any, Any] = {}
        for element in elements:
            if element.type == "initializer_expression" and element.named_child_count == 2:
                key, value = element.named_children
            elif element.type == "assignment_expression" and \
                    element.child_by_field_name("left").type == "element_binding_expression":
                index = element.child_by_field_name("left").named_children
                if len(index) != 1 or not index[0].named_children:
                    return UNKNOWN
                key, value = index[0].named_children[-1], element.child_by_field_name("right")
            else:
                break
            k = self.value(key, source)
            if not isinstance(k, str):
                return UNKNOWN
            pairs[k] = self.value(value, source)
        else:
            return pairs
        if any(e.type in ("assignment_expression", "initializer_expression") for e in elements):
            return UNKNOWN
        return [self.value(e, source) for e in elements]

    def object_entries(self, node: ts.Node | None, source: Source) -> Arguments | None:
        """The properties an `*Args` object (`new XArgs {...}`, `new() {...}`, a name bound to
        one) sets, by their camelCase names; None when the value is no such object."""
        for _ in range(DEEP):
            if node is None or node.type != "identifier":
                break
            bound = source.binding(node.text.decode())
            if bound is None or bound.touched:
                return None
            node = bound.value
        if node is None or node.type not in ("object_creation_expression",
                                             "implicit_object_creation_expression"):
            return None
        type_name = dotted(node.child_by_field_name("type"))
        given = argument_list(node)
        if node.type == "object_creation_expression" and \
                (type_name is None or not type_name.endswith("Args")) \
                or given is not None and given.named_child_count:
            return None
        out = Arguments({}, {}, [])
        initializer = _initializer(node)
        for member in initializer.named_children if initializer is not None else ():
            left = member.child_by_field_name("left") if member.type == "assignment_expression" \
                else None
            if left is None or left.type != "identifier":
                if member.type != "comment":
                    out.opened_by = out.opened_by or member
                if member.type != "comment" and not out.keywords and initializer is not None:
                    return None  # a collection, not an object
                continue
            key = camel(left.text.decode())
            out.keywords[key] = Entry(member.child_by_field_name("right"), source, member)
            out.outer[key] = member
        return out

    def resource_arguments(self, call: ts.Node, source: Source) -> Arguments:
        """A resource's inputs: the properties of its args object (the second argument);
        `positional` holds its name."""
        given = arguments(call)
        if given is None:
            return Arguments({}, {}, [], call)
        name = [Entry(given[0], source, given[0])] if given else []
        if len(given) < 2:
            return Arguments({}, {}, name)
        found = self.object_entries(given[1], source)
        if found is None:
            return Arguments({}, {}, name, given[1])
        written = given[1].type != "identifier"
        outer = {k: (v if written else given[1]) for k, v in found.outer.items()}
        return Arguments(found.keywords, outer, name, found.opened_by)

    def resource_props(self, resource: Resource) -> tuple[dict[str, Any], bool]:
        args = self.resource_arguments(resource.call, resource.scope)
        return {k: self.value(e.value, e.scope) for k, e in args.keywords.items()}, args.open

    def kind_of(self, node: ts.Node, source: Source) -> str | None:
        """The resource kind a `new T(...)` creates, when T certainly names a Pulumi.Aws class
        of the checks (through the file's `using` directives, else the project's global ones:
        a name both resolve differently does not compile)."""
        written = node.child_by_field_name("type") if node.type == "object_creation_expression" \
            else target_type(node)
        name = dotted(written)
        if name is None or name.rpartition(".")[2] not in _CLASS_NAMES:
            return None
        kinds = _kinds(name, source.aliases, source.namespaces)
        if not kinds:
            usings = self.project.global_usings()
            kinds = _kinds(name, *usings) if usings is not None else set()
        if len(kinds) != 1 or "." not in name and self.project.declares_type(name):
            return None  # ambiguous, or a type of the program's own may be meant
        return kinds.pop()

    # --- calls
    def _call(self, node: ts.Node, source: Source) -> Any:
        func = node.child_by_field_name("function")
        given = arguments(node)
        if func is None or func.type != "member_access_expression" or given is None:
            return UNKNOWN
        method = func.child_by_field_name("name")
        owner = dotted(func.child_by_field_name("expression"))
        if owner in ("Output", "Pulumi.Output") and not source.declares("Output") \
                and method is not None and len(given) == 1:
            if method.text == b"Format" and given[0].type == "interpolated_string_expression":
                return self._interpolated(given[0], source, formatted=True)
            if method.text == b"CreateSecret":
                return Secret(self.value(given[0], source))
        base = origin(self.value(func.child_by_field_name("expression"), source))
        return Output(base) if base is not None else UNKNOWN  # `fn.Arn.Apply(...)`

def _kinds(name: str, aliases: dict[str, str], namespaces: list[str]) -> set[str]:
    """The kinds of the classes a written type name may stand for under these usings."""
    head, _, rest = name.partition(".")
    full = f"{aliases[head]}.{rest}" if head in aliases and rest else name
    return {KIND_BY_CLASS[c] for c in [full, *(f"{n}.{full}" for n in namespaces)]
            if c in KIND_BY_CLASS}


def _initializer(node: ts.Node) -> ts.Node | None:
    found = node.child_by_field_name("initializer")
    return found if found is not None else next(
        (c for c in node.named_children if c.type == "initializer_expression"), None)


def _number(text: str) -> Any:
    integer = _INTEGER.fullmatch(text)
    if integer:
        digits = integer.group(1).replace("_", "")
        base = 16 if digits[:2] in ("0x", "0X") else 2 if digits[:2] in ("0b", "0B") else 10
        return int(digits, base)
    if _REAL.fullmatch(text) and any(c.isdigit() for c in text):
        try:
            return float(text.replace("_", "").rstrip("fFdDmM"))
        except ValueError:
            return UNKNOWN
    return UNKNOWN
