"""Chinese titles of employment assistance in the admin (就业援助): tiers and assistance cases."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import assistance as t
from tables.assistance import ServiceTier, WorkerServiceTier


def _labels(choices) -> dict[str, str]:
    return {c.value.value: c.value.display_name for c in choices}


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
    ),
    t.AssistanceCase: Titles(
        table="援助档案",
        columns={
            "id": "编号",
            "worker": "零工",
            "region": "所在区县",
            "case_worker": "经办人",
            "status": "状态",
            "open_key": "进行中标记",
            "next_due_on": "最早未完成步骤期限",
            "outcome": "结案结果",
            "outcome_note": "结案说明",
            "opened_by": "建档人",
            "opened_at": "建档时间",
            "closed_by": "结案人",
            "closed_at": "结案时间",
            "version": "版本",
        },
        labels={"status": _labels(t.CaseStatus), "outcome": _labels(t.CaseOutcome)},
        users=frozenset({"case_worker", "opened_by", "closed_by"}),
    ),
    t.AssistanceStep: Titles(
        table="援助步骤",
        columns={
            "id": "编号",
            "case": "援助档案",
            "title": "援助步骤",
            "due_on": "完成期限",
            "done": "已完成",
            "done_at": "完成时间",
            "done_by": "完成登记人",
            "created_by": "添加人",
            "created_at": "添加时间",
        },
        users=frozenset({"done_by", "created_by"}),
    ),
    t.AssistanceOffer: Titles(
        table="援助推荐",
        columns={
            "id": "编号",
            "case": "援助档案",
            "kind": "推荐类型",
            "posting": "招工信息",
            "course": "培训课程",
            "note": "推荐说明",
            "status": "答复",
            "answer_reason": "谢绝理由",
            "answered_at": "答复时间",
            "application": "报名记录",
            "enrolment": "培训报名",
            "offered_by": "推荐人",
            "offered_at": "推荐时间",
            "version": "版本",
        },
        labels={"kind": _labels(t.OfferKind), "status": _labels(t.OfferStatus)},
        users=frozenset({"offered_by"}),
    ),
    t.AssistanceFollowUp: Titles(
        table="援助回访",
        columns={
            "id": "编号",
            "case": "援助档案",
            "happened_on": "回访日期",
            "channel": "回访方式",
            "note": "回访情况",
            "recorded_by": "记录人",
            "recorded_at": "记录时间",
        },
        labels={"channel": _labels(t.FollowUpChannel)},
        users=frozenset({"recorded_by"}),
    ),
}
