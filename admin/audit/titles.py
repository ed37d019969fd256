"""Chinese titles and labels of the audit log in the admin (审计日志)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.audit import AuditLog

TITLES: dict[type[Table], Titles] = {
    AuditLog: Titles(
        table="审计日志",
        columns={
            "id": "编号",
            "occurred_at": "发生时间",
            "actor_type": "操作者类型",
            # Not a staff id for every row: it is the id of whatever actor_type names.
            "actor_id": "操作者编号",
            "action": "操作",
            "entity_type": "对象类型",
            "entity_id": "对象编号",
            "before": "变更前",
            "after": "变更后",
            "prev_hash": "前一条哈希",
            "hash": "本条哈希",
        },
        labels={
            # Plain Varchar codes: services/audit/rules.py Actor.type.
            "actor_type": {
                "STAFF": "工作人员",
                "OPERATOR": "运营机构",
                "WORKER": "零工",
                "EMPLOYER": "用工主体",
                "SYSTEM": "系统",
            }
        },
    ),
}
