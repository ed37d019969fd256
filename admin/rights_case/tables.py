"""Admin tables of the rights domain (权益维护): the case queue per department with open cases
first and the most overdue at the top, the moderation queue, the gathering-place register.
Cases and review items move only through the forms started from their rows (forms.py)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy
from piccolo_api.crud.hooks import Hook, HookType

from admin.common import read_only
from admin.rights_case import guards
from tables import rights_case as t

GROUP = "权益维护"


def rights_case_tables() -> list[TableConfig]:
    C, S, W, R, G = (
        t.RightsCase,
        t.RightsCaseStep,
        t.WageSettlement,
        t.PostingReview,
        t.GatheringPlace,
    )
    return [
        TableConfig(
            C,
            menu_group=GROUP,
            visible_columns=[
                C.id,
                C.kind,
                C.status,
                C.department,
                C.step_due_at,
                C.market,
                C.employer,
                C.amount_claimed_fen,
                C.opened_at,
            ],
            visible_filters=[
                C.department,
                C.status,
                C.kind,
                C.market,
                C.employer,
                C.gathering_place,
                C.channel,
            ],
            # After the open cases come first (admin/rights_case/filters.py): earliest deadline.
            order_by=[OrderBy(C.step_due_at), OrderBy(C.id)],
            validators=read_only(guards.CASES),
        ),
        TableConfig(
            S,
            menu_group=GROUP,
            visible_filters=[S.rights_case, S.action, S.department],
            order_by=[OrderBy(S.id, ascending=False)],
            validators=read_only(guards.STEPS),
        ),
        TableConfig(
            R,
            menu_group=GROUP,
            visible_columns=[
                R.id,
                R.posting,
                R.source,
                R.reason,
                R.matched_terms,
                R.status,
                R.created_at,
                R.decided_by,
            ],
            visible_filters=[R.status, R.source, R.reason, R.posting],
            order_by=[OrderBy(R.created_at)],
            validators=read_only(guards.REVIEWS),
        ),
        TableConfig(
            G,
            menu_group=GROUP,
            visible_columns=[
                G.id,
                G.name,
                G.address,
                G.region,
                G.market,
                G.typical_hours,
                G.typical_size,
                G.status,
                G.updated_at,
            ],
            visible_filters=[G.region, G.status, G.market, G.name],
            hooks=[
                Hook(HookType.pre_save, guards.place_pre_save),
                Hook(HookType.pre_patch, guards.place_pre_patch),
                Hook(HookType.pre_delete, guards.place_pre_delete),
            ],
        ),
        TableConfig(
            W,
            menu_group=GROUP,
            visible_filters=[W.status, W.method, W.application],
            order_by=[OrderBy(W.id, ascending=False)],
            validators=read_only(guards.SETTLEMENTS),
        ),
    ]
