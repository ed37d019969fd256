"""Accounts and worker profiles in the admin: personal data columns are never edited directly."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType
from starlette.exceptions import HTTPException

from tables.account import Account
from tables.worker import Worker, WorkerOccupation

GROUP = "即时快招"
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


def _names(values: dict) -> set[str]:
    return {k._meta.name if hasattr(k, "_meta") else k for k in values}


async def account_pre_save(row):
    raise HTTPException(422, "账号只能由零工或用工主体在平台上注册")


async def account_pre_patch(row_id: int, values: dict) -> dict:
    if _names(values) - ACCOUNT_EDITABLE:
        raise HTTPException(422, "后台只能解除账号锁定，不能修改手机号、密码或角色")
    return values


async def worker_pre_save(row):
    raise HTTPException(422, "求职登记请由零工本人注册，或由运营机构在平台上现场登记")


async def worker_pre_patch(row_id: int, values: dict) -> dict:
    if _names(values) & WORKER_PROTECTED:
        raise HTTPException(422, "手机号、身份证号和就业援助信息只能由零工本人在平台上修改")
    return values


def worker_tables() -> list[TableConfig]:
    return [
        TableConfig(
            Account,
            menu_group=GROUP,
            visible_columns=[
                Account.id,
                Account.role,
                Account.failed_logins,
                Account.locked_until,
                Account.created_at,
            ],
            hooks=[
                Hook(HookType.pre_save, account_pre_save),
                Hook(HookType.pre_patch, account_pre_patch),
            ],
        ),
        TableConfig(
            Worker,
            menu_group=GROUP,
            visible_columns=[
                Worker.id,
                Worker.name,
                Worker.phone_masked,
                Worker.resident_id_masked,
                Worker.home_region,
                Worker.prioritised,
                Worker.registered_market,
            ],
            visible_filters=[Worker.name, Worker.home_region, Worker.registered_market],
            hooks=[
                Hook(HookType.pre_save, worker_pre_save),
                Hook(HookType.pre_patch, worker_pre_patch),
            ],
        ),
        TableConfig(WorkerOccupation, menu_group=GROUP),
    ]
