"""Staff accounts of the admin itself."""

from __future__ import annotations

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import TableConfig

GROUP = "系统"


def auth_tables() -> list[TableConfig]:
    return [TableConfig(BaseUser, menu_group=GROUP)]
