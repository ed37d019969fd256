"""Plans of trusted query documents: what to resolve and how to complete it, decided once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLAbstractType,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    parse,
    validate,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues, get_argument_values
from graphql.type.introspection import TypeNameMetaFieldDef
from strawberry import relay

from resolvers.compiled.calls import DirectCall, direct_call

# Completion kinds, one per wrapping of the GraphQL type (graphql-core's complete_value).
NON_NULL, LIST, LEAF, OBJECT, ABSTRACT = range(5)
# The directives whose `if:` decides which fields are collected.
CONDITIONS = frozenset({"include", "skip"})


class NotCompiled(Exception):
    """Why a document stays on the generic executor."""


@dataclass(slots=True)
class Completion:
    """How a resolved value is completed into response data for one GraphQL type."""

    kind: int
    type: Any
    inner: Completion | None = None  # NON_NULL, LIST
    fields: list[FieldPlan] | None = None  # OBJECT
    is_type_of: Any = None  # OBJECT: strawberry's check of objects of types with interfaces
    by_type: dict[str, Completion] | None = None  # ABSTRACT: OBJECT completions by type name
    message: str = ""  # NON_NULL: graphql-core's message for a null
    # A leaf or a non-null leaf: its scalar or enum type, for lists of them (complete_list).
    leaf: Any = None


@dataclass(slots=True)
class FieldPlan:
    """One response key: how its value is resolved and completed."""

    key: str
    field_def: GraphQLField
    details: list[FieldDetails]  # graphql-core's field group (nodes for info and errors)
    nodes: list[FieldNode]
    parent_type: GraphQLObjectType
    completion: Completion
    # A strawberry field without resolver, extension or argument: read the attribute directly
    # (strawberry's own resolver for it ignores info and arguments).
    attribute: str | None = None
    getter: Any = None
    typename: str | None = None  # __typename: the parent type's name
    args: dict[str, Any] | None = None  # literal arguments coerced once; None: per request
    needs_info: bool = False  # a resolver, is_type_of or resolve_type reads the field's info
    # An attribute of a scalar or enum type: run_fields completes it inline.
    leaf: Any = None
    non_null: bool = False
    text: bool = False  # String or ID: a str is its own serialisation
    direct: DirectCall | None = None  # the resolver itself, without strawberry's wrapper
    # relay.Node's `id` on a type that keeps Node's resolve_id and resolve_typename: for a
    # source of exactly `node_class`, the global id of (parent type, this attribute).
    node_id_attr: str | None = None
    node_class: Any = None


@dataclass
class CompiledDocument:
    """A trusted query document: its operation and a plan per value of its condition
    variables (`@include(if: $x)`, `@skip(if: $x)`); one plan when it has none."""

    name: str
    schema: GraphQLSchema
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDetails]
    condition_variables: tuple[str, ...]
    plans: dict[tuple[Any, ...], list[FieldPlan]] = field(default_factory=dict)

    def plan_for(self, variable_values: VariableValues) -> list[FieldPlan]:
        coerced = variable_values.coerced
        key = tuple(coerced.get(name) for name in self.condition_variables)
        plan = self.plans.get(key)
        if plan is None:  # at most one plan per combination of booleans (and null)
            plan = self.plans[key] = _Planner(self, variable_values).root()
        return plan


def compile_document(schema: GraphQLSchema, text: str) -> CompiledDocument:
    """Parse, validate and plan one query document; NotCompiled says why it cannot be."""
    document = parse(text)
    errors = validate(schema, document)
    if errors:
        raise NotCompiled(f"does not validate: {errors[0].message}")
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].name is None:
        raise NotCompiled("not one named operation")
    operation = operations[0]
    assert operation.name is not None
    if operation.operation != OperationType.QUERY:
        # Mutations run serially in write transactions with their audit, subscriptions are
        # streams: both stay on graphql-core, where a planned walk would save little.
        raise NotCompiled(f"{operation.operation.value}: stays on the generic executor")
    fragments = {
        d.name.value: FragmentDetails(d)
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    if any(d.definition.variable_definitions for d in fragments.values()):
        raise NotCompiled("fragment variables")
    compiled = CompiledDocument(
        operation.name.value, schema, operation, fragments, _condition_variables(document)
    )
    if not compiled.condition_variables:
        compiled.plans[()] = _Planner(compiled, VariableValues({}, {})).root()
    return compiled


def _condition_variables(document: Any) -> tuple[str, ...]:
    names: set[str] = set()

    class Conditions(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: object) -> None:
            if node.name.value in CONDITIONS:
                for argument in node.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)

    visit(document, Conditions())
    return tuple(sorted(names))


def _uses_variables(node: FieldNode) -> bool:
    found = False

    class Variables(Visitor):
        def enter_variable(self, *_: object) -> None:
            nonlocal found
            found = True

    for argument in node.arguments or ():
        visit(argument, Variables())
    return found


class _Planner:
    """Walks the operation once with graphql-core's own field collection."""

    def __init__(self, compiled: CompiledDocument, variable_values: VariableValues) -> None:
        self.compiled = compiled
        self.schema = compiled.schema
        self.variable_values = variable_values

    def root(self) -> list[FieldPlan]:
        root_type = self.schema.query_type
        assert root_type is not None
        grouped, _, _ = collect_fields(
            self.schema,
            self.compiled.fragments,
            self.variable_values,
            root_type,
            self.compiled.operation,
        )
        return self.fields(root_type, grouped)

    def fields(
        self, parent_type: GraphQLObjectType, grouped: dict[str, list[FieldDetails]]
    ) -> list[FieldPlan]:
        plans = []
        for key, details in grouped.items():
            if any(d.fragment_variable_values is not None for d in details):
                raise NotCompiled("fragment variables")
            node = details[0].node
            field_def = self.schema.get_field(parent_type, node.name.value)
            if field_def is None:  # graphql-core leaves the key out
                continue
            plans.append(self.field(key, parent_type, field_def, details))
        return plans

    def field(
        self,
        key: str,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        details: list[FieldDetails],
    ) -> FieldPlan:
        node = details[0].node
        name = node.name.value
        completion = self.completion(field_def.type, details, f"{parent_type.name}.{name}")
        plan = FieldPlan(
            key, field_def, details, [d.node for d in details], parent_type, completion
        )
        plan.needs_info = _reads_info(completion)
        if field_def is TypeNameMetaFieldDef:
            plan.typename = parent_type.name
            return plan
        strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
        basic = getattr(field_def.resolve, "_is_default", False)
        if basic and strawberry_field is not None and not field_def.args and not node.arguments:
            plan.attribute = strawberry_field.python_name
            plan.getter = strawberry_field.default_resolver
            plan.non_null = completion.kind == NON_NULL
            leaf = completion.inner if completion.kind == NON_NULL else completion
            if leaf is not None and leaf.kind == LEAF:
                plan.leaf = leaf.type
                plan.text = leaf.type in (GraphQLString, GraphQLID)
            return plan
        plan.needs_info = True
        if not field_def.args and not node.arguments and strawberry_field is not None:
            plan.direct = direct_call(self.schema, strawberry_field)
            origin = _default_node(parent_type, strawberry_field)
            if origin is not None:
                plan.node_class, plan.node_id_attr = origin, origin.resolve_id_attr()
        if not field_def.args and not node.arguments:
            plan.args = {}
        elif not _uses_variables(node):
            try:
                args = get_argument_values(field_def, node, VariableValues({}, {}))
            except GraphQLError:
                args = None  # a literal graphql-core refuses: refused per request alike
            # Shared by every request: only values a resolver cannot change in place.
            plan.args = args if args is not None and _immutable(args) else None
        return plan

    def completion(self, type_: GraphQLOutputType, details: list, where: str) -> Completion:
        if is_non_null_type(type_):
            assert isinstance(type_, GraphQLNonNull)
            inner = self.completion(type_.of_type, details, where)
            message = f"Cannot return null for non-nullable field {where}."
            leaf = inner.type if inner.kind == LEAF else None
            return Completion(NON_NULL, type_, inner=inner, message=message, leaf=leaf)
        if is_list_type(type_):
            assert isinstance(type_, GraphQLList)
            return Completion(LIST, type_, inner=self.completion(type_.of_type, details, where))
        if is_leaf_type(type_):
            return Completion(LEAF, type_, leaf=type_)
        if is_abstract_type(type_):
            assert isinstance(type_, GraphQLAbstractType)
            possible = self.schema.get_possible_types(type_)
            by_type = {t.name: self.object(t, details) for t in possible}
            return Completion(ABSTRACT, type_, by_type=by_type)
        if is_object_type(type_):
            assert isinstance(type_, GraphQLObjectType)
            return self.object(type_, details)
        raise NotCompiled(f"{where}: unexpected output type {type_}")

    def object(self, type_: GraphQLObjectType, details: list) -> Completion:
        grouped, _, _ = collect_subfields(
            self.schema,
            self.compiled.fragments,
            self.variable_values,
            self.compiled.operation,
            type_,
            details,
        )
        fields = self.fields(type_, grouped)
        return Completion(OBJECT, type_, fields=fields, is_type_of=type_.is_type_of)


def _default_node(parent_type: GraphQLObjectType, strawberry_field: Any) -> Any:
    """The Python class of `parent_type` when `strawberry_field` is relay.Node's own `id`
    resolver and the class keeps Node's resolve_id and resolve_typename; None otherwise."""
    resolver = getattr(strawberry_field, "base_resolver", None)
    wrapped = getattr(resolver, "wrapped_func", None)
    if getattr(wrapped, "__func__", None) is not relay.Node._id.__func__:  # noqa: SLF001
        return None
    definition = (parent_type.extensions or {}).get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    if origin is None or not issubclass(origin, relay.Node):
        return None
    for name in ("resolve_id", "resolve_typename"):
        if getattr(origin, name).__func__ is not getattr(relay.Node, name).__func__:
            return None
    return origin


def _immutable(args: dict[str, Any]) -> bool:
    return all(isinstance(v, str | int | float | bool | Enum) or v is None for v in args.values())


def _reads_info(completion: Completion | None) -> bool:
    """Whether completing this field's value calls is_type_of or resolve_type (with info)."""
    while completion is not None:
        if completion.kind == ABSTRACT or (completion.kind == OBJECT and completion.is_type_of):
            return True
        completion = completion.inner
    return False
