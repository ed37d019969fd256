"""The committed SDL is the schema, and everything in it is described for frontend teams."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    specified_scalar_types,
)

from schema.root import schema

SDL = Path(__file__).resolve().parents[1] / "schema" / "schema.graphql"
REGENERATE = ".venv/bin/lingong export-schema (writes schema.as_str() plus a newline)"


def root_type_names(graphql_schema: GraphQLSchema) -> set[str]:
    roots = (
        graphql_schema.query_type,
        graphql_schema.mutation_type,
        graphql_schema.subscription_type,
    )
    return {t.name for t in roots if t is not None}


def undescribed(graphql_schema: GraphQLSchema) -> list[str]:
    """Every type, field, argument and enum value without a description, as dotted paths."""
    missing = []
    for name, type_ in sorted(graphql_schema.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        if not (type_.description or "").strip():
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if not (field.description or "").strip():
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in field.args.items():
                    if not (arg.description or "").strip():
                        missing.append(f"{name}.{field_name}({arg_name})")
        elif isinstance(type_, GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if not (field.description or "").strip():
                    missing.append(f"{name}.{field_name}")
        elif isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                if not (value.description or "").strip():
                    missing.append(f"{name}.{value_name}")
        else:
            assert isinstance(type_, GraphQLScalarType | GraphQLUnionType), name
    return missing


def test_committed_sdl_matches_the_schema():
    committed = SDL.read_text(encoding="utf-8")

    assert committed == schema.as_str() + "\n", (
        f"schema/schema.graphql is stale; regenerate it with: {REGENERATE}"
    )


def test_every_type_field_argument_and_enum_value_has_a_description():
    roots = root_type_names(schema._schema)

    missing = [m for m in undescribed(schema._schema) if m not in roots]

    assert missing == [], "add a description to: " + ", ".join(missing)


def test_root_operation_types_have_descriptions():
    roots = root_type_names(schema._schema)

    missing = [m for m in undescribed(schema._schema) if m in roots]

    assert missing == []


def test_relay_page_info_and_node_are_described():
    # Strawberry provides these; checked by name so an upgrade that drops them is noticed.
    graphql_schema = schema._schema
    page_info = graphql_schema.type_map["PageInfo"]
    node = graphql_schema.type_map["Node"]

    assert page_info.description and all(f.description for f in page_info.fields.values())
    assert node.description and node.fields["id"].description


def test_the_description_check_notices_a_gap():
    import strawberry

    @strawberry.type(description="Described.")
    class Query:
        @strawberry.field
        def bare(self, size: int) -> int:
            return size

    assert undescribed(strawberry.Schema(query=Query)._schema) == ["Query.bare", "Query.bare(size)"]
