"""Business-rule problems shared by services, GraphQL userErrors and admin 422 responses."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    field: tuple[str, ...] = ()


@dataclass
class ServiceError(Exception):
    """Raised by services with every problem found, so callers can report them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "；".join(p.message for p in self.problems)


class Problems:
    """Collects problems while validating; `raise_if_any` ends validation with all of them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, message: str, *path: str) -> None:
        self.items.append(Problem(code=code, message=message, field=tuple(path)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ServiceError(list(self.items))
