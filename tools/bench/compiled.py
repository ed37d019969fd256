"""Benchmark of compiled trusted documents against graphql-core's executor, same documents.

    python -m tools.bench.compiled [--markets 2000] [--postings 5000] [--requests 200]
                                   [--rounds 3] [--concurrency 8] [--page 20] [--no-http]
    lingong bench --compiled [same options]

The registered texts of MarketDirectory and PostingSearch (frontend_queries/manifest.json) run
on their plans; the same texts with one trailing line break are not registered, so they run on
graphql-core's executor (the server allows ad-hoc documents outside production). Both answers are
checked byte-identical before anything is timed. The two variants are timed in alternating blocks
(ABAB, `--rounds` of each), in process (schema.execute + json.dumps, a fresh context per request)
and over HTTP (uvicorn, one worker, the markets benchmark's server), so a load swing on a shared
machine hits both; the median and the spread of the blocks are printed, with the load average.
Data: tools/bench/markets.py's markets, then `--postings` open postings of 100 employers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import tempfile
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from tools.bench.markets import (
    Result,
    _dumps,
    database_ready,
    measure_http,
    measure_inprocess,
    start_server,
    stop_server,
    throwaway_database,
    wait_ready,
)

DOCUMENTS = ("MarketDirectory", "PostingSearch")
EMPLOYERS = 100
TITLES = (
    "仓库装卸工",
    "快递分拣员",
    "冷链理货员",
    "家政保洁",
    "餐厅帮厨",
    "物流园搬运",
    "展会布展",
)


async def seed_postings(n: int, rng_seed: int = 2023) -> None:
    """EMPLOYERS verified employers and n open postings at the seeded markets (one transaction)."""
    from services.crypto import encrypt
    from services.db import current_engine
    from services.identifiers import mask_phone
    from services.timeutil import now
    from services.worker.personal import phone_hash
    from tables import job_posting as jp
    from tables import market as t
    from tables.employer import Employer
    from tables.occupation import Occupation

    rng = random.Random(rng_seed)
    markets = await t.Market.select(
        t.Market.id, t.Market.region, t.Market.address, t.Market.latitude, t.Market.longitude
    )
    occupations = [r["id"] for r in await Occupation.select(Occupation.id)]
    start = now()
    async with current_engine().transaction():
        phones = [f"1390000{i:04d}" for i in range(EMPLOYERS)]
        employers = [
            Employer(
                kind="COMPANY",
                name=f"浙江压测物流有限公司{i + 1}",
                contact_name="赵经理",
                phone_hash=phone_hash(phone),
                phone_encrypted=encrypt(phone),
                phone_masked=mask_phone(phone),
                region=rng.choice(markets)["region"],
                verification_status="VERIFIED",
                verified_at=start,
            )
            for i, phone in enumerate(phones)
        ]
        await Employer.insert(*employers)
        employer_ids = [r["id"] for r in await Employer.select(Employer.id)]
        rows = []
        for i in range(n):
            market = rng.choice(markets)
            starts = start + timedelta(hours=rng.randint(2, 24 * 30))
            wage = rng.randrange(15000, 32000, 500)
            rows.append(
                jp.JobPosting(
                    employer=rng.choice(employer_ids),
                    market=market["id"],
                    occupation=rng.choice(occupations),
                    title=f"{rng.choice(TITLES)}{i + 1}",
                    headcount=rng.randint(1, 5),
                    wage_fen=wage,
                    wage_unit="DAY",
                    daily_wage_fen=wage,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=8),
                    address=market["address"],
                    region=market["region"],
                    latitude=market["latitude"],
                    longitude=market["longitude"],
                    same_day=i % 7 == 0,
                    status="OPEN",
                    published_at=start,
                )
            )
        for k in range(0, len(rows), 500):
            await jp.JobPosting.insert(*rows[k : k + 500])
    if current_engine().engine_type == "postgres":
        await current_engine().run_ddl("ANALYZE")


def registered(name: str) -> str:
    from resolvers.trusted_documents import MANIFEST

    entries = json.loads(MANIFEST.read_text(encoding="utf-8")).values()
    return next(e["document"] for e in entries if e["operationName"] == name)


def texts(name: str) -> dict[str, str]:
    # One trailing line break: not the registered text, so graphql-core's executor runs it.
    text = registered(name)
    return {"compiled": text, "generic": text + "\n"}


def caller(text: str, name: str, variables: dict) -> Callable[[], Awaitable[str]]:
    from resolvers.context import build_context
    from schema.root import schema

    async def call() -> str:
        context = await build_context(None)
        result = await schema.execute(
            text, variable_values=variables, context_value=context, operation_name=name
        )
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [e.formatted for e in result.errors]
        return _dumps(body)

    return call


async def alternate(
    measure: Callable[[str], Awaitable[Result]], rounds: int
) -> dict[str, list[Result]]:
    """ABAB…: each round times the compiled block, then the generic one."""
    found: dict[str, list[Result]] = {"compiled": [], "generic": []}
    for _ in range(rounds):
        for variant in found:
            found[variant].append(await measure(variant))
    return found


def summary(label: str, blocks: dict[str, list[Result]]) -> None:
    for variant, results in blocks.items():
        rps = [r.rps for r in results]
        p50 = statistics.median(r.pct(50) for r in results)
        p95 = statistics.median(r.pct(95) for r in results)
        cpu = statistics.median((r.server_cpu_ms or r.cpu_ms) for r in results)
        print(
            f"{label:<32}{variant:<10}{statistics.median(rps):>9.1f} req/s "
            f"({min(rps):.1f}-{max(rps):.1f}){p50:>9.2f}{p95:>9.2f} ms"
            f"{results[0].statements:>7.1f} SQL{cpu:>8.2f} CPU ms{results[0].body_bytes:>8} B"
        )
    ratios = [c.rps / g.rps for c, g in zip(blocks["compiled"], blocks["generic"], strict=True)]
    print(
        f"{label:<32}compiled/generic throughput x{statistics.median(ratios):.2f} "
        f"(rounds x{min(ratios):.2f}-x{max(ratios):.2f})"
    )


async def run(args: argparse.Namespace, where: str) -> None:
    async with database_ready(args):
        await seed_postings(args.postings, args.seed)
        print(f"database: {where}; {args.markets} markets, {args.postings} open postings")
        print(f"load average {os.getloadavg()[0]:.2f} before timing ({os.cpu_count()} CPUs)")
        variables = {"first": args.page}
        for name in DOCUMENTS:
            calls = {v: caller(t, name, variables) for v, t in texts(name).items()}
            bodies = {v: await call() for v, call in calls.items()}
            if bodies["compiled"] != bodies["generic"] or '"errors"' in bodies["compiled"]:
                raise SystemExit(f"{name}: the compiled answer differs or has errors")

            async def measure(variant: str, name: str = name, calls: Any = calls) -> Result:
                call = calls[variant]
                return await measure_inprocess(variant, call, args.requests, args.warmup)

            summary(f"{name} in-process", await alternate(measure, args.rounds))
        if not args.no_http:
            await run_http(args, variables)
        print(f"load average {os.getloadavg()[0]:.2f} after timing (2 cores shared)")


async def run_http(args: argparse.Namespace, variables: dict) -> None:
    from tools.bench.client import open_client

    log_path = Path(tempfile.gettempdir()) / f"lingong-bench-compiled-{os.getpid()}.log"
    # The server's own limits would answer 429 above 20 anonymous requests/s per address:
    # lifted for the server this benchmark starts (it measures execution, not the limiter).
    for limit in ("ANONYMOUS", "ADDRESS"):
        os.environ[f"LINGONG_RATE_LIMIT_{limit}"] = "1000000 per 1 second"
    proc, port = start_server(log_path)
    headers = {"content-type": "application/json"}
    try:
        async with open_client(f"http://127.0.0.1:{port}", args.concurrency) as client:
            await wait_ready(client, proc, log_path)
            for name in DOCUMENTS:
                bodies = {
                    v: _dumps({"query": t, "variables": variables, "operationName": name})
                    for v, t in texts(name).items()
                }
                answers = [
                    (await client.post("/graphql", content=b, headers=headers)).content
                    for b in bodies.values()
                ]
                if answers[0] != answers[1]:
                    raise SystemExit(f"{name}: the compiled HTTP answer differs")

                def request(variant: str, bodies: dict = bodies) -> Awaitable[Any]:
                    return client.post("/graphql", content=bodies[variant], headers=headers)

                async def measure(variant: str, request: Any = request) -> Result:
                    return await measure_http(
                        variant,
                        client,
                        lambda: request(variant),
                        "/graphql",
                        args.requests,
                        args.concurrency,
                        args.warmup,
                        proc.pid,
                    )

                summary(
                    f"{name} HTTP (conc {args.concurrency})", await alternate(measure, args.rounds)
                )
    finally:
        stop_server(proc)
        with contextlib.suppress(OSError):
            log_path.unlink()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lingong bench --compiled", description=__doc__)
    parser.add_argument("--markets", type=int, default=2000, help="markets to seed")
    parser.add_argument("--postings", type=int, default=5000, help="open postings to seed")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per block")
    parser.add_argument("--rounds", type=int, default=3, help="ABAB rounds")
    parser.add_argument("--concurrency", type=int, default=8, help="HTTP client concurrency")
    parser.add_argument("--page", type=int, default=20, help="page size (first:)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per block")
    parser.add_argument("--seed", type=int, default=2023, help="random seed for the data")
    parser.add_argument("--no-http", action="store_true", help="in-process only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with throwaway_database() as where:
        asyncio.run(run(args, where))


if __name__ == "__main__":
    main()
