"""Benchmark of what rejected requests cost legitimate traffic (legitimate + rejected at once).

    python -m tools.bench.rejections [--markets 300] [--seconds 8] [--concurrency 8] [--rate 28]
    lingong bench --rejections [same options]

A command, not a test. It seeds a throwaway database (tools/bench/markets.py), starts uvicorn
as `lingong serve` does (one worker, access log on, written to a file) and runs, for a fixed
time each: legitimate traffic alone (`markets(first: 20)` with an operator's token, closed loop
at --concurrency), then legitimate traffic plus one kind of rejected traffic sent at --rate
requests per second by another process (open loop, like a misbehaving client): a body over the cap, bad JSON,
several operations without operationName, a client over its rate limit, an unknown token, a
query over the cost limit; then all kinds at once. It prints legitimate req/s and p50/p95 for
each phase, and the rejections' p50/p95 and status codes. Before that, a table of the CPU
each kind of request costs through the ASGI app in this process (`--no-http`: only that).

The server runs with the anonymous limit set to 1 request per hour, so the "rate-limited" kind
(anonymous) is refused every time, and with the per-token and per-address limits raised so the
legitimate client, which sends as fast as it can, is never throttled.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tools.bench.markets import (
    REPO,
    _free_port,
    _tail,
    proc_cpu_seconds,
    seed,
    stop_server,
    throwaway_database,
)

LEGIT = "query MarketDirectory($first: Int) { markets(first: $first) { nodes { id name } } }"
TWO_OPERATIONS = "query A { __typename } mutation B { __typename }"
NEEDS_TOKEN = "query MyWorkerProfile { myWorkerProfile { id } }"
# 100 markets × 10 stations × 10 × 10: over the cost limit, valid otherwise.
COSTLY = (
    "query Costly { markets(first: 100) { nodes { stations { stations { stations { id } } } } } }"
)
SERVER_ENV = {
    "LINGONG_RATE_LIMIT_TOKEN": "1000000/second",
    "LINGONG_RATE_LIMIT_ADDRESS": "1000000/second",
    "LINGONG_RATE_LIMIT_ANONYMOUS": "1/hour",
}


def rejection(kind: str, cap: int, token: str) -> dict[str, Any]:
    """httpx.post keyword arguments for one rejected request of this kind."""
    auth = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    if kind == "oversized":
        return {"content": b"{" + b" " * cap + b"}", "headers": auth}
    if kind == "bad-json":
        return {"content": b'{"query": "{ markets { nodes', "headers": auth}
    if kind == "no-operation-name":
        return {"json": {"query": TWO_OPERATIONS}, "headers": auth}
    if kind == "rate-limited":
        return {"json": {"query": LEGIT, "variables": {"first": 20}}}
    if kind == "bad-token":
        return {
            "json": {"query": NEEDS_TOKEN},
            "headers": {"authorization": "Bearer lg_" + os.urandom(24).hex()},
        }
    if kind == "over-cost":
        return {"json": {"query": COSTLY}, "headers": auth}
    raise ValueError(kind)


KINDS = ("oversized", "bad-json", "no-operation-name", "rate-limited", "bad-token", "over-cost")


def serve(port: int) -> None:
    import uvicorn

    from tools.cli import uvicorn_options

    options = uvicorn_options(argparse.Namespace(host="127.0.0.1", port=port, workers=1))
    uvicorn.run("app:app", **options)


def start_server(log_path: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tools.bench.rejections", "--serve", "--port", str(port)],
            cwd=REPO,
            env={**os.environ, **SERVER_ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return proc, port


def pct(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    if len(values) < 2:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


async def phase(
    client: Any,
    token: str,
    kinds: tuple[str, ...],
    args: argparse.Namespace,
    cap: int,
    server_pid: int,
) -> dict[str, Any]:
    legit: list[float] = []
    rejected: list[float] = []
    statuses: Counter[int] = Counter()
    stop = time.perf_counter() + args.seconds
    body = {"query": LEGIT, "variables": {"first": 20}}
    headers = {"authorization": f"Bearer {token}"}

    async def legit_worker() -> None:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            response = await client.post("/graphql", json=body, headers=headers)
            if response.status_code != 200 or b'"errors"' in response.content[:200]:
                raise RuntimeError(f"legitimate request failed: {response.text[:300]}")
            legit.append(time.perf_counter() - t0)

    started, server_cpu = time.perf_counter(), proc_cpu_seconds(server_pid)
    attacker = None
    if kinds:
        # Rejected traffic comes from a process of its own, as from another client: in this
        # process it would take CPU from the legitimate client on a small machine.
        attacker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tools.bench.rejections",
            "--attack",
            str(client.base_url),
            "--token",
            token,
            "--kinds",
            ",".join(kinds),
            "--rate",
            str(args.rate),
            "--seconds",
            str(args.seconds),
            cwd=REPO,
            stdout=asyncio.subprocess.PIPE,
        )
    await asyncio.gather(*(legit_worker() for _ in range(args.concurrency)))
    elapsed = time.perf_counter() - started
    if attacker is not None:
        out, _ = await attacker.communicate()
        report = json.loads(out.decode().strip().splitlines()[-1])
        rejected, statuses = (
            report["latencies"],
            Counter({int(k): v for k, v in report["statuses"].items()}),
        )
    server_cpu = proc_cpu_seconds(server_pid) - server_cpu
    return {
        "server_cpu": 100 * server_cpu / elapsed,
        "server_ms_per_legit": 1000 * server_cpu / max(len(legit), 1),
        "legit_rps": len(legit) / elapsed,
        "legit_p50": pct(legit, 50),
        "legit_p95": pct(legit, 95),
        "rejected_rps": len(rejected) / elapsed,
        "rejected_p50": pct(rejected, 50),
        "rejected_p95": pct(rejected, 95),
        "statuses": dict(sorted(statuses.items())),
    }


async def attack(url: str, token: str, kinds: tuple[str, ...], rate: float, seconds: float):
    """The rejected client: `rate` requests per second, open loop, for `seconds`; prints its
    latencies and status codes as one JSON line."""
    import httpx

    from settings import get_settings

    cap = get_settings().max_body_bytes
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:

        async def one(kind: str) -> None:
            t0 = time.perf_counter()
            response = await client.post("/graphql", **rejection(kind, cap, token))
            latencies.append(time.perf_counter() - t0)
            statuses[response.status_code] += 1

        pending: set[asyncio.Task] = set()
        started = time.perf_counter()
        i = 0
        while time.perf_counter() < started + seconds:
            task = asyncio.create_task(one(kinds[i % len(kinds)]))
            pending.add(task)
            task.add_done_callback(pending.discard)
            i += 1
            await asyncio.sleep(max(0.0, started + i / rate - time.perf_counter()))
        await asyncio.gather(*pending)
    print(json.dumps({"latencies": latencies, "statuses": statuses}))


async def prepare(markets: int) -> str:
    from services.auth.rules import issue
    from tables.operator import Operator
    from tools.database import migrate

    await migrate()
    await seed(markets)
    operator = await Operator.select(Operator.id).first()
    assert operator is not None
    token, _ = await issue("OPERATOR", operator["id"], days=1, label="bench")
    return token


async def in_process(token: str, cap: int, kinds: tuple[str, ...], requests: int) -> None:
    """CPU per request of each kind through the ASGI app in this process (no sockets, no
    other traffic): a figure that a busy shared machine disturbs much less than throughput."""
    import httpx

    from app import RequestIdMiddleware, create_app

    app: Any = RequestIdMiddleware(create_app())
    legit = {
        "json": {"query": LEGIT, "variables": {"first": 20}},
        "headers": {"authorization": f"Bearer {token}"},
    }
    print("| request (in process) | status | CPU ms per request | wall ms per request |")
    print("|---|---|---|---|")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for kind in ("legitimate", *kinds):

            def kwargs(kind: str = kind) -> dict[str, Any]:
                return legit if kind == "legitimate" else rejection(kind, cap, token)

            for _ in range(10):
                await client.post("/graphql", **kwargs())
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for _ in range(requests):
                response = await client.post("/graphql", **kwargs())
            cpu = (time.process_time() - cpu0) * 1000 / requests
            wall = (time.perf_counter() - wall0) * 1000 / requests
            print(f"| {kind} | {response.status_code} | {cpu:.2f} | {wall:.2f} |", flush=True)
    print()


async def run(args: argparse.Namespace, where: str) -> None:
    import httpx

    from settings import get_settings

    token = await prepare(args.markets)
    cap = get_settings().max_body_bytes
    await in_process(token, cap, args.kinds, args.requests)
    if args.no_http:
        return
    log_path = Path(tempfile.mkdtemp(prefix="lingong-bench-")) / "server.log"
    proc, port = start_server(log_path)
    limits = httpx.Limits(max_connections=args.concurrency + 64)
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", timeout=60, limits=limits
        ) as client:
            await wait_ready(client, proc, log_path)
            for _ in range(20):  # warm-up: caches, pool, imports
                await client.post("/graphql", json={"query": LEGIT, "variables": {"first": 20}})
            phases: list[tuple[str, tuple[str, ...]]] = [("legitimate only", ())]
            phases += [(f"+ {kind}", (kind,)) for kind in args.kinds]
            if len(args.kinds) > 1:
                phases.append(("+ all kinds mixed", tuple(args.kinds)))
            phases.append(("legitimate only, again", ()))
            print(
                f"# {where}; {args.markets} markets; {args.seconds} s per phase; legitimate "
                f"concurrency {args.concurrency}; rejected {args.rate}/s"
            )
            print(
                "| phase | legit req/s | legit p50 ms | legit p95 ms | rejected/s | "
                "rejected p50 ms | rejected p95 ms | rejected statuses | server CPU % | "
                "server CPU ms per legit request |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|")
            for name, kinds in phases:
                r = await phase(client, token, kinds, args, cap, proc.pid)
                print(
                    f"| {name} | {r['legit_rps']:.0f} | {r['legit_p50']:.0f} | "
                    f"{r['legit_p95']:.0f} | {r['rejected_rps']:.0f} | "
                    f"{r['rejected_p50']:.1f} | {r['rejected_p95']:.1f} | "
                    f"{json.dumps(r['statuses'])} | {r['server_cpu']:.0f} | "
                    f"{r['server_ms_per_legit']:.1f} |",
                    flush=True,
                )
    finally:
        stop_server(proc)


async def wait_ready(client: Any, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"benchmark server exited ({proc.returncode}):\n{_tail(log_path)}")
        try:
            if (await client.get("/health/ready")).status_code == 200:
                return
        except Exception:  # not listening yet
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"benchmark server did not get ready:\n{_tail(log_path)}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.rejections",
        description="Legitimate throughput with and without rejected traffic.",
    )
    parser.add_argument("--markets", type=int, default=300, help="markets to seed")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each phase")
    parser.add_argument("--concurrency", type=int, default=8, help="legitimate clients")
    parser.add_argument("--rate", type=float, default=28.0, help="rejected requests per second")
    parser.add_argument(
        "--kinds",
        type=lambda s: tuple(k for k in s.split(",") if k),
        default=KINDS,
        help=f"comma-separated rejection kinds (default: {','.join(KINDS)})",
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="requests per kind in the in-process table"
    )
    parser.add_argument("--no-http", action="store_true", help="the in-process table only")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--attack", default="", help=argparse.SUPPRESS)
    parser.add_argument("--token", default="", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = set(args.kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.serve:
        serve(args.port)
        return
    if args.attack:
        asyncio.run(attack(args.attack, args.token, args.kinds, args.rate, args.seconds))
        return
    # The in-process app reads its limits from here too; the anonymous one refuses every time.
    os.environ.update(SERVER_ENV)
    with throwaway_database() as where:
        asyncio.run(run(args, where))


if __name__ == "__main__":
    main()
