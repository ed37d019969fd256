"""Admin table of employment assistance (就业援助): staff tier overrides, read-only (set from
the worker's record with 调整服务等级)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy

from admin.common import read_only
from tables.assistance import WorkerServiceTier

GROUP = "就业援助"
OVERRIDES = "服务等级请从零工记录的“调整服务等级”设置（须写明理由并记入审计）"


def assistance_tables() -> list[TableConfig]:
    T = WorkerServiceTier
    return [
        TableConfig(
            T,
            menu_group=GROUP,
            visible_columns=[T.id, T.worker, T.tier, T.reason, T.decided_by, T.decided_at],
            visible_filters=[T.worker, T.tier],
            order_by=[OrderBy(T.decided_at, ascending=False)],
            validators=read_only(OVERRIDES),
        )
    ]
