"""Application steps after confirmation: check in (到岗), complete, cancel, no-show."""

from __future__ import annotations

from services.auth.rules import Role
from services.db import write_transaction
from services.job_posting.applications import (
    CHECK_IN_OPENS,
    MAX_REASON,
    Actor,
    fail,
    load_for,
    transition,
)
from services.timeutil import now
from tables import job_posting as t

# Who records attendance: the employer, or the operator of the posting's market on site.
ON_SITE = (Role.EMPLOYER, Role.OPERATOR)


async def check_in(actor: Actor, application_id: int | None) -> None:
    """CONFIRMED → CHECKED_IN, from 3 hours before the start until the window ends."""
    async with write_transaction():
        row = await load_for(actor, application_id, *ON_SITE)
        if row["status"] != "CONFIRMED":
            raise fail("INVALID_STATE", "只有已确认的报名可以到岗签到", "id")
        moment = now()
        if not row["starts_at"] - CHECK_IN_OPENS <= moment < row["ends_at"]:
            raise fail("OUTSIDE_CHECK_IN_WINDOW", "不在签到时间内（开工前 3 小时至收工）", "id")
        await transition(
            row["id"],
            "CONFIRMED",
            "CHECKED_IN",
            {t.JobApplication.checked_in_at: moment, t.JobApplication.checked_in_by: actor.role},
        )


async def complete(actor: Actor, application_id: int | None) -> None:
    """CHECKED_IN → COMPLETED (the employer or the operator says the work is done)."""
    async with write_transaction():
        row = await load_for(actor, application_id, *ON_SITE)
        if row["status"] != "CHECKED_IN":
            raise fail("INVALID_STATE", "只有已到岗的报名可以完工", "id")
        await transition(
            row["id"], "CHECKED_IN", "COMPLETED", {t.JobApplication.completed_at: now()}
        )


async def mark_no_show(actor: Actor, application_id: int | None) -> None:
    """CONFIRMED → NO_SHOW once the work has started; the place stays taken."""
    async with write_transaction():
        row = await load_for(actor, application_id, *ON_SITE)
        if row["status"] != "CONFIRMED":
            raise fail("INVALID_STATE", "只有已确认的报名可以标记未到岗", "id")
        moment = now()
        if moment < row["starts_at"]:
            raise fail("NOT_STARTED", "尚未开工，不能标记未到岗", "id")
        await transition(row["id"], "CONFIRMED", "NO_SHOW", {t.JobApplication.no_show_at: moment})


async def cancel(actor: Actor, application_id: int | None, reason: str) -> None:
    """APPLIED or CONFIRMED → CANCELLED by the worker or the employer, with a reason. A
    confirmed place is given back before the start; a FILLED posting then reopens."""
    text = (reason or "").strip()
    if not text:
        raise fail("REASON_REQUIRED", "请填写取消原因", "reason")
    if len(text) > MAX_REASON:
        raise fail("TOO_LONG", f"取消原因不超过 {MAX_REASON} 个字", "reason")
    async with write_transaction():
        row = await load_for(actor, application_id, "WORKER", "EMPLOYER")
        status = row["status"]
        moment = now()
        # A pending one whose shift has ended is the expiry sweep's to cancel (by SYSTEM, its
        # reason): refused alike before it runs.
        ended = status == "APPLIED" and row["ends_at"] <= moment
        if status not in ("APPLIED", "CONFIRMED") or ended:
            raise fail("INVALID_STATE", "只有待确认或已确认的报名可以取消", "id")
        if status == "CONFIRMED" and moment >= row["starts_at"]:
            raise fail("ALREADY_STARTED", "已经开工，不能取消；未到岗请标记未到岗", "id")
        await transition(
            row["id"],
            status,
            "CANCELLED",
            {
                t.JobApplication.cancelled_at: moment,
                t.JobApplication.cancelled_by: actor.role,
                t.JobApplication.cancel_reason: text,
            },
        )
        if status == "CONFIRMED":
            await t.JobPosting.update(
                {
                    t.JobPosting.confirmed_count: t.JobPosting.confirmed_count - 1,
                    t.JobPosting.version: t.JobPosting.version + 1,
                }
            ).where((t.JobPosting.id == row["posting"]) & (t.JobPosting.confirmed_count > 0))
            await t.JobPosting.update({t.JobPosting.status: "OPEN"}).where(
                (t.JobPosting.id == row["posting"])
                & (t.JobPosting.status == "FILLED")
                & (t.JobPosting.confirmed_count < t.JobPosting.headcount)
                & (t.JobPosting.ends_at > moment)
            )
