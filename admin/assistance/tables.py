"""Admin tables of employment assistance (就业援助): staff tier overrides, and the assistance case
queue with cases that have an overdue plan step first; all read-only, moved by the forms started
from the rows (admin/assistance/forms.py)."""

from __future__ import annotations

from collections.abc import Callable

from piccolo.query import OrderByRaw
from piccolo.table import Table
from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy
from piccolo_api.crud.exceptions import MalformedQuery

from admin.assistance import guards
from admin.common import read_only
from admin.extension.crud import VirtualFilter
from services.timeutil import local, now
from tables import assistance as t
from tables.assistance import WorkerServiceTier

GROUP = "就业援助"
C = t.AssistanceCase


def _today() -> str:
    return local(now()).date().isoformat()


def overdue(value: str):
    if value not in ("true", "false"):
        raise MalformedQuery(f"筛选值无效：{value}")
    late = (C.status == "OPEN") & (C.next_due_on < local(now()).date())
    return late if value == "true" else C.id.not_in(C.select(C.id).where(late))


def _overdue_first() -> OrderByRaw:
    # The date is today's (Asia/Shanghai) from the server, never input.
    return OrderByRaw(
        f'CASE WHEN "assistance_case"."status" = \'OPEN\' AND '
        f'"assistance_case"."next_due_on" < \'{_today()}\' THEN 0 '
        'WHEN "assistance_case"."status" = \'OPEN\' THEN 1 ELSE 2 END'
    )


FILTERS: dict[type[Table], list[VirtualFilter]] = {
    C: [VirtualFilter("overdue", "有超期步骤", overdue)]
}
# Applied before the list's own order (admin/extension/crud.py): overdue cases, then open ones.
FIRST: dict[type[Table], Callable[[], OrderByRaw]] = {C: _overdue_first}


def assistance_tables() -> list[TableConfig]:
    T, S, Of, F = WorkerServiceTier, t.AssistanceStep, t.AssistanceOffer, t.AssistanceFollowUp
    return [
        TableConfig(
            T,
            menu_group=GROUP,
            visible_columns=[T.id, T.worker, T.tier, T.reason, T.decided_by, T.decided_at],
            visible_filters=[T.worker, T.tier],
            order_by=[OrderBy(T.decided_at, ascending=False)],
            validators=read_only(guards.OVERRIDES),
        ),
        TableConfig(
            C,
            menu_group=GROUP,
            visible_columns=[
                C.id,
                C.worker,
                C.status,
                C.next_due_on,
                C.case_worker,
                C.region,
                C.opened_at,
                C.outcome,
            ],
            visible_filters=[C.status, C.worker, C.region, C.outcome],
            # After the overdue and open cases come first: the earliest due step.
            order_by=[OrderBy(C.next_due_on), OrderBy(C.id)],
            validators=read_only(guards.CASES),
        ),
        TableConfig(
            S,
            menu_group=GROUP,
            visible_columns=[S.id, S.case, S.title, S.due_on, S.done, S.done_at],
            visible_filters=[S.case, S.done],
            order_by=[OrderBy(S.due_on)],
            validators=read_only(guards.STEPS),
        ),
        TableConfig(
            Of,
            menu_group=GROUP,
            visible_columns=[
                Of.id,
                Of.case,
                Of.kind,
                Of.posting,
                Of.course,
                Of.status,
                Of.offered_at,
            ],
            visible_filters=[Of.case, Of.kind, Of.status],
            order_by=[OrderBy(Of.offered_at, ascending=False)],
            validators=read_only(guards.OFFERS),
        ),
        TableConfig(
            F,
            menu_group=GROUP,
            visible_columns=[F.id, F.case, F.happened_on, F.channel, F.note, F.recorded_by],
            visible_filters=[F.case, F.channel],
            order_by=[OrderBy(F.happened_on, ascending=False)],
            validators=read_only(guards.FOLLOW_UPS),
        ),
    ]
