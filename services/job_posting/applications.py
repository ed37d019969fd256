"""Application rules: apply and confirm (never beyond headcount, never overlapping shifts)."""

# Every step is a conditional UPDATE inside one write transaction.

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from piccolo.columns import Column
from piccolo.custom_types import Combinable

from services.assistance import eligibility
from services.db import is_unique_violation, write_transaction
from services.job_posting.rules import expire_due
from services.problems import Problem, ServiceError
from services.timeutil import now
from tables import job_posting as t
from tables.worker import Worker

BOOKED = ("CONFIRMED", "CHECKED_IN")
LIVE = ("APPLIED", "CONFIRMED", "CHECKED_IN", "COMPLETED", "NO_SHOW")
CHECK_IN_OPENS = timedelta(hours=3)
MAX_REASON = 200


@dataclass(frozen=True)
class Actor:
    role: str  # WORKER / EMPLOYER / OPERATOR
    id: int


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


def not_found(field: str = "id") -> ServiceError:
    return fail("NOT_FOUND", "报名记录不存在", field)


def booked_overlapping(starts_at: datetime, ends_at: datetime) -> Combinable:
    """Booked applications (BOOKED) whose shift overlaps [starts_at, ends_at).

    One equality per status, OR-ed, not `status IN (…)`: SQLite 3.40.1 answers
    `worker = ? AND status IN (…) AND starts_at < ?` through job_application_worker_window
    (worker, status, starts_at) with rows outside the range (on a generated province after
    ANALYZE: 39 of 399 workers had a shift days later reported as a clash), which refused
    applications and confirmations for clashes that do not exist. The OR form is answered
    through the worker's own rows, correctly (resolvers/job_posting/pages.free_conditions
    probes the same index one status at a time)."""
    window = (t.JobApplication.starts_at < ends_at) & (t.JobApplication.ends_at > starts_at)
    first, *others = BOOKED
    booked: Combinable = (t.JobApplication.status == first) & window
    for status in others:
        booked = booked | ((t.JobApplication.status == status) & window)
    return booked


async def _overlapping(
    worker_id: int, starts_at: datetime, ends_at: datetime, skip: int = 0
) -> bool:
    return await t.JobApplication.exists().where(
        (t.JobApplication.worker == worker_id)
        & booked_overlapping(starts_at, ends_at)
        & (t.JobApplication.id != skip)
    )


async def _serialise_worker(worker_id: int) -> None:
    """Bump the worker's version: on PostgreSQL this row lock makes two bookings of one
    worker wait for each other, so each overlap check sees the other's result."""
    await Worker.update({Worker.version: Worker.version + 1}).where(Worker.id == worker_id)


async def apply(actor: Actor, posting_id: int | None, worker_id: int | None) -> int:
    """A worker applies online; an operator applies on site for a worker registered at one of
    their markets. Returns the application id."""
    if actor.role == "OPERATOR":
        if worker_id is None:
            raise fail("REQUIRED", "请选择报名的零工", "workerId")
        own = await Worker.exists().where(
            (Worker.id == worker_id) & (Worker.registered_market.operator == actor.id)
        )
        if not own:
            raise fail("NOT_FOUND", "零工不存在", "workerId")
    elif worker_id is not None and worker_id != actor.id:
        raise fail("NOT_FOUND", "零工不存在", "workerId")
    else:
        worker_id = actor.id
    await expire_due()
    async with write_transaction():
        posting = None
        if posting_id is not None:
            posting = (
                await t.JobPosting.select(
                    t.JobPosting.status,
                    t.JobPosting.starts_at,
                    t.JobPosting.ends_at,
                    t.JobPosting.public_welfare,
                )
                .where((t.JobPosting.id == posting_id) & t.JobPosting.published_at.is_not_null())
                .first()
            )
        if posting is not None and posting["public_welfare"]:
            if not await eligibility.is_eligible(worker_id):
                # A worker cannot see a public-welfare job they may not take: for them it does
                # not exist. The operator who applies for them sees it, and is told why.
                if actor.role != "OPERATOR":
                    posting = None
                else:
                    raise fail("NOT_ELIGIBLE", eligibility.NOT_ELIGIBLE, "workerId")
        if posting is None:
            raise fail("NOT_FOUND", "招工信息不存在", "jobPostingId")
        if posting["status"] == "FILLED":
            raise fail("HEADCOUNT_FULL", "已招满", "jobPostingId")
        if posting["status"] != "OPEN" or posting["ends_at"] <= now():
            raise fail("INVALID_STATE", "招工信息已关闭或已过期", "jobPostingId")
        if await _overlapping(worker_id, posting["starts_at"], posting["ends_at"]):
            raise fail("SHIFT_OVERLAP", "该时段已有确认的工作", "jobPostingId")
        values = {
            "status": "APPLIED",
            "channel": "ON_SITE" if actor.role == "OPERATOR" else "ONLINE",
            "starts_at": posting["starts_at"],
            "ends_at": posting["ends_at"],
            "applied_at": now(),
        }
        existing = (
            await t.JobApplication.select(
                t.JobApplication.id, t.JobApplication.status, t.JobApplication.cancelled_by
            )
            .where(
                (t.JobApplication.posting == posting_id) & (t.JobApplication.worker == worker_id)
            )
            .first()
        )
        if existing is not None:
            return await _reapply(existing, values)
        try:
            rows = await t.JobApplication.insert(
                t.JobApplication(posting=posting_id, worker=worker_id, **values)
            ).returning(t.JobApplication.id)
        except Exception as exc:
            if is_unique_violation(exc):
                raise fail("ALREADY_APPLIED", "已经报过名", "jobPostingId") from None
            raise
        return rows[0]["id"]


