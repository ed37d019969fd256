"""Benchmark of `marketStatistics` computed from the raw records at province scale.

    python -m tools.bench.statistics [--markets 2000] [--workers 100000] [--postings 50000]
        [--applications 200000] [--repeat 5]

Seeds a throwaway database (SQLite, or PostgreSQL when DATABASE_URL is set; see
tools/bench/markets.py) with markets, then a year (2025) of workers, postings and applications
spread over the markets' counties, and prints the median time of the series that item 2 of
issue 12 (rollups) must bring under 200 ms: a province-year and a city-year per month, and
smaller scopes for comparison. Each case is timed four ways: from the records (nothing rolled
up yet), from the rollup (after `refresh()`, itself timed), and after `--changes` applications
were confirmed on random days of the year (those days read from the records until the next
refresh), and once more after that refresh (rebuilding the changed days and every cube period
holding one, itself timed). Peak memory (resident set) of the process is printed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tools.bench.markets import _insert, throwaway_database

QUERY = """
query($from: Date!, $to: Date!, $granularity: StatisticsGranularity!,
      $where: MarketStatisticsWhereInput) {
  marketStatistics(from: $from, to: $to, granularity: $granularity, where: $where) {
    series { period figures { jobSeekersActive headcountDemanded supplyDemandRatio
      medianDailyWage matchesConfirmed averageHoursToConfirm } }
    total { jobSeekersActive supplyDemandRatio }
  }
}"""
YEAR_START = datetime(2024, 12, 31, 16, tzinfo=UTC)  # 2025-01-01 00:00 Asia/Shanghai
SECONDS_IN_YEAR = 365 * 86400


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lingong-bench-statistics")
    p.add_argument("--markets", type=int, default=2000)
    p.add_argument("--workers", type=int, default=100_000)
    p.add_argument("--postings", type=int, default=50_000)
    p.add_argument("--applications", type=int, default=200_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument(
        "--changes", type=int, default=100, help="applications confirmed after the rollup"
    )
    return p.parse_args(argv)


def _moment(rng: random.Random) -> datetime:
    return YEAR_START + timedelta(seconds=rng.randrange(SECONDS_IN_YEAR))


async def seed_activity(args: argparse.Namespace) -> dict[str, int]:
    from services.crypto import encrypt
    from tables import job_posting as jp
    from tables.employer import Employer
    from tables.market import Market
    from tables.occupation import Occupation
    from tables.worker import Worker, WorkerOccupation

    rng = random.Random(args.seed)
    # Phones as the API stores them (encrypted), so a list that shows one (Applicants, to the
    # employer who confirmed the worker) decrypts it: one number for every seeded person.
    employer_phone, worker_phone = encrypt("13600000000"), encrypt("13900000000")
    markets = await Market.select(Market.id, Market.region).where(Market.station_type == "MARKET")
    occupations = [r["id"] for r in await Occupation.select(Occupation.id)]
    await _insert(
        Employer,
        [
            Employer(
                kind="COMPANY",
                name=f"基准测试用工单位{i}",
                uscc=None,
                phone_hash=f"bench-employer-{i}",
                phone_encrypted=employer_phone,
                phone_masked="136****0000",
            )
            for i in range(200)
        ],
    )
    employers = [r["id"] for r in await Employer.select(Employer.id)]
    workers = []
    for i in range(args.workers):
        m = rng.choice(markets)
        workers.append(
            Worker(
                name=f"零工{i}",
                phone_hash=f"bench-worker-{i}",
                phone_encrypted=worker_phone,
                phone_masked="139****0000",
                home_region=m["region"],
                registered_market=m["id"],
                created_at=_moment(rng),
            )
        )
    await _insert(Worker, workers)
    worker_ids = [r["id"] for r in await Worker.select(Worker.id)]
    await _insert(
        WorkerOccupation,
        [WorkerOccupation(worker=w, occupation=rng.choice(occupations)) for w in worker_ids],
    )
    postings = []
    for _ in range(args.postings):
        m = rng.choice(markets)
        published = _moment(rng)
        starts = published + timedelta(days=rng.randint(0, 6))
        daily = rng.randrange(15000, 40000, 500)
        postings.append(
            jp.JobPosting(
                employer=rng.choice(employers),
                market=m["id"],
                occupation=rng.choice(occupations),
                title="基准岗位",
                headcount=rng.randint(1, 10),
                wage_fen=daily,
                wage_unit="DAY",
                daily_wage_fen=daily,
                starts_at=starts,
                ends_at=starts + timedelta(hours=8),
                address="-",
                region=m["region"],
                status="OPEN",
                published_at=published,
            )
        )
    await _insert(jp.JobPosting, postings)
    rows = await jp.JobPosting.select(jp.JobPosting.id, jp.JobPosting.published_at)
    applications: list[jp.JobApplication] = []
    taken: set[tuple[int, int]] = set()  # one application per worker and posting
    while len(applications) < args.applications:
        p, worker = rng.choice(rows), rng.choice(worker_ids)
        if (p["id"], worker) in taken:
            continue
        taken.add((p["id"], worker))
        applied = p["published_at"] + timedelta(minutes=rng.randint(1, 2000))
        confirmed = applied + timedelta(minutes=rng.randint(5, 600)) if rng.random() < 0.6 else None
        applications.append(
            jp.JobApplication(
                posting=p["id"],
                worker=worker,
                status="CONFIRMED" if confirmed else "APPLIED",
                starts_at=applied,
                ends_at=applied + timedelta(hours=8),
                applied_at=applied,
                confirmed_at=confirmed,
            )
        )
    await _insert(jp.JobApplication, applications)
    courses, enrolments = await _seed_trainings(rng, markets, occupations, worker_ids, args)
    await _seed_policies(rng)
    await _seed_publications(rng)
    return {
        "workers": len(workers),
        "postings": len(postings),
        "applications": len(applications),
        "courses": courses,
        "enrolments": enrolments,
    }


# How the seeded enrolments end: most hold a place; some wait, left, or finished.
ENROLMENT_MIX = (("ENROLLED", 0.55), ("WAITLISTED", 0.15), ("WITHDRAWN", 0.1), ("COMPLETED", 0.2))


async def _seed_trainings(
    rng: random.Random, markets: list, occupations: list, worker_ids: list, args: argparse.Namespace
) -> tuple[int, int]:
    """Courses (one for every 20 postings, two sessions each) with enrolments (one for every
    4 applications) and attendance at the first session: MyTrainingEnrolments' rows."""
    from tables import training as tr

    courses = []
    for _ in range(max(args.postings // 20, 1)):
        m = rng.choice(markets)
        starts = _moment(rng) + timedelta(days=rng.randint(0, 400))
        courses.append(
            tr.TrainingCourse(
                market=m["id"],
                occupation=rng.choice(occupations),
                title="基准课程",
                category="GENERAL",
                mode="OFFLINE",
                region=m["region"],
                address="-",
                capacity=rng.randint(10, 40),
                status="OPEN",
                starts_at=starts,
                ends_at=starts + timedelta(days=1, hours=3),
                published_at=starts - timedelta(days=14),
            )
        )
    await _insert(tr.TrainingCourse, courses)
    rows = await tr.TrainingCourse.select(tr.TrainingCourse.id, tr.TrainingCourse.starts_at)
    await _insert(
        tr.TrainingSession,
        [
            tr.TrainingSession(
                course=c["id"],
                seq=n + 1,
                starts_at=c["starts_at"] + timedelta(days=n),
                ends_at=c["starts_at"] + timedelta(days=n, hours=3),
            )
            for c in rows
            for n in range(2)
        ],
    )
    statuses = [status for status, _ in ENROLMENT_MIX]
    weights = [weight for _, weight in ENROLMENT_MIX]
    enrolments: list[tr.TrainingEnrolment] = []
    taken: set[tuple[int, int]] = set()  # one enrolment per worker and course
    queue = dict.fromkeys((c["id"] for c in rows), 0)
    while len(enrolments) < max(args.applications // 4, 1):
        c, worker = rng.choice(rows), rng.choice(worker_ids)
        if (c["id"], worker) in taken:
            continue
        taken.add((c["id"], worker))
        status = rng.choices(statuses, weights)[0]
        queue[c["id"]] += 1
        requested = c["starts_at"] - timedelta(minutes=rng.randint(60, 20000))
        placed = status in ("ENROLLED", "COMPLETED")
        enrolments.append(
            tr.TrainingEnrolment(
                course=c["id"],
                worker=worker,
                status=status,
                queue_no=queue[c["id"]],
                requested_at=requested,
                enrolled_at=requested if placed else None,
                completed_at=c["starts_at"] + timedelta(days=1, hours=3)
                if status == "COMPLETED"
                else None,
                certificate_no=f"BENCH-{len(enrolments)}" if status == "COMPLETED" else None,
            )
        )
    await _insert(tr.TrainingEnrolment, enrolments)
    placed_rows = await tr.TrainingEnrolment.select(
        tr.TrainingEnrolment.id, tr.TrainingEnrolment.course
    ).where(tr.TrainingEnrolment.status.is_in(["ENROLLED", "COMPLETED"]))
    first = {
        r["course"]: r["id"]
        for r in await tr.TrainingSession.select(
            tr.TrainingSession.id, tr.TrainingSession.course
        ).where(tr.TrainingSession.seq == 1)
    }
    await _insert(
        tr.TrainingAttendance,
        [
            tr.TrainingAttendance(
                enrolment=r["id"],
                session=first[r["course"]],
                present=rng.random() < 0.9,
                recorded_at=YEAR_START,
            )
            for r in placed_rows
        ],
    )
    await tr.TrainingCourse.raw(
        "UPDATE training_course SET enrolled_count = (SELECT COUNT(*) FROM training_enrolment e "
        "WHERE e.course = training_course.id AND e.status = 'ENROLLED')"
    )
    return len(courses), len(enrolments)


CASES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("province-year, months", {"granularity": "MONTH", "where": None}),
    ("city-year (杭州市), months", {"granularity": "MONTH", "where": {"regionCode": "330100"}}),
    ("county-year (上城区), months", {"granularity": "MONTH", "where": {"regionCode": "330102"}}),
    (
        "occupation-year (装卸搬运工), weeks",
        {"granularity": "WEEK", "where": {"occupationCode": "4-02-05-01"}},
    ),
    ("city-year (杭州市), days", {"granularity": "DAY", "where": {"regionCode": "330100"}}),
)


async def run(args: argparse.Namespace, where: str) -> None:
    from resolvers.context import Context
    from schema.root import schema
    from services.db import current_engine
    from services.statistics.rollup import refresh
    from tables.statistics import StatisticsCube
    from tools.bench.markets import database_ready

    async with database_ready(argparse.Namespace(markets=args.markets, seed=args.seed)):
        engine = current_engine()
        t0 = time.perf_counter()
        counts = await seed_activity(args)
        if engine.engine_type == "postgres":
            await engine.run_ddl("ANALYZE")
        print(f"database: {where}")
        print(f"activity seeded in {time.perf_counter() - t0:.1f} s: {counts}")

        async def timed() -> dict[str, float]:
            out = {}
            for name, variables in CASES:
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    result = await schema.execute(
                        QUERY,
                        variable_values={"from": "2025-01-01", "to": "2025-12-31", **variables},
                        context_value=Context(viewer=None, request_id="bench"),
                    )
                    times.append((time.perf_counter() - t) * 1000)
                    assert result.errors is None, result.errors
                out[name] = statistics.median(times)
            return out

        raw = await timed()
        t0 = time.perf_counter()
        done = await refresh(date(2025, 12, 31))
        print(f"rollup built in {time.perf_counter() - t0:.1f} s ({done.days} days)")
        rolled = await timed()
        await _change(args)
        changed = await timed()
        t0 = time.perf_counter()
        again = await refresh(date(2025, 12, 31))
        print(
            f"rollup refreshed in {time.perf_counter() - t0:.1f} s ({again.days} changed days, "
            "and every week, month and year holding one)"
        )
        refreshed = await timed()
        await _change(argparse.Namespace(seed=args.seed + 2, changes=1), last_day=True)
        t0 = time.perf_counter()
        await refresh(date(2025, 12, 31))
        print(
            f"rollup refreshed in {time.perf_counter() - t0:.1f} s after one application was "
            "confirmed on the last day (the days it touches, their weeks, months and the year)"
        )
        sizes = {
            t: (await StatisticsCube.raw(f"SELECT COUNT(*) AS n FROM {t}"))[0]["n"]
            for t in ("statistics_daily", "statistics_activity", "statistics_cube",
                      "statistics_cube_active")
        }  # fmt: skip
        print(f"rows: {sizes}")
        print(
            f"{'scope and periods (2025)':40} {'records':>9} {'rollup':>9} {'+changes':>9} "
            f"{'refreshed':>9} ms"
        )
        for name, _ in CASES:
            print(
                f"{name:40} {raw[name]:9.1f} {rolled[name]:9.1f} {changed[name]:9.1f} "
                f"{refreshed[name]:9.1f}"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (resident) {peak:.0f} MB")


async def _change(args: argparse.Namespace, last_day: bool = False) -> None:
    """Confirm `--changes` waiting applications, each on its own random day (or all on the
    year's last day): the triggers mark those days, which are then read from the records."""
    from tables import job_posting as jp

    a = jp.JobApplication
    rng = random.Random(args.seed + 1)
    waiting = await a.select(a.id, a.applied_at).where(a.status == "APPLIED").limit(args.changes)
    for row in waiting:
        confirmed = row["applied_at"] + timedelta(minutes=rng.randint(5, 600))
        if last_day:
            confirmed = YEAR_START + timedelta(days=364, hours=rng.randint(1, 20))
        await a.update({a.status: "CONFIRMED", a.confirmed_at: confirmed}).where(a.id == row["id"])


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with throwaway_database() as where:
        asyncio.run(run(args, where))


if __name__ == "__main__":
    main()


def _region(audience: random.Random, cities: list[str], counties: list[str]) -> str:
    """A policy item's region: the province for most, else a city or a county."""
    drawn = audience.random()
    if drawn < 0.6:
        return "330000"
    return audience.choice(cities if drawn < 0.85 else counties)


async def _seed_policies(rng: random.Random) -> None:
    """300 policy items, most published and in effect today (Policies' rows), some drafts,
    withdrawn or ended: the public list leaves those out. Their audiences vary as staff set
    them (RecommendedPolicies' candidates): most province-wide for workers, some for a city or
    a county, for employers or operators too, for assistance categories, occupations or a
    service tier."""
    from services.policy.audience import DIVISIONS
    from services.policy.rules import today
    from tables import policy as po
    from tables.occupation import Occupation

    day = today()
    # Audiences drawn apart from `rng`: the items' other values (and what later seeds draw)
    # stay as they were before audiences varied.
    audience = random.Random(2023)
    cities = sorted(c for c, d in DIVISIONS.items() if d["level"] == "prefecture")
    counties = sorted(
        c for c, d in DIVISIONS.items() if d["level"] not in ("province", "prefecture")
    )
    trades = [r["name"] for r in await Occupation.select(Occupation.name).order_by(Occupation.id)]
    items = []
    for i in range(300):
        starts = day - timedelta(days=rng.randint(0, 700))
        ends = None if rng.random() < 0.6 else starts + timedelta(days=rng.randint(30, 1500))
        status = rng.choices(("PUBLISHED", "DRAFT", "WITHDRAWN"), (0.85, 0.1, 0.05))[0]
        items.append(
            po.PolicyItem(
                title=f"基准政策{i}",
                summary="符合条件的零工可按规定申领。",
                body="基准测试用的政策条目。",
                issuing_document=f"浙人社发〔2023〕{i % 40 + 1}号",
                clause=rng.choice(("", "（九）", "（十一）")),
                effective_from=starts,
                effective_to=ends,
                regions=[_region(audience, cities, counties)],
                roles=audience.choices(
                    (["WORKER"], ["WORKER", "EMPLOYER"], ["EMPLOYER", "OPERATOR"]), (70, 15, 15)
                )[0],
                assistance_categories=(
                    [audience.choice(("OLDER", "DISABLED", "LOW_INCOME", "LONG_WAITING"))]
                    if audience.random() < 0.1
                    else []
                ),
                occupations=audience.sample(trades, audience.choice((1, 2)))
                if trades and audience.random() < 0.15
                else [],
                service_tiers=[audience.choice(("KEY", "ASSISTED"))]
                if audience.random() < 0.1
                else [],
                status=status,
                published_at=None if status == "DRAFT" else YEAR_START,
            )
        )
    await _insert(po.PolicyItem, items)


async def _seed_publications(rng: random.Random) -> None:
    """A year of the market list's publications (DirectoryHistory's rows), one a day or two
    apart, as the list changed."""
    from tables import market as mk

    moment = YEAR_START
    rows = []
    for _ in range(250):
        moment += timedelta(days=rng.choice((1, 1, 2)), seconds=rng.randint(0, 3600))
        rows.append(
            mk.DirectoryPublication(
                published_at=moment,
                published_on=(moment + timedelta(hours=8)).date(),
                market_count=rng.randint(1500, 1600),
                station_count=rng.randint(150, 250),
                sha256=f"{rng.getrandbits(256):064x}",
                byte_size=rng.randint(300_000, 400_000),
            )
        )
    await _insert(mk.DirectoryPublication, rows)
