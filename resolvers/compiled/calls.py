"""Strawberry resolvers called without strawberry's per-field wrapper, where that is the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLSchema


@dataclass(frozen=True, slots=True)
class DirectCall:
    """A strawberry resolver without arguments, field extensions or exception handlers, called
    as strawberry's own wrapper calls it (get_arguments): the source as `self` and as its
    parent/root parameters, a strawberry Info as its info parameter."""

    func: Any
    with_self: bool
    source_names: tuple[str, ...]
    info_name: str | None
    info_class: Any
    field: Any

    def __call__(self, source: Any, raw_info: Any) -> Any:
        kwargs = dict.fromkeys(self.source_names, source)
        if self.info_name is not None:
            kwargs[self.info_name] = self.info_class(_raw_info=raw_info, _field=self.field)
        return self.func(source, **kwargs) if self.with_self else self.func(**kwargs)


def direct_call(schema: GraphQLSchema, field: Any) -> DirectCall | None:
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    resolver = getattr(field, "base_resolver", None)
    if (
        resolver is None
        or strawberry_schema is None
        or strawberry_schema.exception_handlers
        or field.extensions
        or field.arguments
        or not callable(resolver.wrapped_func)
    ):
        return None
    sources = (resolver.parent_parameter, resolver.root_parameter)
    info = resolver.info_parameter
    return DirectCall(
        resolver.wrapped_func,
        resolver.self_parameter is not None,
        tuple(p.name for p in sources if p is not None),
        info.name if info is not None else None,
        strawberry_schema.config.info_class,
        field,
    )
