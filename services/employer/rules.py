"""Employer rules: registration, staff verification, wage-arrears flags (（十六））."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.audit.rules import Actor, record
from services.db import is_unique_violation, write_transaction
from services.identifiers import is_valid_uscc
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from services.worker import personal as p
from tables.employer import Employer, WageArrearsFlag

KINDS = ("COMPANY", "INDIVIDUAL")
DECISIONS = ("VERIFIED", "REJECTED", "PENDING")
MAX_EMPLOYER_NAME = 100
MAX_NOTE = 500


@dataclass
class EmployerDraft:
    kind: str
    name: str
    uscc: str | None = None
    contact_name: str | None = None
    region_code: str | None = None


async def validate(draft: EmployerDraft, problems: Problems, *path: str) -> dict[str, Any]:
    """Columns for a new employer (without phone and account); problems recorded on the way."""
    name = p.clean_name(draft.name, problems, *path, "name", limit=MAX_EMPLOYER_NAME)
    uscc = (draft.uscc or "").strip().upper() or None
    if draft.kind not in KINDS:
        problems.add("REQUIRED", "请选择单位或个人", *path, "kind")
    elif draft.kind == "COMPANY":
        if uscc is None:
            problems.add("REQUIRED", "单位须填写统一社会信用代码", *path, "uscc")
        elif not is_valid_uscc(uscc):
            problems.add(
                "INVALID_USCC", "统一社会信用代码无效（长度、字符或校验位不符）", *path, "uscc"
            )
        elif await Employer.exists().where(Employer.uscc == uscc):
            problems.add("USCC_TAKEN", "该统一社会信用代码已注册", *path, "uscc")
    elif uscc is not None:
        problems.add("USCC_NOT_ALLOWED", "个人用工主体无需填写统一社会信用代码", *path, "uscc")
    contact = (draft.contact_name or "").strip()
    if len(contact) > p.MAX_NAME:
        problems.add("TOO_LONG", f"不超过 {p.MAX_NAME} 个字", *path, "contactName")
    region = None
    if draft.region_code is not None:
        region = await p.county_id(draft.region_code, problems, *path, "regionCode")
    return {
        "kind": draft.kind,
        "name": name,
        "uscc": uscc if draft.kind == "COMPANY" else None,
        "contact_name": contact,
        "region": region,
        "verification_status": "PENDING",
    }


async def insert_employer(columns: dict[str, Any]) -> int:
    """Insert inside the caller's transaction; a concurrent duplicate USCC is USCC_TAKEN."""
    try:
        rows = await Employer.insert(Employer(**columns)).returning(Employer.id)
    except Exception as exc:
        if is_unique_violation(exc):
            raise ServiceError(
                [Problem("USCC_TAKEN", "该统一社会信用代码已注册", ("employer", "uscc"))]
            ) from None
        raise
    return rows[0]["id"]


async def set_verification(
    employer_id: int, decision: str, staff_user_id: int, note: str = ""
) -> str:
    """Staff decision on an employer (the only way the status changes); returns the old status."""
    if decision not in DECISIONS:
        raise ServiceError([Problem("INVALID_CHOICE", "审核结果无效", ("decision",))])
    async with write_transaction():
        row = (
            await Employer.select(Employer.verification_status)
            .where(Employer.id == employer_id)
            .first()
        )
        if row is None:
            raise ServiceError([Problem("NOT_FOUND", "用工主体不存在", ("employerId",))])
        verified = decision == "VERIFIED"
        await Employer.update(
            {
                Employer.verification_status: decision,
                Employer.verified_at: now() if verified else None,
                Employer.verified_by: staff_user_id if decision != "PENDING" else None,
                Employer.version: Employer.version + 1,
            }
        ).where(Employer.id == employer_id)
        await record(
            Actor("STAFF", staff_user_id),
            "employer.verification",
            "employer",
            employer_id,
            before={"status": row["verification_status"]},
            after={"status": decision, "note": note},
        )
    return row["verification_status"]


def _note(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError([Problem("REQUIRED", "请填写说明", (field,))])
    if len(text) > MAX_NOTE:
        raise ServiceError([Problem("TOO_LONG", f"不超过 {MAX_NOTE} 个字", (field,))])
    return text


async def flag_wage_arrears(employer_id: int, reason: str, staff_user_id: int) -> int:
    """Record substantiated wage arrears; while the flag is open the employer cannot publish."""
    reason = _note(reason, "reason")
    async with write_transaction():
        if not await Employer.exists().where(Employer.id == employer_id):
            raise ServiceError([Problem("NOT_FOUND", "用工主体不存在", ("employerId",))])
        if await WageArrearsFlag.exists().where(
            (WageArrearsFlag.employer == employer_id) & WageArrearsFlag.cleared_at.is_null()
        ):
            raise ServiceError([Problem("ALREADY_FLAGGED", "该用工主体已有未解除的欠薪标记", ())])
        rows = await WageArrearsFlag.insert(
            WageArrearsFlag(employer=employer_id, reason=reason, flagged_by=staff_user_id)
        ).returning(WageArrearsFlag.id)
        await record(
            Actor("STAFF", staff_user_id),
            "employer.wage_arrears_flag",
            "employer",
            employer_id,
            after={"flag": rows[0]["id"], "reason": reason},
        )
    return rows[0]["id"]


async def clear_wage_arrears(employer_id: int, note: str, staff_user_id: int) -> int:
    """Clear the employer's open flag with a note (e.g. wages paid in full); returns its id."""
    note = _note(note, "note")
    async with write_transaction():
        cleared = (
            await WageArrearsFlag.update(
                {
                    WageArrearsFlag.cleared_at: now(),
                    WageArrearsFlag.cleared_by: staff_user_id,
                    WageArrearsFlag.clear_note: note,
                }
            )
            .where((WageArrearsFlag.employer == employer_id) & WageArrearsFlag.cleared_at.is_null())
            .returning(WageArrearsFlag.id)
        )
        if not cleared:
            raise ServiceError([Problem("NOT_FOUND", "该用工主体没有未解除的欠薪标记", ())])
        await record(
            Actor("STAFF", staff_user_id),
            "employer.wage_arrears_clear",
            "employer",
            employer_id,
            after={"flag": cleared[0]["id"], "note": note},
        )
    return cleared[0]["id"]


async def publishing_problems(employer_id: int, problems: Problems) -> None:
    """（八）/（十六）: only verified employers without open wage-arrears flags may publish."""
    row = (
        await Employer.select(Employer.verification_status)
        .where(Employer.id == employer_id)
        .first()
    )
    if row is None or row["verification_status"] != "VERIFIED":
        problems.add("EMPLOYER_NOT_VERIFIED", "用工主体尚未通过审核，不能发布招工信息")
    if await WageArrearsFlag.exists().where(
        (WageArrearsFlag.employer == employer_id) & WageArrearsFlag.cleared_at.is_null()
    ):
        problems.add("EMPLOYER_WAGE_ARREARS", "用工主体存在查实的欠薪记录，解除前不能发布招工信息")
