"""Intended top-level errors: they keep their message and `extensions.code` when masking."""

from __future__ import annotations

from graphql import GraphQLError


class RequestError(GraphQLError):
    """A malformed request the client can fix (bad cursor, page size, id format…)."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT", **extra) -> None:
        super().__init__(message, extensions={"code": code, **extra})


class NotAuthenticated(GraphQLError):
    def __init__(self, message: str = "请先登录（需要有效的 Bearer 令牌）") -> None:
        super().__init__(message, extensions={"code": "UNAUTHENTICATED"})


class Forbidden(GraphQLError):
    def __init__(self, message: str = "当前身份无权执行此操作") -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})
