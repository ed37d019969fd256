"""The case queue's 已超期 filter and order: open cases first, the most overdue at the top
(the same rule as the API's `overdue` and `orderBy: DUE_AT`, services/rights_case/routing.py)."""

from __future__ import annotations

from collections.abc import Callable

from piccolo.query import OrderByRaw
from piccolo.table import Table
from piccolo_api.crud.exceptions import MalformedQuery

from admin.extension.crud import VirtualFilter
from services.rights_case import routing
from services.timeutil import now
from tables import rights_case as t


def overdue(value: str):
    if value not in ("true", "false"):
        raise MalformedQuery(f"筛选值无效：{value}")
    late = t.RightsCase.status.is_in(list(routing.OPEN)) & (t.RightsCase.step_due_at <= now())
    if value == "true":
        return late
    return t.RightsCase.id.not_in(t.RightsCase.select(t.RightsCase.id).where(late))


def _open_first(table: str, column: str, values: tuple[str, ...]) -> OrderByRaw:
    codes = ", ".join(f"'{v}'" for v in values)  # fixed codes from the services, not input
    return OrderByRaw(f'CASE WHEN "{table}"."{column}" IN ({codes}) THEN 0 ELSE 1 END')


FILTERS: dict[type[Table], list[VirtualFilter]] = {
    t.RightsCase: [VirtualFilter("overdue", "已超期", overdue)]
}

# Applied before the list's own order (admin/extension/crud.py): the queue stays a queue.
FIRST: dict[type[Table], Callable[[], OrderByRaw]] = {
    t.RightsCase: lambda: _open_first("rights_case", "status", routing.OPEN),
    t.PostingReview: lambda: _open_first("posting_review", "status", ("OPEN",)),
}
