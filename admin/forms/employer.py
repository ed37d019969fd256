"""Employer workflow in the admin: verification and wage-arrears forms, and column guards."""

# The forms call resolvers/employer/services; the guards keep the workflow columns out of
# direct edits.

from __future__ import annotations

from typing import Literal

from piccolo_admin.endpoints import FormConfig, TableConfig
from piccolo_api.crud.hooks import Hook, HookType
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request

from admin.forms import staff_id
from services.employer import rules as employer_rules
from services.identifiers import is_valid_uscc
from services.problems import ServiceError
from tables.employer import Employer, WageArrearsFlag

GROUP = "即时快招"
WORKFLOW_COLUMNS = {"verification_status", "verified_at", "verified_by"}
# Keyed hash, ciphertext and masked copy must stay consistent: only the services write them.
PERSONAL_COLUMNS = {"phone_hash", "phone_encrypted", "phone_masked", "account"}


def _names(values: dict) -> set[str]:
    return {k._meta.name if hasattr(k, "_meta") else k for k in values}


async def employer_pre_save(row: Employer) -> Employer:
    if (row.verification_status or "PENDING") != "PENDING":
        raise HTTPException(422, "新建的用工主体须为待审核；审核请使用“审核用工主体”表单")
    if row.uscc and not is_valid_uscc(row.uscc.strip().upper()):
        raise HTTPException(422, "统一社会信用代码无效（长度、字符或校验位不符）")
    return row


async def employer_pre_patch(row_id: int, values: dict) -> dict:
    names = _names(values)
    if names & WORKFLOW_COLUMNS:
        raise HTTPException(422, "审核状态不能直接修改，请使用“审核用工主体”表单")
    if names & PERSONAL_COLUMNS:
        raise HTTPException(422, "手机号与账号只能由用工主体本人在平台上修改")
    uscc = {k._meta.name if hasattr(k, "_meta") else k: v for k, v in values.items()}.get("uscc")
    if uscc and not is_valid_uscc(str(uscc).strip().upper()):
        raise HTTPException(422, "统一社会信用代码无效（长度、字符或校验位不符）")
    return values


async def flag_read_only(*args, **kwargs):
    raise HTTPException(422, "欠薪标记只能通过“标记恶意欠薪”和“解除欠薪标记”表单处理")


class VerifyModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    decision: Literal["VERIFIED", "REJECTED", "PENDING"] = Field(
        title="审核结果", description="VERIFIED 通过 / REJECTED 不通过 / PENDING 退回待审核"
    )
    note: str = Field(default="", title="审核说明")


class FlagModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    reason: str = Field(title="查实的欠薪情况（（十六））")


class ClearModel(BaseModel):
    employer_id: int = Field(title="用工主体编号")
    note: str = Field(title="解除说明（如工资已足额支付）")


async def _run(call) -> None:
    try:
        await call
    except ServiceError as exc:
        raise ValueError(str(exc)) from None  # the admin shows a ValueError's text as a 422


async def verify(request: Request, data: VerifyModel) -> str:
    await _run(
        employer_rules.set_verification(
            data.employer_id, data.decision, staff_id(request), data.note
        )
    )
    return f"用工主体 {data.employer_id} 审核结果：{data.decision}"


async def flag(request: Request, data: FlagModel) -> str:
    await _run(employer_rules.flag_wage_arrears(data.employer_id, data.reason, staff_id(request)))
    return f"已标记用工主体 {data.employer_id} 恶意欠薪；解除前不能发布招工信息"


async def clear(request: Request, data: ClearModel) -> str:
    await _run(employer_rules.clear_wage_arrears(data.employer_id, data.note, staff_id(request)))
    return f"已解除用工主体 {data.employer_id} 的欠薪标记"


def employer_forms() -> list[FormConfig]:
    return [
        FormConfig("审核用工主体", VerifyModel, verify, "认定用工主体是否可以发布招工信息", GROUP),
        FormConfig(
            "标记恶意欠薪", FlagModel, flag, "查实欠薪后标记；标记期间不能发布招工信息", GROUP
        ),
        FormConfig("解除欠薪标记", ClearModel, clear, "欠薪问题解决后解除标记", GROUP),
    ]


def employer_tables() -> list[TableConfig]:
    return [
        TableConfig(
            Employer,
            menu_group=GROUP,
            visible_columns=[
                Employer.id,
                Employer.name,
                Employer.kind,
                Employer.uscc,
                Employer.phone_masked,
                Employer.region,
                Employer.verification_status,
                Employer.verified_at,
            ],
            visible_filters=[Employer.name, Employer.kind, Employer.verification_status],
            hooks=[
                Hook(HookType.pre_save, employer_pre_save),
                Hook(HookType.pre_patch, employer_pre_patch),
            ],
        ),
        TableConfig(
            WageArrearsFlag,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, flag_read_only),
                Hook(HookType.pre_patch, flag_read_only),
                Hook(HookType.pre_delete, flag_read_only),
            ],
        ),
    ]
