"""The monitoring rollup: every figure at every granularity equals the records, after changes too."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from services.statistics.coverage import coverage
from services.statistics.periods import Granularity
from services.statistics.report import report
from services.statistics.rollup import refresh
from services.statistics.series import Figures, Scope, occupation_id, region_ids
from tables import job_posting as t
from tables.statistics import StatisticsChange
from tables.worker import Worker, WorkerOccupation
from tests.fixtures.statistics import at, scene, worker_at
from tests.test_cli import lingong

# Ranges across month ends and ISO week starts in Asia/Shanghai (the scene's moments sit on them).
RANGES = (
    (date(2025, 2, 1), date(2025, 3, 31)),
    (date(2025, 2, 24), date(2025, 3, 9)),
    (date(2025, 1, 27), date(2025, 4, 6)),
)
YEAR = (date(2025, 1, 31), date(2025, 12, 31))  # the first record is on Jan 31


def shown(f: Figures) -> dict:
    return {k: v for k, v in asdict(f).items() if not k.startswith("_")}


async def scopes(market_id: int) -> list[Scope]:
    courier = await occupation_id("4-02-07-08")
    return [
        Scope(),
        Scope(market_id=market_id),
        Scope(region_ids=await region_ids("330100")),
        Scope(region_ids=await region_ids("330102")),
        Scope(region_ids=await region_ids("330203")),
        Scope(occupation_id=courier),
        Scope(market_id=market_id, occupation_id=await occupation_id("4-02-05-01")),
        Scope(region_ids=await region_ids("330100"), occupation_id=courier),
    ]


async def assert_rollup_equals_records(market_id: int) -> int:
    """Every scope, granularity and range, suppressed and not; returns how many were compared."""
    compared = 0
    for scope in await scopes(market_id):
        for granularity in Granularity:
            for start, end in RANGES:
                for suppress in (False, True):
                    rolled = await report(scope, start, end, granularity, suppress)
                    raw = await report(scope, start, end, granularity, suppress, rollup=False)
                    assert [shown(f) for f in rolled.series] == [shown(f) for f in raw.series]
                    assert shown(rolled.total) == shown(raw.total)
                    assert shown(rolled.previous_total) == shown(raw.previous_total)
                    assert rolled.change == raw.change
                    compared += 1
    return compared


async def province_total() -> dict:
    r = await report(Scope(), date(2025, 2, 1), date(2025, 3, 31), Granularity.MONTH, False)
    return shown(r.total)


async def test_every_figure_at_every_granularity_equals_the_records():
    s = await scene(rollup="end")

    assert (await coverage(*YEAR)).raw == ()  # the whole year comes from the rollup
    assert await assert_rollup_equals_records(s.market_id) == 8 * 3 * 3 * 2
    assert (await province_total())["applications"] == 4  # the comparison is not of nothing


async def test_records_changed_after_a_rollup_are_read_from_the_records_until_rebuilt():
    s = await scene(rollup="end")
    before = await province_total()
    a = t.JobApplication
    p = t.JobPosting
    applications = await a.select(a.id, a.worker, a.posting, a.status, a.applied_at).order_by(
        a.applied_at
    )
    by_status = {r["status"]: r for r in applications}

    # Inserted: a new worker applying on an old day.
    newcomer = await worker_at("2025-02-03 12:00:00", s.market_id)
    await a.insert(
        a(
            posting=applications[0]["posting"],
            worker=newcomer,
            status="APPLIED",
            starts_at=at("2025-02-08 08:00:00"),
            ends_at=at("2025-02-08 16:00:00"),
            applied_at=at("2025-02-03 13:00:00"),
        )
    )
    # Status changed: the application still waiting is confirmed; a confirmed one is cancelled.
    await a.update({a.status: "CONFIRMED", a.confirmed_at: at("2025-04-01 02:00:00")}).where(
        a.id == by_status["APPLIED"]["id"]
    )
    await a.update({a.status: "CANCELLED", a.cancelled_at: at("2025-03-02 09:00:00")}).where(
        a.id == by_status["CONFIRMED"]["id"]
    )
    # Deleted: the completed shift; a posting taken down; a posting moved to another occupation.
    await a.delete().where(a.id == by_status["COMPLETED"]["id"])
    await p.update({p.status: "REMOVED"}).where(p.id == by_status["CANCELLED"]["posting"])
    await p.update({p.occupation: await occupation_id("4-02-07-08")}).where(
        p.id == by_status["CONFIRMED"]["posting"]
    )
    # A worker seeks one more occupation; another moves home.
    await WorkerOccupation.insert(
        WorkerOccupation(worker=newcomer, occupation=await occupation_id("4-02-07-08"))
    )
    await Worker.update({Worker.home_region: (await region_ids("330102") or (0,))[0]}).where(
        Worker.created_at == at("2025-02-10 12:00:00")
    )

    assert (await coverage(*YEAR)).raw != ()  # the changed days are no longer trusted
    after = await province_total()
    assert after != before
    assert (after["job_seekers_registered"], after["applications"]) == (
        before["job_seekers_registered"] + 1,
        before["applications"],  # one inserted, one deleted
    )
    await assert_rollup_equals_records(s.market_id)

    await refresh()

    assert (await coverage(*YEAR)).raw == ()
    assert await StatisticsChange.count() == 0
    assert await province_total() == after
    await assert_rollup_equals_records(s.market_id)


async def marked_days() -> set[date]:
    rows = await StatisticsChange.select(StatisticsChange.day)
    return {r["day"] for r in rows}


async def test_refresh_rebuilds_only_the_changed_days():
    await scene()
    today = date(2025, 12, 31)
    # Factories create rows now, then move them into 2025: today's real date is marked too.
    later = {d for d in await marked_days() if d > today}
    first = await refresh(today)
    assert first.days == (today - date(2025, 1, 31)).days + 1 + len(later)
    assert (await refresh(today)).days == 0

    worker = await worker_at("2025-06-01 00:30:00")
    await Worker.update({Worker.created_at: at("2025-06-03 10:00:00")}).where(Worker.id == worker)
    marked = await marked_days()
    changes = await StatisticsChange.count()

    again = await refresh(today)
    assert {date(2025, 6, 1), date(2025, 6, 3)} <= marked
    assert (again.days, again.changes) == (len(marked), changes)
    assert (await coverage(*YEAR)).raw == ()


async def test_the_command_rebuilds_and_says_how_much():
    await scene()

    result = lingong("statistics-rollup")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("动态监测汇总已更新：重算 ")
    assert (await coverage(*YEAR)).raw == ()
    assert (
        lingong("statistics-rollup").stdout == "动态监测汇总已更新：重算 0 天，处理变更记录 0 条\n"
    )
