"""Over HTTP for `lingong bench`: GraphQL and its baseline in alternating blocks, one server.

Both sides run against the same uvicorn process (tools/bench/markets.BenchServer) in blocks of
--block requests at --concurrency: A B A B … for --rounds pairs. Load on a shared machine swings
within seconds, so each pair's throughput ratio is taken on its own and the median and range of
the ratios are reported, not the ratio of two separate long runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from tools.bench.documents import Case, Scene, document_text
from tools.bench.markets import BASELINE_PATH, Result


@contextlib.contextmanager
def existing_database(url: str) -> Iterator[str]:
    """Point the settings at a database given on the command line (nothing created or dropped)."""
    if "piccolo_conf" in sys_modules():
        raise RuntimeError("piccolo_conf is already imported: set up the environment first")
    if url.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = url
        where = f"PostgreSQL {url.rsplit('/', 1)[-1]} (given)"
    else:
        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
        if not Path(path).is_file():
            raise SystemExit(f"no SQLite file at {path}")
        os.environ.pop("DATABASE_URL", None)
        os.environ["LINGONG_SQLITE_PATH"] = path
        where = f"SQLite {path} (given)"
    from settings import get_settings

    get_settings.cache_clear()
    yield where


def sys_modules() -> dict[str, Any]:
    import sys

    return sys.modules


@contextlib.asynccontextmanager
async def database_pool():
    from piccolo.engine.postgres import PostgresEngine

    from services.db import current_engine

    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=10)
    try:
        yield engine
    finally:
        if isinstance(engine, PostgresEngine):
            from tools.bench.baselines.common import close_pools

            await close_pools()
            await engine.close_connection_pool()


async def over_http(args: argparse.Namespace, scene: Scene, chosen: list[Case]) -> None:
    from tools.bench import markets
    from tools.bench.baselines import dumps
    from tools.bench.client import open_client
    from tools.bench.suite import spread

    log_path = Path(tempfile.gettempdir()) / f"lingong-bench-server-{os.getpid()}.log"
    proc, port = markets.start_server(log_path)
    print(
        f"\nover HTTP (uvicorn, one worker; {args.concurrency} clients; {args.rounds} rounds of "
        f"{args.block} GraphQL then {args.block} baseline requests)"
    )
    head = (
        f"{'document':<34}{'GraphQL req/s':>14}{'p50':>7}{'p95':>7}{'SQL':>5}{'CPU':>7}"
        f"{'baseline req/s':>15}{'p95':>7}{'CPU':>7}{'CPU b/G':>8}  GraphQL/baseline throughput"
    )
    print(head + "\n" + "-" * (len(head) + 10))
    print(f"{'':<34}(CPU: the server's ms per request, all rounds; b/G: baseline's / GraphQL's)")
    timed: list[Result] = []
    try:
        async with open_client(f"http://127.0.0.1:{port}", args.concurrency) as client:
            await markets.wait_ready(client, proc, log_path)
            for case in chosen:
                text = document_text(case.document)
                token = scene.tokens.get(case.role) if case.role else None
                headers = {"content-type": "application/json"}
                if token:
                    headers["authorization"] = f"Bearer {token}"

                def graphql(case: Case = case, text: str = text, headers: dict = headers):
                    body = {"query": text, "variables": case.variables(scene)}
                    body["operationName"] = case.document
                    return client.post("/graphql", content=dumps(body), headers=headers)

                baseline = None
                if case.baseline:
                    path, params = f"{BASELINE_PATH}/{case.baseline}", {"arg": case.argument(scene)}

                    def baseline(path: str = path, params: dict = params, headers=headers):
                        # The same token as the GraphQL side: a signed-in baseline checks it.
                        return client.get(path, params=params, headers=headers)

                    await _same_bytes(case.label, graphql, baseline)
                sides = await _blocks(args, client, proc.pid, case, graphql, baseline)
                print(_line(case, sides, spread), flush=True)
                timed += [r for side in sides for r in side]
            memory = markets.proc_memory_mb(proc.pid)
            # The client shares the machine's cores with the server: what it spent is printed so
            # that a reader can tell whether the throughput measured the server.
            client_cpu = sorted(r.cpu_ms for r in timed)
            print(
                f"\nload client CPU per request (this process): median "
                f"{statistics.median(client_cpu):.3f} ms, range {client_cpu[0]:.3f}–"
                f"{client_cpu[-1]:.3f} over {len(client_cpu)} blocks"
            )
            print(
                f"\nserver peak resident memory (VmHWM) {memory.get('VmHWM', 0):.0f} MB, "
                f"{memory.get('VmRSS', 0):.0f} MB at the end"
            )
    finally:
        markets.stop_server(proc)
        with contextlib.suppress(OSError):
            log_path.unlink()


async def _same_bytes(label: str, graphql: Callable, baseline: Callable) -> None:
    from tools.bench.suite import same_bytes

    async def text(call: Callable[[], Awaitable[Any]]) -> str:
        response = await call()
        response.raise_for_status()
        return response.content.decode()

    await same_bytes(f"{label} over HTTP", lambda: text(graphql), lambda: text(baseline))


async def _blocks(args, client, pid, case, graphql, baseline) -> list[list[Result]]:
    from tools.bench.markets import measure_http

    sides: list[list[Result]] = [[], []]
    warm = args.warmup
    for _ in range(args.rounds):
        sides[0].append(
            await measure_http(
                "GraphQL", client, graphql, "/graphql", args.block, args.concurrency, warm, pid
            )
        )
        if baseline is not None:
            path = f"{BASELINE_PATH}/{case.baseline}"
            sides[1].append(
                await measure_http(
                    "baseline", client, baseline, path, args.block, args.concurrency, warm, pid
                )
            )
        warm = 0  # the first block of each side warms it up
    return sides


def _line(case: Case, sides: list[list[Result]], spread: Callable[[list[float]], str]) -> str:
    g, b = sides
    lat = [x for r in g for x in r.latencies]
    line = f"{case.label:<34}{statistics.median(r.rps for r in g):>14.1f}"
    line += f"{_pct(lat, 50):>7.0f}{_pct(lat, 95):>7.0f}{statistics.mean(r.statements for r in g):>5.1f}"
    line += f"{_server_cpu(g):>7.3f}"
    if not b:
        return line + f"{'-':>15}{'-':>7}{'-':>7}{'-':>8}  no baseline"
    blat = [x for r in b for x in r.latencies]
    ratios = [x.rps / y.rps for x, y in zip(g, b, strict=True)]
    line += f"{statistics.median(r.rps for r in b):>15.1f}{_pct(blat, 95):>7.0f}"
    cpu_ratio = _server_cpu(b) / _server_cpu(g) if _server_cpu(g) else float("nan")
    line += f"{_server_cpu(b):>7.3f}{cpu_ratio:>8.2f}"
    return line + f"  x{spread(ratios)}"


def _server_cpu(side: list[Result]) -> float:
    """The server's CPU per request over every block of one side (the blocks are of equal
    size). What a server answering clients on other machines would spend: here the load
    client shares the two cores and costs more per request than a small list's server side
    (BENCHMARKS.md), so the throughput ratio also measures the client."""
    return statistics.mean(r.server_cpu_ms or 0.0 for r in side)


def _pct(latencies: list[float], p: int) -> float:
    if len(latencies) < 2:
        return latencies[0] * 1000 if latencies else float("nan")
    return statistics.quantiles(latencies, n=100, method="inclusive")[p - 1] * 1000
