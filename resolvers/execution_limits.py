"""The query cost limit (page sizes multiplied through nested lists) and the execution timeout."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Iterator
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    is_composite_type,
)
from strawberry.extensions import SchemaExtension

log = logging.getLogger("lingong.graphql")

DEFAULT_PAGE_SIZE = 20  # a connection without `first` (resolvers/pagination.py's default)
LIST_SIZE = 10  # a plain list of objects (a market's stations, a posting's occupations…)
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
OPERATION_TIMEOUT = "OPERATION_TIMEOUT"


def _unwrap(type_: Any) -> tuple[Any, bool]:
    """(named type, whether a list lies in between)."""
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(type_, GraphQLList)
        type_ = type_.of_type
    return type_, is_list


def _first(node: FieldNode, variables: dict[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value != "first":
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return given if isinstance(given, int) else None
    return None


def _page_size(field: GraphQLField, node: FieldNode, variables: dict[str, Any]) -> int | None:
    """The client's `first` (or the field's default, or DEFAULT_PAGE_SIZE); None if no `first`."""
    if "first" not in field.args:
        return None
    given = _first(node, variables)
    if given is None:
        given = field.args["first"].default_value
    return given if isinstance(given, int) and given >= 0 else DEFAULT_PAGE_SIZE


class _Costing:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def fields(self, selection_set: SelectionSetNode, seen: frozenset[str]) -> Iterator[FieldNode]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self.fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    yield from self.fields(fragment.selection_set, seen | {name})

    def cost(
        self,
        parent: Any,
        selection_set: SelectionSetNode,
        page: int | None = None,
        seen: frozenset[str] = frozenset(),
    ) -> int:
        """Objects this selection may return: each object counts 1. A list holds `page`
        objects when it sits right under a field with `first` (a connection's `edges`/`nodes`,
        a capped list), else LIST_SIZE; the counts multiply down nested lists. Scalars are
        free; abstract types add up the fields of every fragment (an upper bound)."""
        total = 0
        fields = getattr(parent, "fields", None) or {}
        for node in self.fields(selection_set, seen):
            field = fields.get(node.name.value)
            if field is None or node.selection_set is None:
                continue  # __typename, introspection (off in production), scalars
            named, is_list = _unwrap(field.type)
            if not is_composite_type(named):
                continue
            sized = _page_size(field, node, self.variables)
            inner = self.cost(self._concrete(named), node.selection_set, sized, seen)
            count = (page if page is not None else LIST_SIZE) if is_list else 1
            if sized is not None and is_list:  # a list sized by its own `first`
                count, inner = sized, self.cost(self._concrete(named), node.selection_set)
            total += count * (1 + inner)
        return total

    def _concrete(self, named: Any) -> Any:
        if isinstance(named, GraphQLObjectType):
            return named
        # An interface or union: fields of all its object types (fragments pick among them).
        merged: dict[str, GraphQLField] = {}
        for object_type in self.schema.get_possible_types(named):
            merged.update(object_type.fields)
        return type("Merged", (), {"fields": merged})


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None = None,
) -> int:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if not chosen:
        return 0
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    return _Costing(schema, document, variables or {}).cost(root, operation.selection_set)


def request_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> int:
    """query_cost of a request, cached. It depends on the variables only through the `first`s
    they give, so the cache keys on the document's text and those values (an int is a page
    size; any other value counts as no `first`, as _first reads it). The walk ran for every
    request: about a tenth of a trusted list's Python time. (Documents are keyed by their text:
    graphql-core's nodes hash their whole tree.)"""
    if document.loc is None:
        return query_cost(schema, document, operation_name, variables)
    key = _Text(document)
    names = _first_variables(key)
    given = variables if isinstance(variables, dict) else {}
    sizes = tuple(v if isinstance(v, int) else None for v in (given.get(n) for n in names))
    return _cost_by_sizes(schema, key, operation_name, names, sizes)


class _Text:
    """A document as a cache key: its source text (hashed once by Python, compared by value)."""

    __slots__ = ("document", "text")

    def __init__(self, document: DocumentNode) -> None:
        assert document.loc is not None
        self.document, self.text = document, document.loc.source.body

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Text) and other.text == self.text


@functools.lru_cache(maxsize=2048)
def _cost_by_sizes(
    schema: GraphQLSchema,
    key: _Text,
    operation_name: str | None,
    names: tuple[str, ...],
    sizes: tuple[int | None, ...],
) -> int:
    variables = dict(zip(names, sizes, strict=True))
    return query_cost(schema, key.document, operation_name, variables)


@functools.lru_cache(maxsize=512)
def _first_variables(key: _Text) -> tuple[str, ...]:
    """The variables any `first` argument of the document takes, in a fixed order."""
    names: set[str] = set()

    def walk(selection_set: SelectionSetNode | None) -> None:
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                for argument in selection.arguments or ():
                    if argument.name.value == "first" and isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)
            walk(getattr(selection, "selection_set", None))

    for definition in key.document.definitions:
        walk(getattr(definition, "selection_set", None))
    return tuple(sorted(names))


class QueryCostLimit(SchemaExtension):
    """Refuses, before anything runs, an operation that may return more than `max_cost`
    objects: `first` (or the default page size) multiplied through every nested list, so a
    100 × 100 × 100 document is refused while the frontend's documents pass. The cost and the
    limit are in `extensions`."""

    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.result is None and document is not None:
            schema = context.schema._schema
            variables = context.variables or {}
            name = context._provided_operation_name
            cost = request_cost(schema, document, name, variables)
            if cost > self.max_cost:
                error = GraphQLError(
                    f"查询成本 {cost} 超过上限 {self.max_cost}：请减小每页条数（first）或嵌套层数",
                    extensions={"code": QUERY_TOO_COSTLY, "cost": cost, "maxCost": self.max_cost},
                )
                context.result = ExecutionResult(data=None, errors=[error])
        yield


async def within_time_limit(execution: Awaitable[Any], seconds: float) -> Any:
    """Run an operation for at most `seconds`: past that it is cancelled (its transaction rolls
    back, its pool connection is released, a running PostgreSQL statement is cancelled by the
    driver) and the client gets an OPERATION_TIMEOUT error."""
    try:
        return await asyncio.wait_for(execution, timeout=seconds)
    except TimeoutError:
        log.warning("operation cancelled after %.1f s", seconds)
        error = GraphQLError(
            f"操作执行超过 {seconds:g} 秒，已取消，请缩小查询范围后重试",
            extensions={"code": OPERATION_TIMEOUT, "timeoutSeconds": seconds},
        )
        return ExecutionResult(data=None, errors=[error])
