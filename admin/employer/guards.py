"""Employer guards: verification and personal columns stay out of direct edits."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from admin.common import protected_changes
from services.identifiers import is_valid_uscc
from tables.employer import Employer

WORKFLOW_COLUMNS = {"verification_status", "verified_at", "verified_by"}


# Keyed hash, ciphertext and masked copy must stay consistent: only the services write them.
PERSONAL_COLUMNS = {"phone_hash", "phone_encrypted", "phone_masked", "account"}


async def employer_pre_save(row: Employer) -> Employer:
    if (row.verification_status or "PENDING") != "PENDING":
        raise HTTPException(422, "新建的用工主体须为待审核；审核请使用“审核用工主体”表单")
    if row.uscc and not is_valid_uscc(row.uscc.strip().upper()):
        raise HTTPException(422, "统一社会信用代码无效（长度、字符或校验位不符）")
    return row


async def employer_pre_patch(row_id: int, values: dict) -> dict:
    changed = await protected_changes(Employer, row_id, values, WORKFLOW_COLUMNS | PERSONAL_COLUMNS)
    if changed & WORKFLOW_COLUMNS:
        raise HTTPException(422, "审核状态不能直接修改，请使用“审核用工主体”表单")
    if changed & PERSONAL_COLUMNS:
        raise HTTPException(422, "手机号与账号只能由用工主体本人在平台上修改")
    uscc = {k._meta.name if hasattr(k, "_meta") else k: v for k, v in values.items()}.get("uscc")
    if uscc and not is_valid_uscc(str(uscc).strip().upper()):
        raise HTTPException(422, "统一社会信用代码无效（长度、字符或校验位不符）")
    return values


async def flag_read_only(*args, **kwargs):
    raise HTTPException(422, "欠薪标记只能通过“标记恶意欠薪”和“解除欠薪标记”表单处理")
