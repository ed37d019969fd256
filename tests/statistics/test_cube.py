"""The monitoring cube: whole periods and whole-range totals equal the records, before and after
records change, and the cube (not the day-by-day path) answers the periods it holds."""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import date

from services.statistics import cube, rollup
from services.statistics import report as report_module
from services.statistics.coverage import Coverage
from services.statistics.cube_series import cube_key
from services.statistics.periods import Granularity
from services.statistics.report import report
from services.statistics.rollup import refresh
from services.statistics.series import Scope, occupation_id, region_ids
from tables import job_posting as t
from tables.statistics import StatisticsCube, StatisticsCubeActive
from tables.worker import Worker
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.statistics import application_at, posting_at, scene, worker_at

TODAY = date(2026, 1, 15)
# Ranges whose totals are one cube period (a year, a month, an ISO week, a day), and one that
# is not (two months: the job seekers then come from the daily activity).
RANGES = (
    (date(2025, 1, 1), date(2025, 12, 31), (Granularity.MONTH, Granularity.WEEK, Granularity.DAY)),
    (date(2025, 3, 1), date(2025, 3, 31), (Granularity.MONTH, Granularity.WEEK, Granularity.DAY)),
    (date(2025, 3, 3), date(2025, 3, 9), (Granularity.WEEK, Granularity.DAY)),
    (date(2025, 6, 30), date(2025, 6, 30), (Granularity.DAY,)),
    (date(2025, 5, 1), date(2025, 6, 30), (Granularity.MONTH, Granularity.WEEK)),
)
# Moments on the edges of Shanghai days, ISO weeks, months and the year.
DAYS = ("2025-01-01", "2025-02-28", "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-09",
        "2025-03-31", "2025-05-31", "2025-06-01", "2025-06-29", "2025-06-30", "2025-07-01",
        "2025-12-31")  # fmt: skip
TIMES = ("00:00:00", "07:59:59", "08:00:00", "12:00:00", "23:59:59")
REGIONS = ("330102", "330106", "330203")
OCCUPATIONS = ("装卸搬运工", "快递员", "保安员")


def shown(f) -> dict:
    return {k: v for k, v in asdict(f).items() if not k.startswith("_")}


def moment(rng: random.Random) -> str:
    return f"{rng.choice(DAYS)} {rng.choice(TIMES)}"


async def generated() -> list[Scope]:
    """Workers, postings and applications at random edge moments over three divisions, two
    markets and three occupations (a fixed seed: the same data on every run)."""
    rng = random.Random(20251231)
    markets = [await make_market(operator_id=await make_operator())]
    markets.append(
        await make_market(name="海曙区测试零工市场", region_code="330203", operator_id=None)
    )
    employer_id, _ = await make_employer()
    workers = [
        await worker_at(
            moment(rng),
            rng.choice([*markets, None]),
            region_code=rng.choice(REGIONS),
            occupations=tuple(rng.sample(OCCUPATIONS, rng.randint(0, 2))),
        )
        for _ in range(24)
    ]
    postings = [
        await posting_at(
            employer_id,
            moment(rng),
            rng.choice([*markets, None]),
            region_code=rng.choice(REGIONS),
            occupation=rng.choice(OCCUPATIONS),
            headcount=rng.randint(1, 6),
            daily_wage_fen=rng.choice([15000, 20000, 25000, None]),
            status=rng.choice(["OPEN", "OPEN", "FILLED", "REMOVED"]),
        )
        for _ in range(18)
    ]
    pairs = rng.sample([(w, p) for w in workers for p in postings], 40)  # one per pair
    for worker, posting in pairs:
        applied = moment(rng)
        later = sorted(moment(rng) for _ in range(3))
        step = rng.randint(0, 4)
        await application_at(
            worker,
            posting,
            min(applied, later[0]),
            confirmed=later[0] if step >= 1 else None,
            checked_in=later[1] if step in (2, 3) else None,
            completed=later[2] if step == 3 else None,
            cancelled=later[1] if step == 4 else None,
        )
    courier, guard = await occupation_id("4-02-07-08"), await occupation_id("4-07-05-01")
    hangzhou = await region_ids("330100")
    return [
        Scope(),
        Scope(region_ids=await region_ids("330000")),
        Scope(region_ids=hangzhou),
        Scope(region_ids=await region_ids("330203")),
        Scope(occupation_id=courier),
        Scope(market_id=markets[0]),
        Scope(market_id=markets[1], occupation_id=guard),
        Scope(region_ids=hangzhou, occupation_id=courier),
        Scope(market_id=markets[0], region_ids=hangzhou),  # not in the cube: day by day
    ]


async def assert_equal_to_records(scopes: list[Scope]) -> int:
    compared = 0
    for scope in scopes:
        for start, end, granularities in RANGES:
            for granularity in granularities:
                for suppress in (False, True):
                    rolled = await report(scope, start, end, granularity, suppress)
                    raw = await report(scope, start, end, granularity, suppress, rollup=False)
                    where = (scope, start, end, granularity, suppress)
                    assert [shown(f) for f in rolled.series] == [shown(f) for f in raw.series], (
                        where
                    )
                    assert shown(rolled.total) == shown(raw.total), where
                    assert shown(rolled.previous_total) == shown(raw.previous_total), where
                    compared += 1
    return compared


