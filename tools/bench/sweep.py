"""The expiry sweep on a large database: how long it takes, and how long other writers wait.

    python -m tools.bench.sweep --write [--moment 2026-12-07T09:00+08:00] [--unbatched]
        [--batch 500] [--restore-backlog]

WRITES to the configured database (SQLite, or PostgreSQL when DATABASE_URL is set): run it on
a copy (`cp` the SQLite file; `CREATE DATABASE copy TEMPLATE original` on PostgreSQL).
Sweeps as of `--moment` (default: now) the way the app's background sweeper does
(services/job_posting/expiry.py), or with `--unbatched` the way it did before: two UPDATEs in
one transaction. Meanwhile a writer updates one worker row in a write transaction every 10 ms,
as a request would; its waits are the figure that matters. `--restore-backlog` first turns
the applications the sweep cancelled back into pending ones, as `lingong generate-province`
wrote them before it wrote the sweep's results (about a quarter of the past applications).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import datetime

from services.db import write_transaction
from services.job_posting import expiry
from services.timeutil import now
from tables import job_posting as t
from tables.worker import Worker


async def _backlog(moment: datetime) -> tuple[int, int]:
    postings = await t.JobPosting.count().where(
        t.JobPosting.status.is_in(list(expiry.EXPIRING)), t.JobPosting.ends_at <= moment
    )
    applications = await t.JobApplication.count().where(
        t.JobApplication.status == "APPLIED", t.JobApplication.ends_at <= moment
    )
    return postings, applications


async def _restore_backlog() -> None:
    async with write_transaction():
        await t.JobApplication.update(
            {
                t.JobApplication.status: "APPLIED",
                t.JobApplication.cancelled_at: None,
                t.JobApplication.cancelled_by: "",
                t.JobApplication.cancel_reason: "",
                t.JobApplication.version: 0,
            }
        ).where(
            (t.JobApplication.cancelled_by == "SYSTEM")
            & (t.JobApplication.cancel_reason == expiry.EXPIRED_REASON)
        )


async def _unbatched(moment: datetime) -> int:
    """The sweep as it was: every ended posting and every ended pending application at once."""
    async with write_transaction():
        expired = (
            await t.JobPosting.update(
                {t.JobPosting.status: "EXPIRED", t.JobPosting.closed_at: moment}
            )
            .where(
                t.JobPosting.status.is_in(list(expiry.EXPIRING)) & (t.JobPosting.ends_at <= moment)
            )
            .returning(t.JobPosting.id)
        )
        await expiry.cancel_pending(
            t.JobApplication.ends_at <= moment, expiry.EXPIRED_REASON, moment
        )
    return len(expired)


async def _writer(worker_id: int, stop: asyncio.Event, waits: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        async with write_transaction():
            await Worker.update({Worker.version: Worker.version + 1}).where(Worker.id == worker_id)
        waits.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.01)


def _timed(batches: list[float], step):
    async def run(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await step(*args, **kwargs)
        finally:
            batches.append((time.perf_counter() - started) * 1000)

    return run


def _summary(values: list[float]) -> str:
    if not values:
        return "none"
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values * 19
    return (
        f"{len(values)}, p50 {statistics.median(values):.1f} ms, p95 {q[18]:.1f} ms, "
        f"max {max(values):.1f} ms"
    )


async def measure(moment: datetime, unbatched: bool, batch: int, restore: bool) -> None:
    if restore:
        await _restore_backlog()
    postings, applications = await _backlog(moment)
    print(f"as of {moment.isoformat()}: {postings} ended postings to expire, ", end="")
    print(f"{applications} ended pending applications to cancel")
    worker = await Worker.select(Worker.id).first()
    assert worker is not None, "no worker to write to"
    batches: list[float] = []
    expiry._expire_batch = _timed(batches, expiry._expire_batch)
    expiry._cancel_batch = _timed(batches, expiry._cancel_batch)
    stop = asyncio.Event()
    waits: list[float] = []
    writer = asyncio.create_task(_writer(worker["id"], stop, waits))
    await asyncio.sleep(0.2)  # the writer's waits before the sweep, for comparison
    quiet = len(waits)
    started = time.perf_counter()
    if unbatched:
        expired = await _unbatched(moment)
    else:
        expired = await expiry.sweep(moment, batch=batch)
    took = time.perf_counter() - started
    stop.set()
    await writer
    print(f"{'unbatched' if unbatched else f'batches of {batch}'}: {took:.2f} s, ", end="")
    print(f"{expired} postings expired; left: {await _backlog(moment)}")
    if not unbatched:
        print(f"batches: {_summary(batches)}")
    print(f"a writer's transaction before the sweep: {_summary(waits[:quiet])}")
    print(f"a writer's transaction during the sweep: {_summary(waits[quiet:])}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="lingong-bench-sweep")
    p.add_argument("--write", action="store_true", help="required: the sweep writes")
    p.add_argument("--moment", type=datetime.fromisoformat, help="sweep as of (default now)")
    p.add_argument("--unbatched", action="store_true", help="the sweep as it was before")
    p.add_argument("--batch", type=int, default=expiry.SWEEP_BATCH)
    p.add_argument("--restore-backlog", action="store_true")
    args = p.parse_args(argv)
    if not args.write:
        p.error("this benchmark writes to the configured database: run it on a copy, with --write")

    async def go() -> None:
        from piccolo.engine.postgres import PostgresEngine

        from services.db import current_engine

        engine = current_engine()
        if isinstance(engine, PostgresEngine):
            await engine.start_connection_pool(min_size=1, max_size=4)  # as app.py's lifespan
        try:
            await measure(args.moment or now(), args.unbatched, args.batch, args.restore_backlog)
        finally:
            if isinstance(engine, PostgresEngine):
                await engine.close_connection_pool()

    asyncio.run(go())


if __name__ == "__main__":
    main()
