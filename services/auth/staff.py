"""Where a staff member may work: the whole province, a city or a county (staff_scope).

A staff member without a scope row works province-wide (the accounts that existed before
scopes did). Region codes are GB/T 2260: a city covers the counties whose codes share its
first four digits, the province everything."""

from __future__ import annotations

from dataclasses import dataclass

from tables.auth import StaffScope

PROVINCE = "330000"


@dataclass(frozen=True)
class Scope:
    region_code: str | None  # None: the whole province
    region_name: str
    read_only: bool

    @property
    def prefix(self) -> str:
        """What every covered county code starts with ("" for the province)."""
        code = self.region_code
        if code is None or code == PROVINCE:
            return ""
        return code[:4] if code.endswith("00") else code

    def covers(self, county_code: str | None) -> bool:
        if not self.prefix:
            return True
        return county_code is not None and county_code.startswith(self.prefix)


PROVINCE_WIDE = Scope(None, "浙江省", False)


async def scope_of(user_id: int) -> Scope:
    row = (
        await StaffScope.select(
            StaffScope.region.code, StaffScope.region.name, StaffScope.read_only
        )
        .where(StaffScope.user == user_id)
        .first()
    )
    if row is None:
        return PROVINCE_WIDE
    return Scope(row["region.code"], row["region.name"] or "浙江省", bool(row["read_only"]))
