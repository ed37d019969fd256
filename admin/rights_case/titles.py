"""Chinese titles and labels of the rights domain in the admin (权益维护、招工信息审核、零散聚集点)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import rights_case as t


def _labels(choices) -> dict[str, str]:
    return {c.value.value: c.value.display_name for c in choices}


ACTOR_ROLES = {"WORKER": "零工", "OPERATOR": "运营机构", "STAFF": "工作人员", "SYSTEM": "系统"}
STEP_ACTIONS = {
    "FILE": "登记",
    "ACCEPT": "受理",
    "MEDIATE": "开始调解",
    "RESOLVE": "办结",
    "ROUTE": "转办",
    "REFER": "移送",
    "CLOSE": "关闭",
}

TITLES: dict[type[Table], Titles] = {
    t.RightsCase: Titles(
        table="维权案件",
        columns={
            "id": "编号",
            "market": "零工市场",
            "employer": "用工主体",
            "worker": "零工",
            "kind": "案件类型",
            "status": "状态",
            "summary": "事由",
            "opened_at": "登记时间",
            "resolved_at": "结案时间",
            "recorded_by": "登记人",
            "posting": "招工信息",
            "application": "报名记录",
            "channel": "来源渠道",
            "filed_by": "登记方（类型:编号）",
            "department": "办理部门",
            "step_due_at": "本环节办理期限",
            "outcome": "办理结果",
            "outcome_note": "结果说明",
            "referred_to": "移送机关",
            "amount_claimed_fen": "主张金额（元）",
            "amount_recovered_fen": "追回金额（元）",
            "place_address": "发生地址",
            "place_latitude": "发生地纬度",
            "place_longitude": "发生地经度",
            "mediator_role": "调解方",
            "version": "版本",
            "gathering_place": "零散聚集点",
        },
        labels={
            "kind": _labels(t.RightsCaseKind),
            "status": _labels(t.RightsCaseStatus),
            "department": _labels(t.Department),
            # Plain Varchar codes written by services/rights_case.
            "outcome": _labels(t.RightsCaseOutcome),
            "channel": {"ONLINE": "线上", "ON_SITE": "现场", "PHONE": "电话"},
            "mediator_role": {"OPERATOR": "运营机构", "STAFF": "工作人员"},
        },
        users=frozenset({"recorded_by"}),
    ),
    t.RightsCaseStep: Titles(
        table="案件办理环节",
        columns={
            "id": "编号",
            "rights_case": "维权案件",
            "action": "操作",
            "status": "操作后状态",
            "department": "办理部门",
            "actor_role": "操作方",
            "actor_id": "操作方编号",
            "note": "说明",
            "occurred_at": "时间",
        },
        labels={
            "action": STEP_ACTIONS,
            "status": _labels(t.RightsCaseStatus),
            "department": _labels(t.Department),
            "actor_role": ACTOR_ROLES,
        },
    ),
    t.WageSettlement: Titles(
        table="工资结算记录",
        columns={
            "id": "编号",
            "application": "报名记录",
            "amount_fen": "支付金额（元）",
            "method": "支付方式",
            "paid_at": "支付时间",
            "recorded_at": "登记时间",
            "status": "状态",
            "answered_at": "零工答复时间",
            "dispute_reason": "异议理由",
            "rights_case": "转成的维权案件",
            "version": "版本",
        },
        labels={"method": _labels(t.PaymentMethod), "status": _labels(t.SettlementStatus)},
    ),
    t.PostingReview: Titles(
        table="招工信息审核",
        columns={
            "id": "编号",
            "posting": "招工信息",
            "source": "来源",
            "reason": "举报类型",
            "matched_terms": "筛查命中用语",
            "note": "说明",
            "reported_by": "举报零工",
            "status": "状态",
            "decided_by": "审核人",
            "decided_at": "审核时间",
            "decision_note": "审核意见",
            "created_at": "提交时间",
            "version": "版本",
        },
        labels={
            "source": _labels(t.ReviewSource),
            "status": _labels(t.ReviewStatus),
            "reason": {
                "FALSE_INFO": "信息虚假",
                "UNPAID": "不付工资",
                "DISCRIMINATORY": "就业歧视",
                "OTHER": "其他",
            },
        },
        users=frozenset({"decided_by"}),
    ),
    t.GatheringPlace: Titles(
        table="零散聚集点",
        columns={
            "id": "编号",
            "name": "名称",
            "address": "地址",
            "region": "所在县（市、区）",
            "market": "引导进入的零工市场",
            "latitude": "纬度",
            "longitude": "经度",
            "typical_hours": "通常聚集时段",
            "typical_size": "通常聚集人数",
            "measures": "已采取的措施",
            "status": "状态",
            "recorded_by": "登记人",
            "created_at": "登记时间",
            "updated_at": "更新时间",
            "version": "版本",
        },
        labels={"status": _labels(t.GatheringStatus)},
        users=frozenset({"recorded_by"}),
    ),
}
