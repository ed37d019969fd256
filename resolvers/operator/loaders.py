"""Operator batch loader (public view: name only)."""

from __future__ import annotations

from schema.operator.types import Operator
from tables.operator import Operator as OperatorRow


async def load_operators(ids: list[int]) -> list[Operator | None]:
    rows = await OperatorRow.select(OperatorRow.id, OperatorRow.name).where(
        OperatorRow.id.is_in(list(set(ids)))
    )
    by_id = {r["id"]: Operator(id=r["id"], name=r["name"]) for r in rows}
    return [by_id.get(i) for i in ids]
