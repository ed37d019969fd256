"""An executable GraphQL document printed exactly as graphql-js 16's `print` prints it."""

from __future__ import annotations

import re
from typing import Any

from graphql import language as ast

# graphql-core 3.3 prints like graphql-js 17 (`{ a: 1 }`, wrapped lists); the clients' graphql
# (16, as Apollo Client and GraphQL Code Generator use it) prints `{a: 1}`. Hashes of the trusted
# documents are of this text, so a client can compute them with its own `print`.
MAX_LINE_LENGTH = 80
_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f-\x9f]')
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _join(parts: Any, separator: str = "") -> str:
    return separator.join(p for p in (parts or ()) if p)


def _wrap(start: str, text: str | None, end: str = "") -> str:
    return f"{start}{text}{end}" if text else ""


def _indent(text: str) -> str:
    return _wrap("  ", text.replace("\n", "\n  "))


def _block(parts: list[str]) -> str:
    return _wrap("{\n", _indent(_join(parts, "\n")), "\n}")


def _string(value: str) -> str:
    return '"' + _ESCAPED.sub(lambda m: _SHORT.get(m[0]) or f"\\u{ord(m[0]):04X}", value) + '"'


def _all(nodes: Any, separator: str) -> str:
    return _join([print_document(n) for n in nodes or ()], separator)


def print_document(node: ast.Node) -> str:  # noqa: PLR0911, PLR0912 (one case per node kind)
    """graphql-js 16 `print(node)` for the nodes of executable documents."""
    match node:
        case ast.DocumentNode():
            return _all(node.definitions, "\n\n")
        case ast.OperationDefinitionNode():
            variables = _wrap("(", _all(node.variable_definitions, ", "), ")")
            name = node.name.value if node.name else ""
            prefix = _join(
                [node.operation.value, name + variables, _all(node.directives, " ")], " "
            )
            return ("" if prefix == "query" else prefix + " ") + print_document(node.selection_set)
        case ast.VariableDefinitionNode():
            default = print_document(node.default_value) if node.default_value else None
            return (
                f"${node.variable.name.value}: {print_document(node.type)}"
                + _wrap(" = ", default)
                + _wrap(" ", _all(node.directives, " "))
            )
        case ast.SelectionSetNode():
            return _block([print_document(s) for s in node.selections])
        case ast.FieldNode():
            prefix = _wrap("", node.alias.value if node.alias else None, ": ") + node.name.value
            line = prefix + _wrap("(", _all(node.arguments, ", "), ")")
            if len(line) > MAX_LINE_LENGTH:
                line = prefix + _wrap("(\n", _indent(_all(node.arguments, "\n")), "\n)")
            selections = print_document(node.selection_set) if node.selection_set else ""
            return _join([line, _all(node.directives, " "), selections], " ")
        case ast.ArgumentNode() | ast.ObjectFieldNode():
            return f"{node.name.value}: {print_document(node.value)}"
        case ast.FragmentSpreadNode():
            return "..." + node.name.value + _wrap(" ", _all(node.directives, " "))
        case ast.InlineFragmentNode():
            condition = node.type_condition.name.value if node.type_condition else None
            return _join(
                [
                    "...",
                    _wrap("on ", condition),
                    _all(node.directives, " "),
                    print_document(node.selection_set),
                ],
                " ",
            )
        case ast.FragmentDefinitionNode():
            return (
                f"fragment {node.name.value}"
                + _wrap("(", _all(node.variable_definitions, ", "), ")")
                + f" on {node.type_condition.name.value} "
                + _wrap("", _all(node.directives, " "), " ")
                + print_document(node.selection_set)
            )
        case ast.IntValueNode() | ast.FloatValueNode() | ast.EnumValueNode():
            return node.value
        case ast.StringValueNode():
            if node.block:  # graphql-js re-indents block strings; the contract does not use them
                raise ValueError("block strings are not supported in trusted documents")
            return _string(node.value)
        case ast.BooleanValueNode():
            return "true" if node.value else "false"
        case ast.NullValueNode():
            return "null"
        case ast.VariableNode():
            return "$" + node.name.value
        case ast.ListValueNode():
            return "[" + _all(node.values, ", ") + "]"
        case ast.ObjectValueNode():
            return "{" + _all(node.fields, ", ") + "}"
        case ast.DirectiveNode():
            return "@" + node.name.value + _wrap("(", _all(node.arguments, ", "), ")")
        case ast.NamedTypeNode():
            return node.name.value
        case ast.ListTypeNode():
            return "[" + print_document(node.type) + "]"
        case ast.NonNullTypeNode():
            return print_document(node.type) + "!"
    raise ValueError(f"not part of an executable document: {node.kind}")
