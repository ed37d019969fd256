"""Chinese titles and labels of the audit log in the admin (审计日志)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.audit import AuditLog

# What each audited action is called (services/*: audit.record(actor, action, …)).
ACTIONS = {
    "admin.create": "后台新建",
    "admin.update": "后台修改",
    "admin.delete": "后台删除",
    "market.opening_hours": "设置开放时间",
    "employer.verification": "用工主体审核",
    "employer.wage_arrears_flag": "标记恶意欠薪",
    "employer.wage_arrears_clear": "解除欠薪标记",
    "certification.submit": "申报示范零工市场",
    "certification.recommend": "市级推荐",
    "certification.assess": "省级评审打分",
    "certification.publicise": "开始公示",
    "certification.objection": "登记公示异议",
    "certification.objection_resolve": "处理公示异议",
    "certification.certify": "认定示范零工市场",
    "certification.reject": "不予认定",
    "certification.revoke": "撤销认定",
    "assessment.run": "运行月度考核",
    "assessment.rerun": "重新核算考核",
    "assessment.approve": "批准考核",
    "assessment.reject": "驳回考核",
    "workload_report.submit": "提交工作量报告",
    "workload_report.amend": "更正工作量报告",
    "personal_data.reveal": "查看完整个人信息",
}
# Keys of before/after records that are not column names of the audited table.
RECORD_KEYS = {
    "status": "状态",
    "note": "说明",
    "reason": "原因",
    "summary": "摘要",
    "scores": "评分",
    "hours": "开放时间",
    "fields": "查看的信息",
}

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
            },
            "action": ACTIONS,
        },
    ),
}
