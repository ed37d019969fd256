"""Benchmark of the staff monitoring charts (admin/statistics/charts.py) over in-process HTTP.

    python -m tools.bench.charts [--markets 2000] [--workers 20000] [--postings 10000]
        [--applications 40000] [--repeat 5]

Seeds a throwaway database as tools/bench/statistics.py does (SQLite, or PostgreSQL when
DATABASE_URL is set), signs a staff member in, and prints the median time of the chart page
and its CSV for a year (2025) of the province, a city and a county per month, next to
`marketStatistics` for the same scope, so the page's own cost (scope picker, drawing, HTML)
shows apart from the series.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from tools.bench.markets import throwaway_database
from tools.bench.statistics import QUERY, seed_activity

SCOPES = (
    ("province-year, months", "province", None),
    ("city-year (杭州市), months", "region:330100", {"regionCode": "330100"}),
    ("county-year (上城区), months", "region:330102", {"regionCode": "330102"}),
    ("city-year (杭州市), weeks", "region:330100", {"regionCode": "330100"}),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lingong-bench-charts")
    p.add_argument("--markets", type=int, default=2000)
    p.add_argument("--workers", type=int, default=20_000)
    p.add_argument("--postings", type=int, default=10_000)
    p.add_argument("--applications", type=int, default=40_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=2025)
    return p.parse_args(argv)


async def _medians_ms(calls, repeat: int) -> list[float]:
    """Rounds of every call in turn after one warm-up round, so none profits from the others'
    warm caches; the median of each."""
    times: list[list[float]] = [[] for _ in calls]
    for round_ in range(repeat + 1):
        for i, call in enumerate(calls):
            t = time.perf_counter()
            await call()
            if round_:
                times[i].append((time.perf_counter() - t) * 1000)
    return [statistics.median(t) for t in times]


async def run(args: argparse.Namespace, where: str) -> None:
    import httpx
    from piccolo.apps.user.tables import BaseUser
    from piccolo_api.session_auth.tables import SessionsBase

    from app import create_app
    from tools.bench.markets import database_ready

    async with database_ready(argparse.Namespace(markets=args.markets, seed=args.seed)):
        counts = await seed_activity(args)
        print(f"database: {where}; activity: {counts}")
        user = await BaseUser.create_user(
            username="bench",
            password="Bench-pass-1",
            email="bench@example.invalid",
            admin=True,
            active=True,
        )
        session = await SessionsBase.create_session(user_id=user.id)
        transport = httpx.ASGITransport(app=create_app(production=False))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", cookies={"id": session.token}
        ) as client:
            for name, scope, graphql_where in SCOPES:
                granularity = "WEEK" if "weeks" in name else "MONTH"
                params = {
                    "scope": scope,
                    "from": "2025-01-01",
                    "to": "2025-12-31",
                    "granularity": granularity,
                }

                async def page(params=params) -> None:
                    r = await client.get("/admin-dashboard/statistics", params=params)
                    assert r.status_code == 200, r.text[:300]

                async def download(params=params) -> None:
                    r = await client.get("/admin-dashboard/statistics.csv", params=params)
                    assert r.status_code == 200, r.text[:300]

                async def api(granularity=granularity, graphql_where=graphql_where) -> None:
                    variables = {"from": "2025-01-01", "to": "2025-12-31"}
                    variables |= {"granularity": granularity, "where": graphql_where}
                    # anonymous, as tools/bench/statistics.py (suppression included)
                    r = await client.post("/graphql", json={"query": QUERY, "variables": variables})
                    assert r.status_code == 200 and "errors" not in r.json(), r.text[:300]

                timings = await _medians_ms((page, download, api), args.repeat)
                print(
                    f"{name:32} page {timings[0]:7.1f} ms  csv {timings[1]:7.1f} ms  "
                    f"marketStatistics {timings[2]:7.1f} ms"
                )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with throwaway_database() as where:
        asyncio.run(run(args, where))


if __name__ == "__main__":
    main()
