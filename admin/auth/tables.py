"""Staff accounts of the admin itself."""

from __future__ import annotations

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import TableConfig, superuser_validators
from piccolo_api.crud.validators import Validators

from tables.auth import StaffScope

GROUP = "系统"


def auth_tables() -> list[TableConfig]:
    superusers_only = Validators(every=[superuser_validators])
    return [
        TableConfig(BaseUser, menu_group=GROUP),
        # Who works where: only superusers assign scopes.
        TableConfig(StaffScope, menu_group=GROUP, validators=superusers_only),
    ]
