"""Employer workflow forms: verification and wage-arrears flags."""

from __future__ import annotations

from typing import Literal

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, dropdown, form, run_service, staff_id
from services.employer import rules as employer_rules
from tables.employer import Employer, WageArrearsFlag

GROUP = "即时快招"


DECISIONS = {"VERIFIED": "通过", "REJECTED": "不通过", "PENDING": "退回待审核"}
VERIFY, FLAG, CLEAR = "审核用工主体", "标记恶意欠薪", "解除欠薪标记"
ROW_ACTIONS = {
    Employer: [
        RowAction("审核通过", VERIFY, {"employer_id": ROW_ID, "decision": "VERIFIED"}),
        RowAction("审核不通过", VERIFY, {"employer_id": ROW_ID, "decision": "REJECTED"}),
        RowAction(FLAG, FLAG, {"employer_id": ROW_ID}),
        RowAction(CLEAR, CLEAR, {"employer_id": ROW_ID}),
    ],
    WageArrearsFlag: [RowAction(CLEAR, CLEAR, {"employer_id": "$row.employer"})],
}


class VerifyModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    decision: Literal["VERIFIED", "REJECTED", "PENDING"] = Field(
        title="审核结果", json_schema_extra=dropdown(DECISIONS)
    )
    note: str = Field(default="", title="审核说明")


class FlagModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    reason: str = Field(title="查实的欠薪情况（（十六））")


class ClearModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    note: str = Field(title="解除说明（如工资已足额支付）")


async def verify(request: Request, data: VerifyModel) -> str:
    await run_service(
        employer_rules.set_verification(
            data.employer_id, data.decision, staff_id(request), data.note
        )
    )
    return f"用工主体 {data.employer_id} 审核结果：{DECISIONS[data.decision]}"


async def flag(request: Request, data: FlagModel) -> str:
    await run_service(
        employer_rules.flag_wage_arrears(data.employer_id, data.reason, staff_id(request))
    )
    return f"已标记用工主体 {data.employer_id} 恶意欠薪；解除前不能发布招工信息"


async def clear(request: Request, data: ClearModel) -> str:
    await run_service(
        employer_rules.clear_wage_arrears(data.employer_id, data.note, staff_id(request))
    )
    return f"已解除用工主体 {data.employer_id} 的欠薪标记"


def employer_forms() -> list[FormConfig]:
    return [
        # The Chinese names are the slugs too (addresses staff and tests already use).
        form(VERIFY, VERIFY, VerifyModel, verify, "认定用工主体是否可以发布招工信息", GROUP),
        form(FLAG, FLAG, FlagModel, flag, "查实欠薪后标记；标记期间不能发布招工信息", GROUP),
        form(CLEAR, CLEAR, ClearModel, clear, "欠薪问题解决后解除标记", GROUP),
    ]