async def _reapply(existing: dict, values: dict) -> int:
    """One row per worker and posting: a worker who withdrew may apply again; an application
    the employer turned down stays down."""
    if existing["status"] != "CANCELLED" or existing["cancelled_by"] == "EMPLOYER":
        raise fail("ALREADY_APPLIED", "已经报过名", "jobPostingId")
    reset: dict[Column | str, Any] = {
        t.JobApplication.confirmed_at: None,
        t.JobApplication.cancelled_at: None,
        t.JobApplication.cancelled_by: "",
        t.JobApplication.cancel_reason: "",
        t.JobApplication.version: t.JobApplication.version + 1,
    }
    updated = (
        await t.JobApplication.update(
            {**{getattr(t.JobApplication, k): v for k, v in values.items()}, **reset}
        )
        .where((t.JobApplication.id == existing["id"]) & (t.JobApplication.status == "CANCELLED"))
        .returning(t.JobApplication.id)
    )
    if not updated:
        raise fail("ALREADY_APPLIED", "已经报过名", "jobPostingId")
    return existing["id"]


async def load_for(actor: Actor, application_id: int | None, *roles: str) -> dict:
    """The application if `actor` may act on it; otherwise NOT_FOUND, like a missing one."""
    if application_id is None or actor.role not in roles:
        raise not_found()
    row = (
        await t.JobApplication.select(
            *t.JobApplication.all_columns(),
            t.JobApplication.posting.employer,
            t.JobApplication.posting._.market._.operator,
        )
        .where(t.JobApplication.id == application_id)
        .first()
    )
    if row is None:
        raise not_found()
    allowed = (
        (actor.role == "WORKER" and row["worker"] == actor.id)
        or (actor.role == "EMPLOYER" and row["posting.employer"] == actor.id)
        or (actor.role == "OPERATOR" and row["posting.market.operator"] == actor.id)
    )
    if not allowed:
        raise not_found()
    return row


async def transition(application_id: int, from_status: str, to_status: str, values: dict) -> None:
    """The conditional UPDATE of one transition; a concurrent change makes it INVALID_STATE."""
    values = {
        **values,
        t.JobApplication.status: to_status,
        t.JobApplication.version: t.JobApplication.version + 1,
    }
    updated = (
        await t.JobApplication.update(values)
        .where((t.JobApplication.id == application_id) & (t.JobApplication.status == from_status))
        .returning(t.JobApplication.id)
    )
    if not updated:
        raise fail("INVALID_STATE", "报名状态已变化，请刷新", "id")


async def confirm(actor: Actor, application_id: int | None) -> None:
    """线下确认: APPLIED → CONFIRMED, taking one place of the headcount."""
    await expire_due()
    async with write_transaction():
        row = await load_for(actor, application_id, "EMPLOYER")
        # One whose shift has ended is the expiry sweep's to cancel: refused alike before it runs.
        if row["status"] != "APPLIED" or row["ends_at"] <= now():
            raise fail("INVALID_STATE", "只能确认待确认的报名", "id")
        await _serialise_worker(row["worker"])
        if await _overlapping(row["worker"], row["starts_at"], row["ends_at"], skip=row["id"]):
            raise fail("SHIFT_OVERLAP", "该零工在重叠时段已有确认的工作", "id")
        moment = now()
        # The headcount rule lives in this WHERE: under any concurrency at most `headcount`
        # increments can succeed, and a refused one changes nothing.
        taken = (
            await t.JobPosting.update(
                {
                    t.JobPosting.confirmed_count: t.JobPosting.confirmed_count + 1,
                    t.JobPosting.version: t.JobPosting.version + 1,
                }
            )
            .where(
                (t.JobPosting.id == row["posting"])
                & (t.JobPosting.status == "OPEN")
                & (t.JobPosting.confirmed_count < t.JobPosting.headcount)
                & (t.JobPosting.ends_at > moment)
            )
            .returning(t.JobPosting.confirmed_count, t.JobPosting.headcount)
        )
        if not taken:
            posting = (
                await t.JobPosting.select(t.JobPosting.status, t.JobPosting.ends_at)
                .where(t.JobPosting.id == row["posting"])
                .first()
            )
            # The application read in this transaction references it (NOT NULL foreign key).
            assert posting is not None
            if posting["status"] in ("OPEN", "FILLED") and posting["ends_at"] > moment:
                raise fail("HEADCOUNT_FULL", "已招满", "id")
            raise fail("INVALID_STATE", "招工信息已关闭或已过期", "id")
        if taken[0]["confirmed_count"] >= taken[0]["headcount"]:
            await t.JobPosting.update({t.JobPosting.status: "FILLED"}).where(
                (t.JobPosting.id == row["posting"]) & (t.JobPosting.status == "OPEN")
            )
        await transition(row["id"], "APPLIED", "CONFIRMED", {t.JobApplication.confirmed_at: moment})
