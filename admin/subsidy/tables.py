"""Admin tables of the subsidy domain (补贴): read-only lists; programmes are kept and
applications reviewed through the forms started from a row (admin/subsidy/forms.py)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy

from admin.common import read_only
from admin.subsidy import guards
from tables import subsidy as t

GROUP = "补贴"


def subsidy_tables() -> list[TableConfig]:
    P, A = t.SubsidyProgramme, t.SubsidyApplication
    return [
        TableConfig(
            P,
            menu_group=GROUP,
            visible_columns=[
                P.id,
                P.name,
                P.kind,
                P.amount_rule,
                P.amount_fen,
                P.budget_fen,
                P.committed_fen,
                P.approval_threshold_fen,
                P.ends_at,
                P.active,
            ],
            visible_filters=[P.kind, P.active, P.region],
            order_by=[OrderBy(P.ends_at)],
            validators=read_only(guards.PROGRAMMES),
        ),
        TableConfig(
            A,
            menu_group=GROUP,
            visible_columns=[
                A.id,
                A.programme,
                A.worker,
                A.market,
                A.amount_fen,
                A.status,
                A.submitted_at,
                A.first_approved_by,
                A.decided_by,
                A.payment_reference,
            ],
            visible_filters=[A.programme, A.status, A.region, A.worker, A.market],
            order_by=[OrderBy(A.submitted_at)],
            validators=read_only(guards.APPLICATIONS),
        ),
    ]
