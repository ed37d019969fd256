"""Where a staff member may work: the whole province, a city or a county (staff_scope).

A staff member without a scope row works province-wide (the accounts that existed before
scopes did). Region codes are GB/T 2260: a city covers the counties whose codes share its
first four digits, the province everything."""

from __future__ import annotations

from dataclasses import dataclass

from services.problems import Problem, ServiceError
from tables.auth import StaffScope

PROVINCE = "330000"


@dataclass(frozen=True)
class Scope:
    region_code: str | None  # None: the whole province
    region_name: str
    read_only: bool
    approver: bool

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


# Staff without a scope row: the accounts that existed before scopes, with every duty.
PROVINCE_WIDE = Scope(None, "浙江省", False, True)


async def scope_of(user_id: int) -> Scope:
    row = (
        await StaffScope.select(
            StaffScope.region.code,
            StaffScope.region.name,
            StaffScope.read_only,
            StaffScope.approver,
        )
        .where(StaffScope.user == user_id)
        .first()
    )
    if row is None:
        return PROVINCE_WIDE
    return Scope(
        row["region.code"],
        row["region.name"] or "浙江省",
        bool(row["read_only"]),
        bool(row["approver"]) and not row["read_only"],
    )


async def require_approver(user_id: int, what: str) -> None:
    """Decisions are taken by approvers only (and never by read-only staff)."""
    scope = await scope_of(user_id)
    if not scope.approver:
        raise ServiceError([Problem("APPROVER_REQUIRED", f"只有审批人可以{what}", ())])
