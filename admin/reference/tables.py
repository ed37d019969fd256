"""Reference data in the admin: divisions (GB/T 2260) and occupations."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig

from tables.occupation import Occupation
from tables.region import Region

GROUP = "基础数据"


def reference_tables() -> list[TableConfig]:
    return [
        TableConfig(
            Region, menu_group=GROUP, visible_filters=[Region.code, Region.name, Region.level]
        ),
        TableConfig(Occupation, menu_group=GROUP),
    ]
