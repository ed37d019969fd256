"""Assessment workflow forms: run, approve, reject."""

from __future__ import annotations

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, form, staff_id
from services.assessment import decisions, runs
from services.audit.rules import Actor
from services.money import yuan
from services.problems import ServiceError
from tables.assessment import Assessment

GROUP = "考核与绩效奖励"


_DECISION = {"assessment_id": ROW_ID, "version": "$row.version"}
ROW_ACTIONS = {
    Assessment: [
        RowAction("批准考核", "assessment-approve", _DECISION),
        RowAction("驳回考核", "assessment-reject", _DECISION),
    ]
}


class RunModel(BaseModel):
    period: str = Field(title="考核月份（YYYY-MM，须已结束）")
    market_id: int | None = Field(default=None, title="零工市场编号（留空则考核全部合同市场）")


async def run(request: Request, data: RunModel) -> str:
    try:
        result = await runs.run(
            data.period.strip(),
            Actor("STAFF", staff_id(request)),
            [data.market_id] if data.market_id is not None else None,
        )
    except ServiceError as exc:
        raise ValueError(str(exc)) from None  # the admin shows a ValueError's text as a 422
    return f"{data.period.strip()} 考核已运行：{result}。审批须由另一名工作人员办理"


class DecisionModel(BaseModel):
    assessment_id: int = Field(title="考核编号")
    version: int = Field(title="版本号（与“考核”表中核对的版本一致）")


class ApproveModel(DecisionModel):
    justification: str = Field(default="", title="审批说明（报告存疑时必填）")


async def approve(request: Request, data: ApproveModel) -> str:
    try:
        payout = await decisions.approve(
            data.assessment_id, data.version, staff_id(request), data.justification
        )
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return (
        f"考核 {data.assessment_id} 已批准，发放绩效奖励 {yuan(payout['amount_fen'])}"
        f"（发放记录 {payout['id']}），该月报告已锁定"
    )


class RejectModel(DecisionModel):
    reason: str = Field(title="驳回理由")


async def reject(request: Request, data: RejectModel) -> str:
    try:
        await decisions.reject(data.assessment_id, data.version, staff_id(request), data.reason)
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return f"考核 {data.assessment_id} 已驳回，该月报告已锁定"


def assessment_forms() -> list[FormConfig]:
    return [
        form(
            "assessment-run",
            "1 运行月度考核",
            RunModel,
            run,
            "按考核办法为公益性合同市场计算得分与拟发奖励（待审批）；可重复运行",
            GROUP,
        ),
        form(
            "assessment-approve",
            "2 批准考核",
            ApproveModel,
            approve,
            "须由运行考核以外的工作人员审批；批准后发放奖励并锁定该月报告",
            GROUP,
        ),
        form(
            "assessment-reject",
            "3 驳回考核",
            RejectModel,
            reject,
            "须由运行考核以外的工作人员办理；驳回后该月报告锁定",
            GROUP,
        ),
    ]
