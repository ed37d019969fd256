"""Staff reveal of a worker's or employer's full personal data: reasoned, scoped, audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.audit.rules import Actor, record
from services.auth.staff import scope_of
from services.crypto import decrypt
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from tables.audit import AuditLog
from tables.employer import Employer
from tables.worker import Worker

ACTION = "personal_data.reveal"
# A reason a reviewer of the audit trail can check ("核实补贴申请人身份"), not "查看" or "1".
MIN_REASON, MAX_REASON = 6, 200
# Enough for a day's casework in one hour; a scripted sweep of the register stops at once.
REVEALS_PER_HOUR = 20
REVEAL_WINDOW = timedelta(hours=1)
NOT_FOUND = Problem("NOT_FOUND", "对象不存在", ("subjectId",))


@dataclass(frozen=True)
class Revealed:
    """Full values, shown once to the staff member who gave the reason; never stored again."""

    entity_type: str  # "worker" or "employer"
    entity_id: int
    name: str
    phone: str
    resident_id: str | None
    assistance: list[str] | None  # workers only
    revealed_at: datetime


def clean_reason(raw: str | None, problems: Problems) -> str:
    reason = " ".join((raw or "").split())
    if len(reason) < MIN_REASON or len(set(reason.replace(" ", ""))) < 3:
        problems.add(
            "REASON_REQUIRED",
            f"请写明查看完整信息的具体事由（至少 {MIN_REASON} 个字，如“核实补贴申请人身份”）",
            "reason",
        )
    elif len(reason) > MAX_REASON:
        problems.add("TOO_LONG", f"事由不超过 {MAX_REASON} 个字", "reason")
    return reason


async def _recent_reveals(staff_id: int) -> int:
    return await AuditLog.count().where(
        (AuditLog.action == ACTION)
        & (AuditLog.actor_type == "STAFF")
        & (AuditLog.actor_id == staff_id)
        & (AuditLog.occurred_at > now() - REVEAL_WINDOW)
    )


async def _worker(worker_id: int) -> tuple[dict, list[str | None]] | None:
    row = (
        await Worker.select(
            Worker.name,
            Worker.phone_encrypted,
            Worker.resident_id_encrypted,
            Worker.assistance_encrypted,
            Worker.home_region.code.as_alias("home"),
            Worker.registered_market._.region._.code.as_alias("market"),
        )
        .where(Worker.id == worker_id)
        .first()
    )
    return (row, [row["home"], row["market"]]) if row else None


async def _employer(employer_id: int) -> tuple[dict, list[str | None]] | None:
    row = (
        await Employer.select(
            Employer.name, Employer.phone_encrypted, Employer.region.code.as_alias("home")
        )
        .where(Employer.id == employer_id)
        .first()
    )
    return (row, [row["home"]]) if row else None


async def reveal(staff_id: int, entity_type: str, entity_id: int, reason: str | None) -> Revealed:
    """The full phone (and for workers the resident ID and assistance categories) of someone
    in the staff member's scope. Every reveal is one audit row with who, whom, when and why
    (never the values); read-only staff and more than REVEALS_PER_HOUR an hour are refused."""
    problems = Problems()
    cleaned = clean_reason(reason, problems)
    problems.raise_if_any()
    scope = await scope_of(staff_id)
    if scope.read_only:
        raise ServiceError([Problem("READ_ONLY", "只读账号不能查看完整个人信息", ())])
    found = await (_worker(entity_id) if entity_type == "worker" else _employer(entity_id))
    # Someone outside the scope gets the same answer as an unknown id.
    if found is None or not any(scope.covers(code) for code in found[1]):
        raise ServiceError([NOT_FOUND])
    if await _recent_reveals(staff_id) >= REVEALS_PER_HOUR:
        raise ServiceError(
            [
                Problem(
                    "RATE_LIMITED",
                    f"每小时最多查看 {REVEALS_PER_HOUR} 次完整个人信息，请稍后再试",
                    (),
                )
            ]
        )
    row = found[0]
    fields = ["phone"] if entity_type == "employer" else ["phone", "resident_id", "assistance"]
    await record(
        Actor("STAFF", staff_id),
        ACTION,
        entity_type,
        entity_id,
        after={"reason": cleaned, "fields": fields},
    )
    secret_id = row.get("resident_id_encrypted")
    secret_assistance = row.get("assistance_encrypted")
    return Revealed(
        entity_type=entity_type,
        entity_id=entity_id,
        name=row["name"],
        phone=decrypt(row["phone_encrypted"]),
        resident_id=decrypt(secret_id) if secret_id else None,
        assistance=(sorted(json.loads(decrypt(secret_assistance))) if secret_assistance else [])
        if entity_type == "worker"
        else None,
        revealed_at=now(),
    )
