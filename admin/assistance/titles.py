"""Chinese titles of employment assistance in the admin (就业援助)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.assistance import ServiceTier, WorkerServiceTier

TITLES: dict[type[Table], Titles] = {
    WorkerServiceTier: Titles(
        table="服务等级人工调整",
        columns={
            "id": "编号",
            "worker": "零工",
            "tier": "服务等级",
            "reason": "理由",
            "decided_by": "调整人",
            "decided_at": "调整时间",
        },
        labels={"tier": {c.value.value: c.value.display_name for c in ServiceTier}},
        users=frozenset({"decided_by"}),
    )
}
