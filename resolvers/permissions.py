"""Permission checks; failures are top-level errors with UNAUTHENTICATED or FORBIDDEN codes."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from resolvers.errors import Forbidden, NotAuthenticated
from services.auth.rules import Viewer


def require_viewer(info: strawberry.Info, *roles: str) -> Viewer:
    """The viewer if signed in with one of `roles` (any role when none given)."""
    viewer: Viewer | None = info.context.viewer
    if viewer is None:
        raise NotAuthenticated()
    if roles and viewer.role not in roles:
        raise Forbidden()
    return viewer


class IsAuthenticated(BasePermission):
    message = "请先登录（需要有效的 Bearer 令牌）"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        require_viewer(info)
        return True


class HasRole(BasePermission):
    """Use as `PermissionExtension(permissions=[HasRole("STAFF", "OPERATOR")])`."""

    def __init__(self, *roles: str) -> None:
        self.roles = roles

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        require_viewer(info, *self.roles)
        return True
