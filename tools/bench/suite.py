"""`lingong bench`: the main frontend documents in process and over HTTP, in one run.

    lingong bench [--database-url URL] [--markets 2000 --workers 20000 --postings 10000
        --applications 40000] [--requests 100] [--rounds 5] [--block 40] [--concurrency 8]
        [--only MarketDirectory,PostingSearch] [--no-http]

A command, not a test. Without --database-url it seeds a throwaway database (SQLite, or a new
PostgreSQL database when DATABASE_URL is set; tools/bench/markets.py and statistics.py) and
builds the statistics rollup; with it, it runs on that database as it is (a province-scale one,
say) after adding the few rows tools/bench/documents.py needs. It prints, per document:
  1. in process: p50/p95 and SQL statements per request (a fresh context each time);
  2. over HTTP (uvicorn in a subprocess, --concurrency clients): the response is first checked
     byte-identical to the hand-written baseline's (tools/bench/baselines/), then GraphQL and
     the baseline run in alternating blocks (A B A B …, --rounds pairs of --block requests) and
     the throughput ratio of each pair gives the median and spread; documents without a
     baseline say why and get GraphQL blocks only;
  3. peak resident memory of the server and of this process.
The server runs with the rate limits raised (one client sends everything from one address).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date, timedelta
from typing import Any

from tools.bench.documents import CASES, Case, Scene, document_text, prepare_scene

HIGH_LIMIT = "1000000 per 1 second"


def add_data_arguments(p: argparse.ArgumentParser) -> None:
    """The database a benchmark runs on: an existing one, or the seeded data's sizes."""
    p.add_argument("--database-url", help="an existing database (postgresql://… or a SQLite file)")
    p.add_argument("--markets", type=int, default=2000, help="markets to seed (default 2000)")
    p.add_argument("--workers", type=int, default=20_000)
    p.add_argument("--postings", type=int, default=10_000)
    p.add_argument("--applications", type=int, default=40_000)
    p.add_argument("--seed", type=int, default=2025, help="random seed of the seeded data")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lingong bench", description=__doc__.split("\n")[0])
    add_data_arguments(p)
    p.add_argument("--requests", type=int, default=100, help="timed in-process requests")
    p.add_argument("--warmup", type=int, default=10, help="untimed requests per variant")
    p.add_argument("--rounds", type=int, default=5, help="A B pairs of blocks over HTTP")
    p.add_argument("--block", type=int, default=40, help="requests per block over HTTP")
    p.add_argument("--concurrency", type=int, default=8, help="HTTP clients")
    p.add_argument("--only", default="", help="comma-separated document names")
    p.add_argument("--no-http", action="store_true", help="in-process figures only")
    args = p.parse_args(argv)
    names = {c.document for c in CASES}
    args.only = {n.strip() for n in args.only.split(",") if n.strip()}
    if args.only - names:
        p.error(f"unknown documents {sorted(args.only - names)}; known: {sorted(names)}")
    if min(args.requests, args.rounds, args.block, args.concurrency) < 1:
        p.error("--requests, --rounds, --block and --concurrency must be at least 1")
    return args


def cases(args: argparse.Namespace) -> list[Case]:
    return [c for c in CASES if not args.only or c.document in args.only]


# --------------------------------------------------------------------------------------------
# Data


async def seed_all(args: argparse.Namespace) -> None:
    """The existing bench seeding: markets, a year (2025) of activity, upcoming postings."""
    from services.statistics.rollup import refresh
    from tools.bench.seed_certification import seed_certification
    from tools.bench.seed_rights import seed_rights
    from tools.bench.seed_subsidy import seed_subsidy
    from tools.bench.statistics import seed_activity

    t0 = time.perf_counter()
    counts = await seed_activity(args)
    counts.update(await seed_subsidy(args, args.seed))
    counts.update(await seed_rights(args, args.seed))
    counts.update(await seed_certification(args, args.seed))
    await _upcoming(args.seed)
    done = await refresh(date(2025, 12, 31))
    print(
        f"activity seeded in {time.perf_counter() - t0:.1f} s ({counts}; rollup {done.days} days)"
    )


