"""Turning service problems into a mutation's typed `userErrors`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from enum import Enum
from typing import Any, TypeVar

from services.problems import Problem, ServiceError

E = TypeVar("E")


def user_errors(problems: Iterable[Problem], error_type: type[E], code_enum: type[Enum]) -> list[E]:
    """Each problem becomes `error_type(message, field, code)`; field paths use camelCase."""
    out: list[E] = []
    for p in problems:
        out.append(
            error_type(  # type: ignore[call-arg]
                message=p.message,
                field=[camel(part) for part in p.field] or None,
                code=code_enum(p.code),
            )
        )
    return out


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


async def payload_of(
    step: Callable[[], Awaitable[int]],
    load: Callable[[int], Awaitable[Any]],
    payload: type,
    error: type,
    code_enum: type[Enum],
    attribute: str,
) -> Any:
    """Run a service step; its problems become userErrors, its result is loaded fresh."""
    try:
        number = await step()
    except ServiceError as exc:
        return payload(**{attribute: None}, user_errors=user_errors(exc.problems, error, code_enum))
    return payload(**{attribute: await load(number)}, user_errors=[])
