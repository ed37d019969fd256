"""`lingong load`: a bounded loopback load test on PostgreSQL with several uvicorn workers.

    lingong load [--database-url postgresql://…/db] [--workers 3] [--read-seconds 20]
        [--readers 16] [--burst-seconds 30] [--rate 20] [--burst-readers 4] [--markets 400]
        [--max-seconds 300]

Two phases against `uvicorn app:app --workers N` on 127.0.0.1 (access log off):
  1. public read mix: --readers anonymous clients in a closed loop for --read-seconds, each
     request a weighted draw of MarketDirectory, PostingSearch (20 and 100), MarketDetail,
     MarketMap and RegionStatistics (tools/bench/documents.py variables);
  2. month-end burst: workloadReportSubmit sent open-loop at --rate per second for
     --burst-seconds, one market each (contracts are added for up to --markets markets), while
     --burst-readers keep reading. One submission in ten is sent twice at once with the same
     idempotency key (a double tap), one in ten again after its answer (a client retry).
Afterwards the database is checked: every acknowledged key has exactly one report (lost: none;
duplicated: none), every retry got the first answer's id. Prints req/s, p50/p95/p99 and errors
per phase and document. The whole run is cut at --max-seconds (the server is killed).

The driver is a small asyncio loop on the benchmarks' client (tools/bench/client.py: aiohttp)
rather than locust: an open-loop rate and the idempotency bookkeeping are a few lines here, and locust's own CPU
(gevent workers) would compete with the server for this machine's two cores. Rate limits are
kept in memory per worker process, so with N workers a client would get N times its limit, and
one driver sends everything from one address: the run raises the limits and says so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from tools.bench.documents import CASES, Scene, document_text, report_input

READ_MIX = {  # label in documents.CASES -> weight
    "MarketDirectory (first: 20)": 25,
    "PostingSearch (first: 20)": 30,
    "PostingSearch (first: 100)": 5,
    "MarketDetail": 20,
    "MarketMap (city 330100)": 10,
    "RegionStatistics (city-year)": 10,
}
HIGH_LIMIT = "1000000 per 1 second"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lingong load", description=__doc__.split("\n")[0])
    p.add_argument("--database-url", help="an existing PostgreSQL database (else a throwaway)")
    p.add_argument("--workers", type=int, default=3, help="uvicorn worker processes")
    p.add_argument("--read-seconds", type=float, default=20)
    p.add_argument("--readers", type=int, default=16, help="closed-loop readers in phase 1")
    p.add_argument("--burst-seconds", type=float, default=30)
    p.add_argument("--rate", type=float, default=20, help="report submissions per second")
    p.add_argument("--burst-readers", type=int, default=4, help="readers during the burst")
    p.add_argument("--markets", type=int, default=400, help="markets reporting in the burst")
    p.add_argument("--max-seconds", type=float, default=300, help="hard bound on the whole run")
    p.add_argument("--seed-markets", type=int, default=1000, help="throwaway: markets to seed")
    p.add_argument("--seed", type=int, default=2025)
    args = p.parse_args(argv)
    url = args.database_url or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        p.error("the load test runs on PostgreSQL: set DATABASE_URL or --database-url")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    for limit in ("TOKEN", "ANONYMOUS", "ADDRESS"):
        os.environ[f"LINGONG_RATE_LIMIT_{limit}"] = HIGH_LIMIT
    os.environ["LINGONG_FAILED_LOOKUP_BUDGET"] = HIGH_LIMIT
    started = time.monotonic()
    from tools.bench.interleaved import existing_database
    from tools.bench.markets import throwaway_database

    manager = existing_database(args.database_url) if args.database_url else throwaway_database()
    with manager as where:
        try:
            asyncio.run(asyncio.wait_for(run(args, where, started), args.max_seconds))
        except TimeoutError:
            print(f"STOPPED: the run exceeded --max-seconds {args.max_seconds:.0f}")
            sys.exit(2)


async def run(args: argparse.Namespace, where: str, started: float) -> None:
    from tools.bench import markets
    from tools.bench.documents import prepare_scene
    from tools.bench.interleaved import database_pool
    from tools.bench.suite import data_size, seed_all

    seeded = not args.database_url
    setup: Any = (
        markets.database_ready(
            argparse.Namespace(markets=args.seed_markets, seed=args.seed),
        )
        if seeded
        else database_pool()
    )
    async with setup as engine:
        if seeded:
            sizes = argparse.Namespace(
                workers=20 * args.seed_markets, postings=5 * args.seed_markets,
                applications=20 * args.seed_markets, seed=args.seed,
            )  # fmt: skip
            await seed_all(sizes)
            await engine.run_ddl("ANALYZE")
        scene = await prepare_scene()
        reporters = await _reporters(args.markets, scene)
        print(f"database: {where}: {await data_size()}")
        print(
            f"server: uvicorn app:app --workers {args.workers} on 127.0.0.1, access log off; rate "
            f"limits raised to {HIGH_LIMIT!r} (kept per worker process, one client address)"
        )
        print(f"set-up took {time.monotonic() - started:.0f} s; load average {_load()}")
        proc, port = _start(args.workers)
        try:
            from tools.bench.load_phases import burst, read_mix, verify

            async with _client(port, args.readers + args.burst_readers + 64) as client:
                await _ready(client, proc)
                await read_mix(client, scene, args.readers, args.read_seconds, "1. public read mix")
                sent = await burst(client, scene, reporters, args)
            await verify(sent)
            print(f"load average {_load()} at the end")
        finally:
            _stop(proc)


async def _reporters(count: int, scene: Scene) -> list[tuple[int, str]]:
    """(market id, operator token) for up to `count` markets, adding contracts where missing."""
    from datetime import date

    from services.auth.rules import issue
    from tables.market import Market
    from tables.operator import OperatingContract as C

    free = (
        await Market.select(Market.id, Market.operator)
        .where(Market.operator.is_not_null() & Market.id.not_in(C.select(C.market)))
        .order_by(Market.id)
        .limit(count)
    )
    if free:
        await C.insert(
            *[
                C(operator=m["operator"], market=m["id"], starts_on=date(2024, 1, 1),
                  ends_on=date(2030, 12, 31), yearly_budget_fen=10_000_000)
                for m in free
            ]
        )  # fmt: skip
    month = scene.period + "-01"
    rows = (
        await C.select(C.operator, C.market)
        .where((C.starts_on <= date.fromisoformat(month)) & (C.ends_on >= date.today()))
        .order_by(C.market)
        .limit(count)
    )
    tokens: dict[int, str] = {}
    for r in rows:
        if r["operator"] not in tokens:
            tokens[r["operator"]] = (await issue("OPERATOR", r["operator"], label="load"))[0]
    return [(r["market"], tokens[r["operator"]]) for r in rows]


def _start(workers: int) -> tuple[subprocess.Popen, int]:
    from tools.bench.markets import REPO, _free_port
    from tools.cli import FAST_SERVER

    port = _free_port()
    log = Path(tempfile.gettempdir()) / f"lingong-load-{os.getpid()}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port",
             str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log",
             "--http", FAST_SERVER["http"], "--loop", FAST_SERVER["loop"]],  # as `lingong serve`
            cwd=REPO, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    proc.log = log  # type: ignore[attr-defined]
    return proc, port


@contextlib.asynccontextmanager
async def _client(port: int, connections: int):
    from tools.bench.client import open_client

    async with open_client(f"http://127.0.0.1:{port}", connections, seconds=30) as client:
        yield client


async def _ready(client: Any, proc: subprocess.Popen) -> None:
    from tools.bench.markets import wait_ready

    await wait_ready(client, proc, proc.log)  # type: ignore[attr-defined]


def _stop(proc: subprocess.Popen) -> None:
    from tools.bench.markets import stop_server

    stop_server(proc)
    with contextlib.suppress(OSError):
        proc.log.unlink()  # type: ignore[attr-defined]


def _load() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def reads(scene: Scene) -> list[tuple[str, str, dict, int]]:
    """(label, document text, variables, weight) of the public read mix."""
    chosen = [c for c in CASES if c.label in READ_MIX]
    return [
        (c.label, document_text(c.document), c.variables(scene), READ_MIX[c.label]) for c in chosen
    ]


def submission(scene: Scene, market_id: int) -> tuple[str, dict]:
    """A fresh key and the variables of one month-end report for `market_id`."""
    key = str(uuid.uuid4())
    market_scene = Scene(contract_market_id=market_id, period=scene.period)
    return key, report_input(market_scene, key)
