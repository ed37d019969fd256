"""Tiered service (分级服务, （十）): the tier the rules give each registered worker, and staff
overrides with a reason (audited).

The rules: each of these is one need — an assistance category the worker declared (大龄, 残疾,
低收入家庭, 待工时间长), being 50 or older this year (大龄), registered 180 days or more ago without a
shift completed in the last 180 days (待工时间长). Disability, or two needs or more: ASSISTED
(one-to-one help); one need: KEY (priority); none: GENERAL."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from piccolo.query.functions.aggregate import Max

from services.audit import rules as audit
from services.crypto import decrypt
from services.db import write_transaction
from services.problems import Problem, Problems, ServiceError
from services.timeutil import local, now
from tables import job_posting as jp
from tables.assistance import WorkerServiceTier
from tables.worker import Worker

TIERS = ("GENERAL", "KEY", "ASSISTED")
OLDER_AGE = 50
LONG_WAIT = timedelta(days=180)
MAX_REASON = 200
CATEGORY_TEXT = {
    "OLDER": "大龄",
    "DISABLED": "残疾",
    "LOW_INCOME": "低收入家庭",
    "LONG_WAITING": "待工时间长",
}


@dataclass(frozen=True)
class TierReason:
    code: str  # CATEGORY / AGE / LONG_WAIT / OVERRIDE
    text: str


@dataclass(frozen=True)
class Override:
    tier: str
    reason: str
    decided_by: int
    decided_at: datetime


@dataclass
class TierResult:
    derived: str
    reasons: list[TierReason] = field(default_factory=list)
    override: Override | None = None

    @property
    def tier(self) -> str:
        return self.override.tier if self.override else self.derived


def derive(
    categories: set[str],
    birth_year: int | None,
    registered_at: datetime,
    last_completed: datetime | None,
    moment: datetime,
) -> TierResult:
    needs: set[str] = set()
    reasons: list[TierReason] = []
    for category in sorted(categories, key=list(CATEGORY_TEXT).index):
        needs.add(category)
        reasons.append(TierReason("CATEGORY", f"援助类别：{CATEGORY_TEXT[category]}"))
    today: date = local(moment).date()
    if birth_year is not None and today.year - birth_year >= OLDER_AGE:
        if "OLDER" not in needs:
            reasons.append(TierReason("AGE", f"年满 {OLDER_AGE} 周岁"))
        needs.add("OLDER")
    waiting_since = max(registered_at, last_completed) if last_completed else registered_at
    if moment - waiting_since >= LONG_WAIT:
        if "LONG_WAITING" not in needs:
            text = (
                "超过 180 天没有完工的零工" if last_completed else "登记超过 180 天仍未完工过零工"
            )
            reasons.append(TierReason("LONG_WAIT", text))
        needs.add("LONG_WAITING")
    if "DISABLED" in needs or len(needs) >= 2:
        tier = "ASSISTED"
    elif needs:
        tier = "KEY"
    else:
        tier = "GENERAL"
    return TierResult(tier, reasons)


async def tiers(worker_ids: list[int], moment: datetime | None = None) -> dict[int, TierResult]:
    """Tiers of many workers at once: three statements whatever their number."""
    ids = list(set(worker_ids))
    if not ids:
        return {}
    moment = moment or now()
    rows = await Worker.select(
        Worker.id, Worker.birth_year, Worker.assistance_encrypted, Worker.created_at
    ).where(Worker.id.is_in(ids))
    last = {
        r["worker"]: r["last"]
        for r in await jp.JobApplication.select(
            jp.JobApplication.worker, Max(jp.JobApplication.completed_at, alias="last")
        )
        .where(jp.JobApplication.worker.is_in(ids) & (jp.JobApplication.status == "COMPLETED"))
        .group_by(jp.JobApplication.worker)
    }
    overrides = {
        r["worker"]: Override(r["tier"], r["reason"], r["decided_by"], r["decided_at"])
        for r in await WorkerServiceTier.select().where(WorkerServiceTier.worker.is_in(ids))
    }
    out = {}
    for row in rows:
        result = tier_from_row(row, last.get(row["id"]), moment)
        result.override = overrides.get(row["id"])
        out[row["id"]] = result
    return out


def tier_from_row(row: dict, completed: datetime | str | None, moment: datetime) -> TierResult:
    """The derived tier of a worker row (birth_year, assistance_encrypted, created_at) whose
    last completed shift ended at `completed` (SQLite's MAX gives the stored text)."""
    secret = row["assistance_encrypted"]
    categories = set(json.loads(decrypt(secret))) if secret else set()
    if isinstance(completed, str):
        completed = datetime.fromisoformat(completed)
    return derive(categories, row["birth_year"], row["created_at"], completed, moment)


async def tier_of(worker_id: int) -> TierResult | None:
    return (await tiers([worker_id])).get(worker_id)


async def set_override(staff_id: int, worker_id: int | None, tier: str | None, reason: str) -> None:
    """Set (or, with no tier, remove) a staff override; the reason is required either way and
    goes into the audit chain with the tiers before and after."""
    problems = Problems()
    text = (reason or "").strip()
    if tier is not None and tier not in TIERS:
        problems.add("INVALID_TIER", "服务等级须为普通服务、重点服务或援助服务", "tier")
    if not 2 <= len(text) <= MAX_REASON or "\x00" in text:
        problems.add("INVALID_REASON", f"请填写 2 到 {MAX_REASON} 个字的理由", "reason")
    exists = worker_id is not None and await Worker.exists().where(Worker.id == worker_id)
    if not exists:
        problems.add("NOT_FOUND", "零工不存在", "workerId")
    problems.raise_if_any()
    assert worker_id is not None
    async with write_transaction():
        await audit.serialise()
        current = (
            await WorkerServiceTier.select().where(WorkerServiceTier.worker == worker_id).first()
        )
        if tier is None and current is None:
            raise ServiceError(
                [Problem("NOT_OVERRIDDEN", "该零工的服务等级未被人工调整", ("tier",))]
            )
        await WorkerServiceTier.delete().where(WorkerServiceTier.worker == worker_id)
        if tier is not None:
            await WorkerServiceTier.insert(
                WorkerServiceTier(
                    worker=worker_id, tier=tier, reason=text, decided_by=staff_id, decided_at=now()
                )
            )
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.tier_override" if tier else "assistance.tier_override_removed",
            "worker",
            worker_id,
            {"tier": current["tier"] if current else None},
            {"tier": tier, "reason": text},
        )
