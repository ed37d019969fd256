"""Translate RightsCaseWhereInput and `search` into SQL conditions."""

from __future__ import annotations

from piccolo.custom_types import Combinable

from resolvers.filters import text_search
from resolvers.global_ids import decode_id
from schema.rights_case.inputs import RightsCaseWhereInput
from services.rights_case.routing import OPEN
from services.timeutil import now
from tables import rights_case as t


def conditions(where: RightsCaseWhereInput | None, search: str | None) -> list[Combinable]:
    where = where or RightsCaseWhereInput()
    out: list[Combinable] = []
    if where.status:
        out.append(t.RightsCase.status.is_in([s.value for s in where.status]))
    if where.kind:
        out.append(t.RightsCase.kind.is_in([k.value for k in where.kind]))
    if where.department:
        out.append(t.RightsCase.department.is_in([d.value for d in where.department]))
    if where.market_id is not None:
        # An unknown or malformed market id simply matches nothing (id 0 never exists).
        out.append(t.RightsCase.market == (decode_id(where.market_id, "Market") or 0))
    if where.overdue is not None:
        late = t.RightsCase.status.is_in(list(OPEN)) & (t.RightsCase.step_due_at <= now())
        if where.overdue:
            out.append(late)
        else:
            out.append(t.RightsCase.status.not_in(list(OPEN)) | (t.RightsCase.step_due_at > now()))
    matching = text_search([t.RightsCase.summary, t.RightsCase.place_address], search)
    if matching is not None:
        out.append(matching)
    return out
