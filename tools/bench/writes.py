"""Benchmark of concurrent writes over HTTP: N clients each updating their own worker profile.

    python -m tools.bench.writes [--writers 20] [--requests 20] [--warmup 2]

Seeds a throwaway database (SQLite, or PostgreSQL when DATABASE_URL is set; see
tools/bench/markets.py) with one worker account per writer, starts the app under uvicorn (one
process, as `lingong serve` runs by default) and has every writer send `workerProfileUpdate`
mutations back to back, so `writers` write transactions are in flight at once. Prints the write
latency (p50/p95/p99/max), throughput and failures: the figure behind the README's statement of
how far the embedded SQLite default goes (issue 16, defect 13).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.baselines.common import dumps
from tools.bench.markets import (
    _revision,
    start_server,
    stop_server,
    throwaway_database,
    wait_ready,
)

MUTATION = """mutation($input: WorkerProfileUpdateInput!) {
  workerProfileUpdate(input: $input) { worker { availability } userErrors { code } } }"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lingong-bench-writes")
    p.add_argument("--writers", type=int, default=20, help="concurrent writing clients")
    p.add_argument("--requests", type=int, default=20, help="timed mutations per writer")
    p.add_argument("--warmup", type=int, default=2, help="untimed mutations per writer")
    return p.parse_args(argv)


async def seed(writers: int) -> list[str]:
    """One registered worker per writer; their bearer tokens."""
    from services.account import rules as accounts
    from tables.occupation import Occupation
    from tools.database import migrate

    await migrate()
    occupation = await Occupation.select(Occupation.id).first()
    tokens = []
    for n in range(writers):
        signed = await accounts.register(
            accounts.Registration(
                phone=f"139{n:08d}",
                password=f"bench-password-{n}",
                role="WORKER",
                has_worker_profile=True,
                worker_name="压测",
                worker_occupation_ids=[occupation["id"] if occupation else None],
                worker_region_code="330102",
            )
        )
        tokens.append(signed.token)
    return tokens


async def measure(args: argparse.Namespace, tokens: list[str]) -> None:
    from tools.bench.client import open_client

    log_path = Path(tempfile.gettempdir()) / f"lingong-bench-writes-{os.getpid()}.log"
    proc, port = start_server(log_path)
    latencies: list[float] = []
    failures: list[str] = []
    try:
        async with open_client(f"http://127.0.0.1:{port}", args.writers, seconds=120) as client:
            await wait_ready(client, proc, log_path)

            async def writer(token: str, count: int, timed: bool) -> None:
                headers = {"Authorization": f"Bearer {token}", "content-type": "application/json"}
                for j in range(count):
                    body = {"query": MUTATION, "variables": {"input": {"availability": f"班次{j}"}}}
                    started = time.perf_counter()
                    response = await client.post("/graphql", dumps(body), headers=headers)
                    took = time.perf_counter() - started
                    data = response.json() if response.status_code == 200 else {}
                    if "errors" in data or response.status_code != 200:
                        failures.append(f"{response.status_code} {response.text[:200]}")
                    elif timed:
                        latencies.append(took)

            await asyncio.gather(*(writer(t, args.warmup, False) for t in tokens))
            started = time.perf_counter()
            await asyncio.gather(*(writer(t, args.requests, True) for t in tokens))
            elapsed = time.perf_counter() - started
    finally:
        stop_server(proc)
    report(args, latencies, elapsed, failures)


def report(
    args: argparse.Namespace, latencies: list[float], elapsed: float, failures: list[str]
) -> None:
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))] if ms else float("nan")

    print(f"{args.writers} writers × {args.requests} workerProfileUpdate, 1 server process")
    print(f"writes {len(ms)}  failures {len(failures)}  {len(ms) / elapsed:.1f} writes/s")
    print(
        f"latency ms: p50 {pct(50):.0f}  p95 {pct(95):.0f}  p99 {pct(99):.0f}  "
        f"max {ms[-1] if ms else float('nan'):.0f}  mean {statistics.fmean(ms) if ms else 0:.0f}"
    )
    for failure in failures[:5]:
        print(f"  failure: {failure}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with throwaway_database() as where:
        print(
            f"database: {where}; code: git {_revision()}; {os.cpu_count()} CPUs; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        tokens = asyncio.run(seed(args.writers))
        asyncio.run(measure(args, tokens))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
