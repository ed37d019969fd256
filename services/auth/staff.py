"""Staff accounts: admin sign-in with the per-account lock, and where a staff member may work:
the whole province, a city or a county (staff_scope).

A staff member without a scope row works province-wide (the accounts that existed before
scopes did). Region codes are GB/T 2260: a city covers the counties whose codes share its
first four digits, the province everything."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from piccolo.apps.user.tables import BaseUser

from services.auth import lockout
from services.db import is_unique_violation
from services.problems import Problem, ServiceError
from tables.auth import StaffLoginLock, StaffScope

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


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
REGION_CODE_NAME = (StaffScope.region._.code, StaffScope.region._.name)


async def scope_of(user_id: int) -> Scope:
    row = (
        await StaffScope.select(
            *REGION_CODE_NAME,
            StaffScope.read_only,
            StaffScope.approver,
        )
        .where(StaffScope.user == user_id)
        .first()
    )
    return scope_from_row(row)


def scope_from_row(row: Mapping[str, Any] | None) -> Scope:
    """The scope of a staff_scope row read with its region's "region.code" and "region.name"
    (scope_of, and the token lookup of services/auth/rules); None: no row, the whole province."""
    if row is None:
        return PROVINCE_WIDE
    return Scope(
        row["region.code"],
        row["region.name"] or "浙江省",
        bool(row["read_only"]),
        bool(row["approver"]) and not row["read_only"],
    )


async def scope_for(viewer: Any) -> Scope:
    """A staff viewer's scope: the one its token's lookup read for this request, else read now."""
    return viewer.scope if viewer.scope is not None else await scope_of(viewer.subject_id)


async def require_approver(user_id: int, what: str) -> None:
    """Decisions are taken by approvers only (and never by read-only staff)."""
    scope = await scope_of(user_id)
    if not scope.approver:
        raise ServiceError([Problem("APPROVER_REQUIRED", f"只有审批人可以{what}", ())])


def _password_matches(stored: str, password: str) -> bool:
    try:
        _, iterations, salt, _ = BaseUser.split_stored_password(stored)
        hashed = BaseUser.hash_password(password, salt, int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(hashed, stored)


async def _lock_row(user_id: int) -> dict:
    query = StaffLoginLock.select(StaffLoginLock.id, StaffLoginLock.locked_until).where(
        StaffLoginLock.user == user_id
    )
    row = await query.first()
    if row is None:
        try:
            await StaffLoginLock.insert(StaffLoginLock(user=user_id))
        except Exception as exc:  # a concurrent first failure inserted it
            if not is_unique_violation(exc):
                raise
        row = await query.first()
    assert row is not None
    return row


async def staff_login(username: str, password: str) -> int | None:
    """The staff user id for the right password of an active admin account that is not
    locked; None otherwise. Unknown names, wrong passwords, locked and deactivated accounts
    all take one password hash and give the same None, so the answer tells nothing; wrong
    passwords count towards the account's lock (lockout: 5 in 15 minutes, from any address)."""
    if len(username or "") > (BaseUser.username.length or 100) or len(password or "") > 128:
        return None
    user = (
        await BaseUser.select(BaseUser.id, BaseUser.password, BaseUser.active, BaseUser.admin)
        .where(BaseUser.username == username)
        .first()
    )
    # PBKDF2 takes ~0.25 s of CPU: off the event loop, or every request in the worker stalls.
    if user is None:
        await asyncio.to_thread(BaseUser.hash_password, password)
        return None
    matches = await asyncio.to_thread(_password_matches, user["password"], password)
    lock = await _lock_row(user["id"])
    if lockout.is_locked(lock["locked_until"]):
        return None
    if not matches:
        await lockout.record_failure(StaffLoginLock, lock["id"])
        return None
    if not (user["active"] and user["admin"]):
        return None
    await lockout.clear(StaffLoginLock, lock["id"])
    # Piccolo keeps last_login as naive local time (its own login does the same).
    await BaseUser.update({BaseUser.last_login: datetime.now()}).where(BaseUser.id == user["id"])
    return user["id"]
