"""Admin tables of the worker domain (workers and their sign-in accounts)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.worker.guards import (
    account_pre_patch,
    account_pre_save,
    worker_pre_patch,
    worker_pre_save,
)
from tables.account import Account
from tables.worker import Worker, WorkerOccupation

GROUP = "即时快招"


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
