"""Staff accounts of the admin itself."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig, superuser_validators
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.crud.validators import Validators

from admin.auth.guards import StaffUser, user_pre_patch
from tables.auth import StaffLoginLock, StaffScope

GROUP = "系统"


def auth_tables() -> list[TableConfig]:
    superusers_only = Validators(every=[superuser_validators])
    return [
        TableConfig(StaffUser, menu_group=GROUP, hooks=[Hook(HookType.pre_patch, user_pre_patch)]),
        # Who works where: only superusers assign scopes.
        TableConfig(StaffScope, menu_group=GROUP, validators=superusers_only),
        # Superusers clear a staff member's sign-in lock early (锁定至 emptied).
        TableConfig(StaffLoginLock, menu_group=GROUP, validators=superusers_only),
    ]
