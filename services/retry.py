"""Run a write transaction again when a unique index caught a concurrent twin."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from services.db import is_unique_violation

T = TypeVar("T")
ATTEMPTS = 3


async def retrying(attempt: Callable[[], Awaitable[T]]) -> T:
    """The transactions here serialise on the audit chain lock, so a twin normally waits and
    then sees the first one's rows; the unique indexes are the backstop for anything that did
    not, and the retry reads what the winner wrote."""
    for n in range(ATTEMPTS):
        try:
            return await attempt()
        except Exception as exc:
            if n + 1 == ATTEMPTS or not is_unique_violation(exc):
                raise
    raise AssertionError("unreachable")
