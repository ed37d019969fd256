"""Workload reports: idempotent submission, versioned corrections, locking by decisions."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from services.assessment import periods
from services.assessment.rules import INDICATORS
from services.audit import rules as audit
from services.db import write_transaction
from services.operator.rules import Coverage, coverage
from services.problems import Problem, Problems, ServiceError
from services.retry import retrying
from tables.assessment import Assessment, WorkloadReport

# Upper bound for any monthly count: far above what one market does in a month (a busy
# county market registers a few thousand people), low enough to catch slips of the keyboard.
MAX_COUNT = 100_000
MAX_NOTES = 2_000
MAX_KEY = 100
ENTITY = "workload_report"


@dataclass(frozen=True)
class ReportDraft:
    market_id: int | None  # None: the id did not decode, which is answered like a missing one
    period: str
    idempotency_key: str | None
    counts: dict[str, int] = field(default_factory=dict)
    notes: str = ""


def check_shape(draft: ReportDraft, problems: Problems) -> None:
    """Everything that can be checked without the database, all at once."""
    key = draft.idempotency_key
    if key is None or not key.strip():
        problems.add(
            "IDEMPOTENCY_KEY_REQUIRED", "请提供幂等键（每次新提交使用新的键）", "idempotency_key"
        )
    elif len(key) > MAX_KEY or any(unicodedata.category(c) == "Cc" for c in key):
        problems.add(
            "INVALID_IDEMPOTENCY_KEY",
            f"幂等键最长 {MAX_KEY} 个字符，且不能含控制字符",
            "idempotency_key",
        )
    if periods.parse(draft.period) is None:
        problems.add(
            "INVALID_PERIOD", f"月份格式须为 YYYY-MM，且不早于 {periods.FIRST_YEAR} 年", "period"
        )
    elif periods.is_future(draft.period):
        problems.add("FUTURE_PERIOD", "不能填报未来月份（按北京时间）", "period")
    for name in INDICATORS:
        value = draft.counts.get(name)
        if value is None or not 0 <= value <= MAX_COUNT:
            problems.add("COUNT_OUT_OF_RANGE", f"数量须在 0 到 {MAX_COUNT} 之间", name)
    onboarded = draft.counts.get("workers_onboarded")
    assisted = draft.counts.get("assisted_workers_placed")
    if onboarded is not None and assisted is not None and 0 <= onboarded < assisted:
        problems.add(
            "INCONSISTENT_COUNTS", "困难人员就业数不能超过到岗人数", "assisted_workers_placed"
        )
    if len(draft.notes or "") > MAX_NOTES:
        problems.add("NOTES_TOO_LONG", f"说明最长 {MAX_NOTES} 个字", "notes")


def payload_hash(draft: ReportDraft) -> str:
    """Fingerprint of what was submitted: a retry must carry exactly the same payload."""
    payload = {
        "market": draft.market_id,
        "period": draft.period,
        "notes": draft.notes or "",
        **{name: draft.counts[name] for name in INDICATORS},
    }
    return hashlib.sha256(audit.canonical(payload).encode()).hexdigest()


def figures(row: dict[str, Any]) -> dict[str, Any]:
    """The audited content of one report version."""
    return {
        "market": row["market"],
        "period": row["period"],
        "version": row["version"],
        "notes": row["notes"],
        **{name: row[name] for name in INDICATORS},
    }


def _fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


async def is_decided(market_id: int, period: str) -> bool:
    """A decided (approved or rejected) assessment closes the month for corrections."""
    return await Assessment.exists().where(
        (Assessment.market == market_id)
        & (Assessment.period == period)
        & (Assessment.status != "DRAFT")
    )


async def submit(operator_id: int, draft: ReportDraft, token_id: int | None = None) -> dict:
    """Store a report version and return its row. The same key with the same payload returns
    the stored row (no second row); a new key for the same market and month is a correction."""
    problems = Problems()
    check_shape(draft, problems)
    problems.raise_if_any()
    digest = payload_hash(draft)
    return await retrying(lambda: _submit(operator_id, draft, digest, token_id))


async def _submit(operator_id: int, draft: ReportDraft, digest: str, token_id: int | None) -> dict:
    async with write_transaction():
        await audit.serialise()
        existing = (
            await WorkloadReport.select()
            .where(
                (WorkloadReport.operator == operator_id)
                & (WorkloadReport.idempotency_key == draft.idempotency_key)
            )
            .first()
        )
        if existing is not None:
            if existing["payload_hash"] == digest:
                return existing
            raise _fail(
                "IDEMPOTENCY_KEY_REUSED",
                "该幂等键已用于内容不同的提交；更正请使用新的键",
                "idempotency_key",
            )
        covered, _ = await coverage(operator_id, draft.market_id, draft.period)
        if covered is Coverage.NOT_FOUND:
            raise _fail("MARKET_NOT_FOUND", "零工市场不存在", "market_id")
        if covered is Coverage.NOT_UNDER_CONTRACT:
            raise _fail("NOT_UNDER_CONTRACT", "该月份不在贵机构对该市场的运营合同期内", "period")
        assert draft.market_id is not None
        if await is_decided(draft.market_id, draft.period):
            raise _fail("PERIOD_LOCKED", "该月考核已审定，报告已锁定，不能再更正", "period")
        return await _store(operator_id, draft, digest, token_id)


async def _store(operator_id: int, draft: ReportDraft, digest: str, token_id: int | None) -> dict:
    same_month = (WorkloadReport.market == draft.market_id) & (
        WorkloadReport.period == draft.period
    )
    previous = (
        await WorkloadReport.select()
        .where(same_month)
        .order_by(WorkloadReport.version, ascending=False)
        .first()
    )
    if previous is not None:
        await WorkloadReport.update({WorkloadReport.is_current: 0}).where(
            same_month & (WorkloadReport.is_current == 1)
        )
    # Any values: a `**dict[str, int]` could, as far as mypy knows, fill Table's `_data`.
    counts: dict[str, Any] = {name: draft.counts[name] for name in INDICATORS}
    inserted = await WorkloadReport.insert(
        WorkloadReport(
            operator=operator_id,
            market=draft.market_id,
            period=draft.period,
            version=previous["version"] + 1 if previous else 1,
            is_current=1,
            idempotency_key=draft.idempotency_key,
            payload_hash=digest,
            notes=draft.notes or "",
            submitted_by_token=token_id,
            **counts,
        )
    ).returning(WorkloadReport.id)
    # Read back rather than RETURNING *: SQLite's RETURNING skips the column type converters.
    row = await WorkloadReport.select().where(WorkloadReport.id == inserted[0]["id"]).first()
    assert row is not None  # inserted just above, in the caller's write transaction
    await audit.record(
        audit.Actor("OPERATOR", operator_id),
        f"{ENTITY}.{'amend' if previous else 'submit'}",
        ENTITY,
        row["id"],
        before=figures(previous) if previous else None,
        after=figures(row),
    )
    return row
