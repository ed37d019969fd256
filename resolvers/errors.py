"""Intended top-level errors: they keep their message and `extensions.code` when masking."""

from __future__ import annotations

from graphql import GraphQLError


class RequestError(GraphQLError):
    """A malformed request the client can fix (bad cursor, page size, id format…): a Chinese
    message that starts with the argument's name, and `extensions.field`, the argument's path
    as a list (["where", "regionCode"]) like `userErrors.field`."""

    def __init__(
        self,
        message: str,
        code: str = "BAD_USER_INPUT",
        field: str | list[str] | None = None,
        **extra,
    ) -> None:
        if field is not None:
            extra["field"] = field.split(".") if isinstance(field, str) else list(field)
        super().__init__(message, extensions={"code": code, **extra})


class NotAuthenticated(GraphQLError):
    def __init__(self, message: str = "请先登录（需要有效的 Bearer 令牌）") -> None:
        super().__init__(message, extensions={"code": "UNAUTHENTICATED"})


class Forbidden(GraphQLError):
    def __init__(self, message: str = "当前身份无权执行此操作") -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})