async def test_the_cube_equals_the_records_before_and_after_changes(monkeypatch):
    # Small batches: a batch ends inside weeks and months, and every boundary is crossed.
    monkeypatch.setattr(rollup, "DAYS_PER_TRANSACTION", 4)
    monkeypatch.setattr(cube, "PER_TRANSACTION", {"D": 3, "W": 2, "M": 1, "Y": 1})
    scopes = await generated()
    await refresh(TODAY)
    year = await report(Scope(), date(2025, 1, 1), date(2025, 12, 31), Granularity.MONTH, False)
    assert year.total.applications == 40 and year.total.job_seekers_active  # not nothing

    assert await assert_equal_to_records(scopes) == 9 * 11 * 2

    # Changes after the build: their periods are read day by day until the next refresh.
    a = t.JobApplication
    first = await a.select(a.id, a.posting).order_by(a.id).first()
    await a.update({a.status: "CANCELLED", a.cancelled_at: a.applied_at}).where(a.id == first["id"])
    await a.delete().where(a.id == first["id"] + 1)
    await t.JobPosting.update({t.JobPosting.headcount: 9}).where(
        t.JobPosting.id == first["posting"]
    )
    await Worker.update({Worker.home_region: (await region_ids("330106") or (0,))[0]}).where(
        Worker.id == (await Worker.select(Worker.id).order_by(Worker.id).first())["id"]
    )
    assert await assert_equal_to_records(scopes) == 9 * 11 * 2

    await refresh(TODAY)
    assert await assert_equal_to_records(scopes) == 9 * 11 * 2


async def test_whole_periods_and_year_totals_come_from_the_cube(monkeypatch):
    s = await scene()
    await refresh(TODAY)
    asked: list[Coverage] = []
    counted: list[Coverage] = []
    day_by_day, from_activity = report_module.figures, report_module.active_count

    async def spy_figures(scope, cover, granularity):
        asked.append(cover)
        return await day_by_day(scope, cover, granularity)

    async def spy_active(scope, cover):
        counted.append(cover)
        return await from_activity(scope, cover)

    monkeypatch.setattr(report_module, "figures", spy_figures)
    monkeypatch.setattr(report_module, "active_count", spy_active)
    hangzhou = Scope(region_ids=await region_ids("330100"))

    year = await report(hangzhou, date(2025, 1, 1), date(2025, 12, 31), Granularity.MONTH, False)

    # 2025 is in the cube; 2024 (the previous year) was never built, so it is read day by day
    # (from the empty daily rollup): nothing of 2025 is.
    assert asked and all(b < date(2025, 1, 1) for c in asked for _, b in (*c.rolled, *c.raw))
    assert counted and all(b < date(2025, 1, 1) for c in counted for _, b in (*c.rolled, *c.raw))
    # The scene's five applications and seven 杭州 workers (the 宁波 one is elsewhere); three
    # postings published in February (two at market M, one at 西湖区's market N).
    assert (year.total.applications, year.total.job_seekers_active) == (5, 7)
    assert year.series[1].postings_published == 3
    raw = await report(
        hangzhou, date(2025, 1, 1), date(2025, 12, 31), Granularity.MONTH, False, rollup=False
    )
    assert [shown(f) for f in year.series] == [shown(f) for f in raw.series]

    # A change in March: March is read day by day, the other months still from the cube.
    asked.clear()
    await worker_at("2025-03-15 12:00:00", s.market_id)
    again = await report(hangzhou, date(2025, 1, 1), date(2025, 12, 31), Granularity.MONTH, False)
    series_days = {(a, b) for a, b in (*asked[0].rolled, *asked[0].raw) if a >= date(2025, 1, 1)}
    assert series_days == {(date(2025, 3, 1), date(2025, 3, 14)),
                           (date(2025, 3, 15), date(2025, 3, 15)),
                           (date(2025, 3, 16), date(2025, 3, 31))}  # fmt: skip
    # The year is no longer clean: its total is combined from its months day by day (the cube's
    # months carry their median without the histogram a year's median needs).
    assert len(asked) == 2 and asked[1].raw == ((date(2025, 3, 15), date(2025, 3, 15)),)
    assert again.series[2].job_seekers_registered == year.series[2].job_seekers_registered + 1


async def test_a_scope_the_cube_names_and_one_it_does_not():
    s = await scene()
    await refresh(TODAY)
    hangzhou = await region_ids("330100")

    assert (await cube_key(Scope())).region == 0  # type: ignore[union-attr]
    city = await cube_key(Scope(region_ids=hangzhou))
    assert city is not None and city.region in (hangzhou or ())
    assert await cube_key(Scope(market_id=s.market_id, region_ids=hangzhou)) is None
    # Divisions that are not one division with everything under it.
    assert await cube_key(Scope(region_ids=(hangzhou or ())[:2])) is None
    # Days are kept for the province and divisions only.
    assert (
        await StatisticsCube.exists().where(
            (StatisticsCube.grain == "D") & (StatisticsCube.market != 0)
        )
        is False
    )
    assert await StatisticsCubeActive.exists().where(
        (StatisticsCubeActive.grain == "Y") & (StatisticsCubeActive.market == s.market_id)
    )
