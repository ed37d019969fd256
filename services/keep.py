"""KEEP: marks a field the caller left out of a partial update, so it keeps its value (None
stays a value the caller may send, e.g. to clear a field). One marker for every domain."""

from __future__ import annotations

from typing import Any


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()
