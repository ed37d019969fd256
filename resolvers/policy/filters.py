"""Translate PolicyWhereInput and `search` into SQL conditions."""

from __future__ import annotations

from datetime import date
from typing import Any

from resolvers.errors import RequestError
from resolvers.filters import checked_region_code, text_search
from schema.policy.inputs import PolicyWhereInput
from services.policy.audience import region_path
from services.policy.rules import CLAUSE
from tables import policy as t


def in_effect(day: date) -> list:
    """Published and in effect on `day` (Asia/Shanghai)."""
    return [
        t.PolicyItem.status == "PUBLISHED",
        t.PolicyItem.effective_from <= day,
        t.PolicyItem.effective_to.is_null() | (t.PolicyItem.effective_to >= day),
    ]


def covering(codes: tuple[str, ...]):
    """Items whose regions name one of `codes` (array membership, the same on both engines:
    codes are six ASCII digits, so SQLite's text match cannot hit a neighbour)."""
    condition: Any = t.PolicyItem.regions.any(codes[0])
    for code in codes[1:]:
        condition = condition | t.PolicyItem.regions.any(code)
    return condition


def conditions(where: PolicyWhereInput | None, search: str | None, day: date) -> list:
    where = where or PolicyWhereInput()
    out = in_effect(day)
    if where.region_code is not None:
        code = checked_region_code(where.region_code, "where.regionCode")
        path = region_path(code)
        if not path:
            raise RequestError("regionCode：浙江省内没有这个行政区划代码", field="where.regionCode")
        out.append(covering(path))
    if where.clause is not None:
        numbered = CLAUSE.fullmatch(where.clause.strip())
        if numbered is None:
            raise RequestError("clause：条款应写作“（十一）”这样的序号", field="where.clause")
        out.append(t.PolicyItem.clause == f"（{numbered['n']}）")
    if where.role is not None:
        out.append(t.PolicyItem.roles.any(where.role.value))
    matching = text_search(
        [
            t.PolicyItem.title,
            t.PolicyItem.summary,
            t.PolicyItem.body,
            t.PolicyItem.issuing_document,
        ],
        search,
    )
    if matching is not None:
        out.append(matching)
    return out
