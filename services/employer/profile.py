"""The employer's own profile (employerProfileUpdate). The contact person and county change
freely. The name and the USCC identify the employer staff verified, so a VERIFIED employer asks
staff to change them; a PENDING or REJECTED one corrects them itself, and a REJECTED one goes
back to PENDING for staff to look again. Every change is in the audit chain."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from services.audit.rules import Actor, record
from services.db import is_unique_violation, write_transaction
from services.employer.rules import MAX_EMPLOYER_NAME
from services.identifiers import is_valid_uscc
from services.keep import KEEP
from services.problems import Problem, Problems, ServiceError
from services.worker import personal as p
from tables.employer import Employer

IDENTITY = ("name", "uscc")


@dataclass
class ProfileChanges:
    name: Any = KEEP
    uscc: Any = KEEP
    contact_name: Any = KEEP
    region_code: Any = KEEP  # None clears the county

    def given(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not KEEP]


async def update_profile(employer_id: int, changes: ProfileChanges) -> None:
    """Apply the changes (all checked first; nothing is written on any problem)."""
    async with write_transaction():
        row = await p.for_update(Employer.select().where(Employer.id == employer_id)).first()
        if row is None:
            raise ServiceError([Problem("NOT_FOUND", "用工主体不存在", ())])
        problems = Problems()
        values = await _values(row, changes, problems)
        problems.raise_if_any()
        before = {k: row[k] for k in values}
        if any(name in changes.given() for name in IDENTITY) and (
            row["verification_status"] == "REJECTED"
        ):
            values["verification_status"] = "PENDING"  # corrected: staff look again
        try:
            columns: dict[Any, Any] = {**values, "version": Employer.version + 1}
            await Employer.update(columns).where(Employer.id == employer_id)
        except Exception as exc:
            if is_unique_violation(exc):  # a simultaneous registration took the USCC
                raise ServiceError(
                    [Problem("USCC_TAKEN", "该统一社会信用代码已注册", ("uscc",))]
                ) from None
            raise
        await record(
            Actor("EMPLOYER", employer_id),
            "employer.profile_update",
            "employer",
            employer_id,
            before=before,
            after=values,
        )


async def _values(row: dict, changes: ProfileChanges, problems: Problems) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if row["verification_status"] == "VERIFIED":
        for name in IDENTITY:
            if name in changes.given():
                problems.add(
                    "VERIFIED_LOCKED",
                    "已认证的用工主体不能自行修改名称和统一社会信用代码，请联系工作人员",
                    name,
                )
    if changes.name is not KEEP:
        values["name"] = p.clean_name(changes.name, problems, "name", limit=MAX_EMPLOYER_NAME)
    if changes.uscc is not KEEP:
        uscc = (changes.uscc or "").strip().upper() or None
        if row["kind"] == "INDIVIDUAL":
            if uscc is not None:
                problems.add("USCC_NOT_ALLOWED", "个人用工主体无需填写统一社会信用代码", "uscc")
        elif uscc is None:
            problems.add("REQUIRED", "单位须填写统一社会信用代码", "uscc")
        elif not is_valid_uscc(uscc):
            problems.add("INVALID_USCC", "统一社会信用代码无效（长度、字符或校验位不符）", "uscc")
        elif await Employer.exists().where((Employer.uscc == uscc) & (Employer.id != row["id"])):
            problems.add("USCC_TAKEN", "该统一社会信用代码已注册", "uscc")
        values["uscc"] = uscc
    if changes.contact_name is not KEEP:
        contact = (changes.contact_name or "").strip()
        if len(contact) > p.MAX_NAME:
            problems.add("TOO_LONG", f"不超过 {p.MAX_NAME} 个字", "contactName")
        values["contact_name"] = contact
    if changes.region_code is not KEEP:
        values["region"] = (
            await p.county_id(changes.region_code, problems, "regionCode")
            if changes.region_code is not None
            else None
        )
    return values
