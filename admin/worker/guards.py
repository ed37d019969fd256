"""Worker and sign-in account guards: personal data changes only through the platform."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from admin.common import protected_changes
from tables.account import Account
from tables.worker import Worker

# Unlocking an account (after a lockout) is the only direct edit staff need.
ACCOUNT_EDITABLE = {"failed_logins", "failures_since", "locked_until"}


# Hashes, ciphertexts and masked copies must stay consistent: only the services write them.
WORKER_PROTECTED = {
    "account",
    "phone_hash",
    "phone_encrypted",
    "phone_masked",
    "resident_id_hash",
    "resident_id_encrypted",
    "resident_id_masked",
    "birth_year",
    "assistance_encrypted",
    "prioritised",
}


async def account_pre_save(row):
    raise HTTPException(422, "账号只能由零工或用工主体在平台上注册")


async def account_pre_patch(row_id: int, values: dict) -> dict:
    others = {c._meta.name for c in Account._meta.columns} - ACCOUNT_EDITABLE
    if await protected_changes(Account, row_id, values, others):
        raise HTTPException(422, "后台只能解除账号锁定，不能修改手机号、密码或角色")
    return values


async def worker_pre_save(row):
    raise HTTPException(422, "求职登记请由零工本人注册，或由运营机构在平台上现场登记")


async def worker_pre_patch(row_id: int, values: dict) -> dict:
    if await protected_changes(Worker, row_id, values, WORKER_PROTECTED):
        raise HTTPException(422, "手机号、身份证号和就业援助信息只能由零工本人在平台上修改")
    return values
