"""Chinese titles and labels of the subsidy domain in the admin (补贴)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import subsidy as t
from tables.market import Ownership
from tables.training import TrainingCategory


def _labels(choices) -> dict[str, str]:
    return {c.value.value: c.value.display_name for c in choices}


TITLES: dict[type[Table], Titles] = {
    t.SubsidyProgramme: Titles(
        table="补贴项目",
        columns={
            "id": "编号",
            "name": "项目名称",
            "kind": "补贴类型",
            "description": "项目说明",
            "amount_rule": "计发方式",
            "amount_fen": "补贴标准（元）",
            "assistance_categories": "限援助对象",
            "training_category": "限培训类别",
            "training_within_months": "结业期限（月）",
            "region": "限地区",
            "market_ownership": "限零工市场性质",
            "starts_at": "申请开始",
            "ends_at": "申请截止",
            "budget_fen": "预算总额（元）",
            "committed_fen": "已批准金额（元）",
            "approval_threshold_fen": "复核金额线（元）",
            "active": "受理中",
            "last_edited_by": "最后修改人",
            "version": "版本",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
        labels={
            "kind": _labels(t.SubsidyKind),
            "amount_rule": _labels(t.AmountRule),
            "assistance_categories": _labels(t.AssistanceCategory),
            "training_category": _labels(TrainingCategory),
            "market_ownership": _labels(Ownership),
        },
        users=frozenset({"last_edited_by"}),
    ),
    t.SubsidyApplication: Titles(
        table="补贴申请",
        columns={
            "id": "编号",
            "programme": "补贴项目",
            "worker": "申请人",
            "market": "申请零工市场",
            "operator": "申请运营机构",
            "enrolment": "培训报名",
            "region": "所在县（市、区）",
            "applicant_key": "查重键",
            "quantity": "计量（人/分钟/人次）",
            "amount_fen": "申请金额（元）",
            "status": "状态",
            "submitted_at": "申请时间",
            "first_approved_by": "初审人",
            "first_approved_at": "初审时间",
            "decided_by": "审结人",
            "decided_at": "审结时间",
            "reject_reason": "驳回理由",
            "payment_reference": "支付凭证号",
            "paid_by": "发放登记人",
            "paid_at": "发放时间",
            "version": "版本",
        },
        labels={"status": _labels(t.ApplicationStatus)},
        users=frozenset({"first_approved_by", "decided_by", "paid_by"}),
    ),
}
