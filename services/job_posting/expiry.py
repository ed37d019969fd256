"""The expiry sweep's statements: ended postings stored EXPIRED, pending applications whose
shift ended cancelled, in short transactions (services/job_posting/rules.sweep_expired)."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from piccolo.query import Select, WhereRaw

from services.db import write_transaction
from tables import job_posting as t

# Draft and open postings whose window has ended read as EXPIRED at once (rules.effective_status);
# the stored status catches up in the sweep (a FILLED posting stays FILLED: the work was staffed).
EXPIRING = ("DRAFT", "HELD", "OPEN")
# The WHERE of job_posting_unclosed_ends (migration 2026-12-06T01:45), as a literal: SQLite
# matches a partial index only to the same terms. closed_at is NULL for every posting of these
# statuses (set when one leaves for CLOSED, EXPIRED or REMOVED, never cleared); no public query
# says so, which keeps them off this index.
EXPIRING_SQL = "job_posting.status IN ('DRAFT', 'HELD', 'OPEN') AND job_posting.closed_at IS NULL"
EXPIRED_REASON = "招工信息已过期"
# Rows per transaction: on a province-scale backlog each batch is tens of milliseconds
# (docs/BENCHMARKS.md, "The expiry sweep").
SWEEP_BATCH = 500
MAX_PAUSE_SECONDS = 1.0


async def cancel_pending(condition, reason: str, moment: datetime) -> None:
    await t.JobApplication.update(
        {
            t.JobApplication.status: "CANCELLED",
            t.JobApplication.cancelled_at: moment,
            t.JobApplication.cancelled_by: "SYSTEM",
            t.JobApplication.cancel_reason: reason,
            t.JobApplication.version: t.JobApplication.version + 1,
        }
    ).where(condition & (t.JobApplication.status == "APPLIED"))


def _unheld(query: Select) -> Select:
    """PostgreSQL: lock the rows found, skipping those another transaction holds (a user's
    write, or another worker's sweep): the sweep never waits for them, the next one takes
    them. SQLite's IMMEDIATE transaction already serialises."""
    if query.engine_type == "postgres":
        return query.lock_rows(skip_locked=True)
    return query


async def _expire_batch(moment: datetime, batch: int) -> tuple[int, bool]:
    """One transaction: up to `batch` ended postings that can expire stored EXPIRED, in end
    order, their pending applications cancelled by posting id. (How many expired, whether more
    may be left.) Read through job_posting_unclosed_ends (EXPIRING_SQL)."""
    async with write_transaction():
        found = await _unheld(
            t.JobPosting.select(t.JobPosting.id)
            .where(WhereRaw(EXPIRING_SQL), t.JobPosting.ends_at <= moment)
            .order_by(t.JobPosting.ends_at)
            .limit(batch)
        )
        if not found:
            return 0, False
        expired = (
            await t.JobPosting.update(
                {t.JobPosting.status: "EXPIRED", t.JobPosting.closed_at: moment}
            )
            .where(
                t.JobPosting.id.is_in([r["id"] for r in found])
                & t.JobPosting.status.is_in(list(EXPIRING))
                & (t.JobPosting.ends_at <= moment)
            )
            .returning(t.JobPosting.id)
        )
        if expired:
            ids = [r["id"] for r in expired]
            ended = t.JobApplication.posting.is_in(ids) & (t.JobApplication.ends_at <= moment)
            await cancel_pending(ended, EXPIRED_REASON, moment)
    return len(expired), len(found) == batch


async def _cancel_batch(moment: datetime, batch: int) -> bool:
    """One transaction: up to `batch` pending applications whose shift ended cancelled (those of
    postings that did not expire: FILLED ones' extra applicants). Whether more may be left."""
    async with write_transaction():
        found = await _unheld(
            t.JobApplication.select(t.JobApplication.id)
            .where((t.JobApplication.status == "APPLIED") & (t.JobApplication.ends_at <= moment))
            .order_by(t.JobApplication.ends_at)
            .limit(batch)
        )
        if found:
            ids = [r["id"] for r in found]
            await cancel_pending(t.JobApplication.id.is_in(ids), EXPIRED_REASON, moment)
    return len(found) == batch


async def sweep(
    moment: datetime,
    *,
    batch: int = SWEEP_BATCH,
    batches: int | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """Idempotent: store EXPIRED for drafts and open postings whose window has ended, and
    cancel every pending application whose shift has ended. Returns how many postings expired.

    In short transactions of at most `batch` rows each (at most `batches` of each kind when
    given; until `stop` is set when given): other writers get the write lock (SQLite) and the
    rows (PostgreSQL) between them. A sweep cut short leaves whole batches done; the next one
    carries on."""
    expired = 0
    for postings in (True, False):  # then the pending applications left over
        done, pause = 0, 0.0
        while batches is None or done < batches:
            if done and pause:
                await _pause(pause, stop)
            if stop is not None and stop.is_set():
                return expired
            started = time.monotonic()
            if postings:
                count, left = await _expire_batch(moment, batch)
                expired += count
            else:
                left = await _cancel_batch(moment, batch)
            # Before the next batch a pause as long as this one took (capped): the sweep holds
            # the write lock at most about half the time, so writers of other processes, which
            # poll for it (SQLite's busy timeout), get it too.
            pause = min(time.monotonic() - started, MAX_PAUSE_SECONDS)
            done += 1
            if not left:
                break
    return expired


async def _pause(seconds: float, stop: asyncio.Event | None) -> None:
    if stop is None:
        await asyncio.sleep(seconds)
        return
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        pass
