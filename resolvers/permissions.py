"""Who may call a field: declared once on the field, checked before its resolver runs, and
written into the field's description so the SDL tells frontend teams.

    @strawberry.field(description="…", extensions=[allow(Role.OPERATOR, Role.STAFF)])
    async def thing(self, info: strawberry.Info) -> …:
        viewer = current_viewer(info)

Failures are top-level errors: UNAUTHENTICATED without a token, FORBIDDEN for another role.
What a role may see inside a field (its own records, its markets) stays in the resolver.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions.field_extension import (
    AsyncExtensionResolver,
    FieldExtension,
    SyncExtensionResolver,
)
from strawberry.types.field import StrawberryField

from resolvers.errors import Forbidden, NotAuthenticated
from services.auth.rules import Role, Viewer


class Allowed(FieldExtension):
    def __init__(self, roles: tuple[Role, ...]) -> None:
        self.roles = roles

    def apply(self, field: StrawberryField) -> None:
        who = ", ".join(self.roles) if self.roles else "any signed-in account"
        note = f"Allowed: {who}."
        field.description = f"{field.description}\n\n{note}" if field.description else note

    def check(self, info: strawberry.Info) -> None:
        viewer: Viewer | None = info.context.viewer
        if viewer is None:
            raise NotAuthenticated()
        if self.roles and viewer.role not in self.roles:
            raise Forbidden()

    def resolve(
        self, next_: SyncExtensionResolver, source: Any, info: strawberry.Info, **kwargs: Any
    ) -> Any:
        self.check(info)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: strawberry.Info, **kwargs: Any
    ) -> Any:
        self.check(info)
        return await next_(source, info, **kwargs)


def allow(*roles: Role) -> Allowed:
    """Only these roles may call the field; no roles: any signed-in account."""
    return Allowed(roles)


def current_viewer(info: strawberry.Info) -> Viewer:
    """The caller of a field guarded by `allow(...)` (always signed in there)."""
    viewer: Viewer | None = info.context.viewer
    if viewer is None:  # a field without `allow` asked for it: refuse rather than crash
        raise NotAuthenticated()
    return viewer
