"""Chinese titles and labels of the assessment domain in the admin (考核与绩效奖励)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import assessment as t

# The project's wording for each indicator (tables/assessment.py Indicator, the GraphQL
# schema): the same figure reads the same in the scheme, the reports and the API.
INDICATORS = {
    "registrations": "求职登记人数",
    "postings_published": "发布岗位数",
    "matches_confirmed": "确认对接数",
    "workers_onboarded": "到岗人数",
    "assisted_workers_placed": "困难人员就业数",
    "trainings_delivered": "培训人次",
    "disputes_mediated": "调处纠纷数",
}
YES_NO = {"0": "否", "1": "是"}

TITLES: dict[type[Table], Titles] = {
    t.AssessmentScheme: Titles(
        table="考核办法",
        columns={
            "id": "编号",
            "year": "年度",
            "name": "名称",
            "tolerance_percent": "上报差异容忍度（%）",
            "pass_score": "合格分",
            "monthly_reward_cap_fen": "每市场每月奖励上限（元）",
            "budget_fen": "年度奖励总预算（元）",
            "committed_fen": "已批准奖励（元）",
            "last_edited_by": "最后修改人",
            "updated_at": "更新时间",
        },
        users=frozenset({"last_edited_by"}),
    ),
    t.AssessmentIndicator: Titles(
        table="考核指标",
        columns={
            "id": "编号",
            "scheme": "考核办法",
            "indicator": "指标",
            "weight": "权重",
            "target": "月度目标值",
        },
        labels={"indicator": INDICATORS},
    ),
    t.WorkloadReport: Titles(
        table="工作量上报",
        columns={
            "id": "编号",
            "operator": "运营机构",
            "market": "零工市场",
            "period": "月份",
            "version": "版本",
            "is_current": "当月最新版本",
            "idempotency_key": "幂等键",
            "payload_hash": "内容哈希",
            **INDICATORS,
            "notes": "备注",
            "submitted_at": "上报时间",
            "submitted_by_token": "上报令牌编号",
            "locked_at": "锁定时间",
        },
        labels={"is_current": YES_NO},
    ),
    t.Assessment: Titles(
        table="月度考核",
        columns={
            "id": "编号",
            "scheme": "考核办法",
            "contract": "运营合同",
            "operator": "运营机构",
            "market": "零工市场",
            "period": "月份",
            "report": "工作量上报",
            "score_basis_points": "得分",
            "proposed_reward_fen": "拟发奖励（元）",
            "flagged": "上报差异超出容忍度",
            "reconciliation": "核对明细",
            "justification": "批准说明",
            "status": "状态",
            "last_edited_by": "核算人",
            "computed_at": "核算时间",
            "decided_by": "审批人",
            "decided_at": "审批时间",
            "reject_reason": "驳回原因",
            "version": "版本",
        },
        labels={
            "flagged": YES_NO,
            "status": {"DRAFT": "待审批", "APPROVED": "已批准", "REJECTED": "已驳回"},
        },
        users=frozenset({"last_edited_by", "decided_by"}),
    ),
    t.Payout: Titles(
        table="奖励发放",
        columns={
            "id": "编号",
            "assessment": "月度考核",
            "operator": "运营机构",
            "market": "零工市场",
            "period": "月份",
            "amount_fen": "发放金额（元）",
            "approved_by": "批准人",
            "created_at": "创建时间",
        },
        users=frozenset({"approved_by"}),
    ),
    t.ContractBudgetUsage: Titles(
        table="合同预算使用",
        columns={
            "id": "编号",
            "contract": "运营合同",
            "year": "年度",
            "committed_fen": "已批准奖励（元）",
        },
    ),
}