async def _upcoming(seed: int) -> None:
    """Move every fourth posting into the next two weeks: the seeding's year is in the past and
    the public lists show only postings not yet over."""
    from services.db import write_transaction
    from services.timeutil import now
    from tables import job_posting as jp

    j = jp.JobPosting
    ids = [r["id"] for r in await j.select(j.id).order_by(j.id)][::4]
    start = now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
    async with write_transaction():
        for hours in range(0, 14 * 24, 6):
            chosen = ids[hours // 6 :: 56]
            if chosen:
                starts = start + timedelta(hours=hours)
                await j.update({j.starts_at: starts, j.ends_at: starts + timedelta(hours=8)}).where(
                    j.id.is_in(chosen)
                )


async def data_size() -> str:
    from tables import job_posting as jp
    from tables.market import Market
    from tables.worker import Worker

    counts = [
        (await Market.count(), "markets and stations"),
        (await Worker.count(), "workers"),
        (await jp.JobPosting.count(), "postings"),
        (await jp.JobApplication.count(), "applications"),
    ]
    return ", ".join(f"{n:,} {what}" for n, what in counts)


# --------------------------------------------------------------------------------------------
# In process


def graphql_caller(case: Case, scene: Scene) -> Callable[[], Awaitable[str]]:
    from resolvers.context import build_context
    from schema.root import schema
    from tools.bench.baselines import dumps

    text = document_text(case.document)
    token = scene.tokens.get(case.role) if case.role else None

    async def call() -> str:
        context = await build_context(None, token=token)
        texts = getattr(schema, "texts", None)
        if texts is not None:
            # As the server's view does: a text plan answers first (resolvers/compiled/texts.py).
            body = await texts.answer(text, case.document, case.variables(scene), context)
            if body is not None:
                return body
        result = await schema.execute(
            text,
            variable_values=case.variables(scene),
            context_value=context,
            operation_name=case.document,
        )
        if result.errors:
            raise RuntimeError(f"{case.label}: GraphQL errors: {result.errors}")
        return dumps({"data": result.data})

    return call


async def same_bytes(label: str, a: Callable[[], Awaitable[str]], b: Callable[[], Awaitable[str]]):
    """Byte-identical or exit; retried, as isOpenNow may flip between two calls at a boundary."""
    import json

    from tools.bench.markets import _first_difference

    first = second = ""
    for _ in range(3):
        first, second = await a(), await b()
        if first == second:
            return
    problem = _first_difference(json.loads(first), json.loads(second), "")
    raise SystemExit(f"{label}: baseline differs from GraphQL at {problem or 'bytes only'}")


async def in_process(args: argparse.Namespace, scene: Scene) -> None:
    from services.memory import freeze_long_lived
    from tools.bench.baselines import body
    from tools.bench.markets import measure_inprocess

    freeze_long_lived()  # as the server does after start-up (app.py): the seeding's rows are gone
    print(f"\nin process ({args.requests} requests each after {args.warmup} warm-up)")
    head = f"{'document':<34}{'p50 ms':>9}{'p95 ms':>9}{'SQL/req':>9}{'bytes':>9}  baseline p50"
    print(head + "\n" + "-" * (len(head) + 6))
    for case in cases(args):
        graphql = graphql_caller(case, scene)
        r = await measure_inprocess(case.label, graphql, args.requests, args.warmup)
        line = f"{case.label:<34}{r.pct(50):>9.2f}{r.pct(95):>9.2f}{r.statements:>9.1f}"
        line += f"{r.body_bytes:>9}"
        if case.baseline:
            name, first = case.baseline, case.argument(scene)
            token = scene.tokens.get(case.role) if case.role else None

            async def baseline(name: str = name, first: int = first, token=token) -> str:
                return await body(name, first, token)

            await same_bytes(f"{case.label} in process", graphql, baseline)
            b = await measure_inprocess("baseline", baseline, args.requests, args.warmup)
            line += f"  {b.pct(50):.2f} ms ({b.statements:.0f} SQL), byte-identical"
        else:
            line += "  none (see below)"
        print(line, flush=True)
    print("\nno hand-written baseline for:")
    for case in cases(args):
        if not case.baseline:
            print(f"  {case.label}: {case.why_no_baseline}")


def main(argv: list[str] | None = None) -> None:
    on_database(parse_args(argv), run)


def on_database(
    args: argparse.Namespace,
    run: Callable[[argparse.Namespace, str, bool], Coroutine[Any, Any, None]],
) -> None:
    """`run(args, where, seeded)` on --database-url's database as it is (seeded False), else on
    a throwaway one that `run` seeds, with the rate limits raised (one client sends everything
    from one address)."""
    for limit in ("TOKEN", "ANONYMOUS", "ADDRESS"):
        os.environ[f"LINGONG_RATE_LIMIT_{limit}"] = HIGH_LIMIT
    os.environ["LINGONG_FAILED_LOOKUP_BUDGET"] = HIGH_LIMIT
    if args.database_url:
        from tools.bench.interleaved import existing_database

        with existing_database(args.database_url) as where:
            asyncio.run(run(args, where, False))
        return
    from tools.bench.markets import throwaway_database

    with throwaway_database() as where:
        asyncio.run(run(args, where, True))


async def run(args: argparse.Namespace, where: str, seeded: bool) -> None:
    from tools.bench import markets
    from tools.bench.interleaved import database_pool, over_http

    setup: Any = markets.database_ready(args) if seeded else database_pool()
    async with setup as engine:
        if seeded:
            await seed_all(args)
            if engine.engine_type == "postgres":
                await engine.run_ddl("ANALYZE")
        scene = await prepare_scene()
        print(f"database: {where} ({await markets._db_version(engine)}): {await data_size()}")
        print(f"python {sys.version.split()[0]}; {markets._versions()}; {os.cpu_count()} CPUs")
        print(f"code: git {markets._revision()}; load average {_load()} before timing")
        await in_process(args, scene)
        if not args.no_http:
            await over_http(args, scene, cases(args))
        print(f"\nload average {_load()} after timing; benchmark process maxrss ", end="")
        print(f"{markets.self_maxrss_mb():.0f} MB")


def _load() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def spread(values: list[float]) -> str:
    """Median and range, e.g. ×0.31 (0.28–0.35)."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


if __name__ == "__main__":
    main()
