"""MarketDirectory alone, in detail (p99, CPU, --profile), and the parts every benchmark shares.

    python -m tools.bench.markets [--markets 2000] [--requests 300] [--concurrency 8] [--page 20]
    python -m tools.bench.markets --profile [--requests 200]      # cProfile of the GraphQL path

`lingong bench` (tools/bench/suite.py) measures all the main documents, interleaved; this module
runs the one document sequentially with more detail, and holds what the other benchmarks use:
the throwaway database (a temporary SQLite file, or a new PostgreSQL database on DATABASE_URL's
server, dropped at the end), the market seeding (bulk inserts in one transaction: hours, 3-5
occupations each, ~10 % stations, a few certificates), the benchmark server (the real ASGI app
in a uvicorn subprocess, plus the hand-written baselines of tools/bench/baselines/ at
/baseline/<document>, counting SQL statements per path) and the measuring of a block.

The baseline's response is checked against GraphQL's before anything is timed. SQL statements
are counted with piccolo_conf.sql_statement_counter, in this process for the in-process variants
and inside the server process for the HTTP ones.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

REPO = Path(__file__).resolve().parents[2]
BASELINE_PATH = "/baseline"
STATS_PATH = "/bench/stats"
CPU_KEY = "process_cpu_seconds"  # in the stats: never a path (paths start with "/")
SHANGHAI = ZoneInfo("Asia/Shanghai")
SEP = (",", ":")

OPERATION = "MarketDirectory"  # frontend_queries/market/MarketDirectory.graphql


def _query() -> str:
    from resolvers.trusted_documents import canonical_documents  # late: settings come first

    return canonical_documents()[OPERATION]


# --------------------------------------------------------------------------------------------
# Throwaway database (environment first: settings are read when piccolo_conf is imported)


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


async def _pg_execute(url: str, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """Point LINGONG_SQLITE_PATH / DATABASE_URL at a fresh database; remove it afterwards."""
    if "piccolo_conf" in sys.modules:
        raise RuntimeError(
            "piccolo_conf is already imported: the benchmark must set up the env first"
        )
    keys = ("LINGONG_SQLITE_PATH", "DATABASE_URL", "LINGONG_SECRET_KEY")
    saved = {k: os.environ.get(k) for k in keys}
    tmp = tempfile.mkdtemp(prefix="lingong-bench-")
    admin_url = os.environ.get("DATABASE_URL") or None
    if admin_url and not admin_url.startswith(("postgres://", "postgresql://")):
        admin_url = None
    db_name = f"lingong_bench_{uuid.uuid4().hex[:8]}" if admin_url else None
    os.environ["LINGONG_SQLITE_PATH"] = os.path.join(tmp, "bench.sqlite3")
    os.environ.setdefault("LINGONG_SECRET_KEY", f"bench-{uuid.uuid4().hex}")
    try:
        if admin_url and db_name:
            asyncio.run(_pg_execute(admin_url, f'CREATE DATABASE "{db_name}"'))
            os.environ["DATABASE_URL"] = _with_database(admin_url, db_name)
            where = f"PostgreSQL database {db_name} on {urlparse(admin_url).hostname}"
        else:
            os.environ.pop("DATABASE_URL", None)
            where = f"SQLite {os.environ['LINGONG_SQLITE_PATH']}"
        from settings import get_settings

        get_settings.cache_clear()  # `lingong` read the settings before dispatching to us
        yield where
    finally:
        if admin_url and db_name:
            try:
                asyncio.run(
                    _pg_execute(admin_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
                )
            except Exception as exc:  # a leftover benchmark database is untidy, not a failure
                print(f"could not drop {db_name}: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# --------------------------------------------------------------------------------------------
# Seeding: direct bulk inserts with Piccolo in one transaction (no per-market validation)

T = clock_time
HOURS = {
    "early": [(d, T(5, 30), T(11, 30)) for d in range(1, 8)]
    + [(d, T(14, 0), T(18, 0)) for d in range(1, 6)],
    "all_day": [(d, T(0, 0), T(0, 0)) for d in range(1, 8)],
    "night": [(d, T(20, 0), T(2, 0)) for d in range(1, 8)],  # past midnight
    "weekdays": [(d, T(8, 0), T(17, 30)) for d in range(1, 6)],
}
STATION_EVERY = 10  # every 10th row is a station attached to an earlier market (~10 %)


def _hours_for(i: int) -> list[tuple[int, clock_time, clock_time]]:
    if i % 15 == 0:
        return HOURS["all_day"]
    if i % 5 == 1:
        return HOURS["night"]
    if i % 4 == 2:
        return HOURS["weekdays"]
    return HOURS["early"]


def _status_for(i: int) -> str:
    return "CLOSED" if i % 31 == 30 else "SUSPENDED" if i % 13 == 12 else "ACTIVE"


async def _insert(table: Any, rows: list, chunk: int = 500) -> None:
    for k in range(0, len(rows), chunk):
        await table.insert(*rows[k : k + chunk]).returning(table._meta.primary_key)


async def seed(n: int, rng_seed: int = 2023) -> dict[str, int]:
    from services.db import current_engine
    from services.identifiers import uscc_check_char
    from services.market.rules import SUFFIX_BY_STATION_TYPE
    from tables import market as t
    from tables.certification import DemonstrationCertificate
    from tables.occupation import Occupation
    from tables.operator import Operator
    from tables.region import COUNTY_LEVELS, Region
    from tools.demo import CITY_CENTRES, PLACES

    rng = random.Random(rng_seed)
    counties = (
        await Region.select(Region.id, Region.name, Region.parent.code, Region.parent.name)
        .where(Region.level.is_in(list(COUNTY_LEVELS)))
        .order_by(Region.code)
    )
    occupation_ids = [
        r["id"] for r in await Occupation.select(Occupation.id).order_by(Occupation.id)
    ]

    def market(i: int, county: dict, station_type: str, parent: int | None, ops: list[int]):
        lat0, lon0 = CITY_CENTRES[county["parent.code"]]
        place = PLACES[i % len(PLACES)]
        return t.Market(
            # Naming rule （四）: county + location + suffix; the number keeps names unique.
            name=f"{county['name']}{place}{i + 1}号{SUFFIX_BY_STATION_TYPE[station_type]}",
            kind="COMPREHENSIVE" if i % 5 else "INDUSTRY",
            ownership="PUBLIC_WELFARE" if i % 4 else "MARKET_OPERATED",
            station_type=station_type,
            parent_market=parent,
            region=county["id"],
            address=f"{county['parent.name']}{county['name']}{place}{rng.randint(1, 300)}号",
            latitude=round(lat0 + rng.uniform(-0.25, 0.25), 5),
            longitude=round(lon0 + rng.uniform(-0.25, 0.25), 5),
            contact_phone=f"0571-8{i:07d}",
            function_areas=["GENERAL_SERVICE", "JOB_MATCHING"]
            + (["LIVING_SERVICE"] if i % 3 == 0 else []),
            facilities=["NEGOTIATION", "SHELTER", "HEATING_COOLING", "ORDER_MAINTENANCE"],
            construction_unit=f"{county['name']}人力资源和社会保障局",
            maintenance_unit=f"{county['name']}就业服务中心",
            service_unit=f"{county['name']}就业服务中心",
            operator=None if i % 7 == 6 else ops[i % len(ops)],
            labour_brand="" if i % 7 else f"{county['name']}巧匠",
            established_on=date(2023, 1, 1) + timedelta(days=rng.randint(0, 900)),
            status=_status_for(i),
        )

    periods: list = []
    occupations: list = []
    certificates: list = []
    parents: list[tuple[int, dict]] = []  # (market id, county) of every MARKET so far
    async with current_engine().transaction():
        operators = [
            Operator(
                name=f"浙江基准{k + 1}号人力资源服务有限公司",
                uscc=(body := f"91330100{k + 1:09d}") + uscc_check_char(body),
                contact_name="联系人",
                contact_phone="0571-88886666",
            )
            for k in range(6)
        ]
        await _insert(Operator, operators)
        op_ids = [o.id for o in operators]
        # Groups of ten rows: nine markets, then a station attached to one of the markets so
        # far, so ids interleave like real data and the first page holds stations too.
        for start in range(0, n, STATION_EVERY):
            indexes = range(start, min(start + STATION_EVERY, n))
            plain = [i for i in indexes if i % STATION_EVERY != STATION_EVERY - 1]
            rows = [market(i, counties[i % len(counties)], "MARKET", None, op_ids) for i in plain]
            await _insert(t.Market, rows)
            parents.extend(
                (row.id, counties[i % len(counties)]) for i, row in zip(plain, rows, strict=True)
            )
            station_rows = []
            for i in indexes:
                if i % STATION_EVERY == STATION_EVERY - 1:
                    # Biased to recent markets, with a few early ones collecting several stations.
                    parent_id, county = parents[(i * 7) % len(parents)]
                    kind = ("RURAL_STATION", "GIG_SUPERMARKET")[(i // STATION_EVERY) % 2]
                    station_rows.append((i, market(i, county, kind, parent_id, op_ids)))
            if station_rows:
                await _insert(t.Market, [row for _, row in station_rows])
            for i, row in [*zip(plain, rows, strict=True), *station_rows]:
                periods.extend(
                    t.MarketOpeningPeriod(market=row.id, weekday=d, opens_at=o, closes_at=c)
                    for d, o, c in _hours_for(i)
                )
                occupations.extend(
                    t.MarketOccupation(market=row.id, occupation=o)
                    for o in rng.sample(occupation_ids, k=rng.randint(3, 5))
                )
                if row.station_type == "MARKET" and i % 40 == 0:
                    # A current certificate; some markets also hold an older one (the latest
                    # year wins) or a newer revoked one (ignored).
                    year = 2023 + (i // 40) % 3
                    certificates.append(
                        DemonstrationCertificate(
                            market=row.id, year=year, certificate_no=f"ZJSF-{year}-B{i:05d}"
                        )
                    )
                    if i % 80 == 0:
                        certificates.append(
                            DemonstrationCertificate(
                                market=row.id, year=2022, certificate_no=f"ZJSF-2022-B{i:05d}"
                            )
                        )
                    if i % 120 == 0:
                        certificates.append(
                            DemonstrationCertificate(
                                market=row.id,
                                year=2026,
                                certificate_no=f"ZJSF-2026-B{i:05d}",
                                revoked_on=date(2026, 6, 1),
                                revoked_reason="复核未通过",
                            )
                        )
        await _insert(t.MarketOpeningPeriod, periods, chunk=2000)
        await _insert(t.MarketOccupation, occupations, chunk=2000)
        await _insert(DemonstrationCertificate, certificates)
    return {
        "markets": n,
        "stations": n // STATION_EVERY,
        "opening periods": len(periods),
        "occupation links": len(occupations),
        "certificates": len(certificates),
    }


async def spot_check(sample: int = 30) -> None:
    """Run the real validation rules on a few seeded markets (the bulk insert skips them)."""
    from services.market import rules as market_rules
    from tables import market as t

    rows = await t.Market.select().order_by(t.Market.id).limit(sample)
    for r in rows:
        hours = await t.MarketOpeningPeriod.select().where(t.MarketOpeningPeriod.market == r["id"])
        jobs = await t.MarketOccupation.select().where(t.MarketOccupation.market == r["id"])
        draft = market_rules.MarketDraft(
            name=r["name"],
            station_type=r["station_type"],
            region_id=r["region"],
            latitude=r["latitude"],
            longitude=r["longitude"],
            parent_market_id=r["parent_market"],
            contact_phone=r["contact_phone"],
            operator_id=r["operator"],
            market_id=r["id"],
            opening_hours=[
                (h["weekday"], _hhmm(h["opens_at"]), _hhmm(h["closes_at"])) for h in hours
            ],
            occupation_ids=[j["occupation"] for j in jobs],
            established_on=r["established_on"],
        )
        problems = await market_rules.validate(draft)
        if problems:
            raise RuntimeError(f"seeded market {r['name']} is invalid: {problems}")


# --------------------------------------------------------------------------------------------
# The hand-written baselines live in tools/bench/baselines/ (one per document)


def _hhmm(value: Any) -> str:
    # Piccolo's SQLite converter and asyncpg both give datetime.time; text is accepted too.
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)[:5]


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=SEP)


async def baseline_body(first: int) -> str:
    from tools.bench.baselines import body

    return await body(OPERATION, first)


async def baseline_endpoint(request: Request) -> Response:
    """GET /baseline/<document>?arg=N (a page size or an id): a baseline of tools/bench/baselines/."""
    from tools.bench.baselines import BASELINES, body

    name = request.path_params.get("name") or OPERATION
    try:
        arg = int(request.query_params.get("arg", "20"))
        if arg < 1 or name not in BASELINES:
            raise ValueError
    except ValueError:
        return JSONResponse(
            {"error": "unknown baseline, or arg not a positive number"}, status_code=400
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    text = await body(name, arg, token if scheme.lower() == "bearer" else None)
    return Response(text, media_type="application/json")


def baseline_app() -> Any:
    """The hand-written endpoints as a Starlette app of this platform would serve them: behind
    the middleware every request to the API passes (app.py: the request id and security
    headers, Starlette's error and exception handling, the rate limits), so that the
    benchmark compares the GraphQL side with an endpoint, not with the endpoint minus the
    platform around it (0.05–0.1 ms a request: BENCHMARKS.md, "The load client, the
    baselines' middleware, SQLite's thread hops"). It shares the API's database set-up; it has no lifespan of its own."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from app import RequestIdMiddleware
    from resolvers.throttle import EarlyRejections, Limits
    from settings import get_settings

    limits = Limits.from_settings(get_settings())
    routes = [
        Route(BASELINE_PATH, baseline_endpoint),
        Route(f"{BASELINE_PATH}/{{name}}", baseline_endpoint),
    ]
    rejections = Middleware(EarlyRejections, limits=limits, prefixes=(BASELINE_PATH,))
    return RequestIdMiddleware(Starlette(routes=routes, middleware=[rejections]))


# --------------------------------------------------------------------------------------------
# The benchmark server (a subprocess, so its memory is its own)


class BenchServer:
    """The real ASGI app plus the baseline endpoint, counting SQL statements per path."""

    def __init__(self, app: Any) -> None:
        from piccolo_conf import sql_statement_counter

        self.app = app
        self.baselines = baseline_app()
        self.counter = sql_statement_counter
        self.stats: dict[str, list[int]] = {}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)  # lifespan: pool / WAL set-up
        path = scope["path"]
        if path == STATS_PATH:
            # The server's own CPU (all threads) with nanosecond resolution: /proc's stat counts
            # in 10 ms ticks, a quarter of a millisecond a request over a block of 40.
            stats = {**self.stats, CPU_KEY: time.process_time()}
            return await JSONResponse(stats)(scope, receive, send)
        box = [0]
        token = self.counter.set(box)
        try:
            if path == BASELINE_PATH or path.startswith(BASELINE_PATH + "/"):
                await self.baselines(scope, receive, send)
            else:
                await self.app(scope, receive, send)
        finally:
            self.counter.reset(token)
            entry = self.stats.setdefault(path, [0, 0])
            entry[0] += 1
            entry[1] += box[0]


def serve(port: int) -> None:
    import uvicorn

    from app import app
    from tools.cli import FAST_SERVER

    # No access log: it would be measured too, and it is not what is being compared. The HTTP
    # parser and loop `lingong serve` uses.
    uvicorn.run(
        BenchServer(app),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        **FAST_SERVER,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log_path: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - closed by the child's exit; kept for the tail
    # Requests are measured, not housekeeping: no background expiry sweep in the server unless
    # asked for (it would expire a seeded year of postings, or a generated province's backlog,
    # while the documents are timed, and write to a database given with --database-url).
    env = {"LINGONG_EXPIRY_SWEEP_SECONDS": "0", **os.environ}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tools.bench.markets", "--serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    return proc, port


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def proc_memory_mb(pid: int) -> dict[str, float]:
    out = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0]) / 1024
    return out


def self_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads (aiosqlite runs in threads)
    return usage.ru_utime + usage.ru_stime


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def self_maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tail(path: Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


async def wait_ready(client: Any, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"benchmark server exited ({proc.returncode}):\n{_tail(log_path)}")
        with contextlib.suppress(Exception):
            if (await client.get("/health/ready")).status_code == 200:
                return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"benchmark server did not get ready:\n{_tail(log_path)}")


# --------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Result:
    name: str
    concurrency: int
    latencies: list[float]  # seconds
    elapsed: float
    statements: float  # SQL statements per request
    body_bytes: int
    cpu_ms: float  # CPU of this process per request (for HTTP: the load generator's)
    server_cpu_ms: float | None = None  # CPU of the server process per request

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def pct(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed


async def measure_inprocess(
    name: str, call: Callable[[], Awaitable[str]], requests: int, warmup: int
) -> Result:
    from piccolo_conf import sql_statement_counter

    body = ""
    for _ in range(warmup):
        body = await call()
    latencies, statements = [], 0
    cpu0 = self_cpu_seconds()
    started = time.perf_counter()
    for _ in range(requests):
        box = [0]
        token = sql_statement_counter.set(box)
        t0 = time.perf_counter()
        try:
            body = await call()
        finally:
            latencies.append(time.perf_counter() - t0)
            sql_statement_counter.reset(token)
        statements += box[0]
    elapsed = time.perf_counter() - started
    cpu = (self_cpu_seconds() - cpu0) * 1000 / requests
    return Result(name, 1, latencies, elapsed, statements / requests, len(body.encode()), cpu)


async def measure_http(
    name: str,
    client: Any,
    request: Callable[[], Awaitable[Any]],
    path: str,
    requests: int,
    concurrency: int,
    warmup: int,
    server_pid: int,
) -> Result:
    async def one() -> tuple[float, int]:
        t0 = time.perf_counter()
        response = await request()
        took = time.perf_counter() - t0
        if response.status_code != 200 or b'"errors"' in response.content[:200]:
            raise RuntimeError(f"{name}: HTTP {response.status_code}: {response.text[:300]}")
        return took, len(response.content)

    await asyncio.gather(*(one() for _ in range(warmup)))
    stats = (await client.get(STATS_PATH)).json()
    before, server_cpu0 = stats.get(path, [0, 0]), stats.get(CPU_KEY)
    latencies: list[float] = []
    remaining = requests
    size = 0

    async def worker() -> None:
        nonlocal remaining, size
        while remaining > 0:
            remaining -= 1
            took, size = await one()
            latencies.append(took)

    cpu0 = self_cpu_seconds()
    if server_cpu0 is None:  # a server without the bench's stats: its ticks from /proc
        server_cpu0 = proc_cpu_seconds(server_pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    cpu = (self_cpu_seconds() - cpu0) * 1000 / requests
    stats = (await client.get(STATS_PATH)).json()
    after, server_cpu1 = stats.get(path, [0, 0]), stats.get(CPU_KEY)
    if server_cpu1 is None:
        server_cpu1 = proc_cpu_seconds(server_pid)
    server_cpu = (server_cpu1 - server_cpu0) * 1000 / requests
    served = after[0] - before[0]
    statements = (after[1] - before[1]) / served if served else float("nan")
    return Result(name, concurrency, latencies, elapsed, statements, size, cpu, server_cpu)


def _first_difference(a: Any, b: Any, path: str = "data") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'GraphQL' if key in a else 'baseline'}"
            if found := _first_difference(a[key], b[key], f"{path}.{key}"):
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items in GraphQL, {len(b)} in baseline"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            if found := _first_difference(x, y, f"{path}[{k}]"):
                return found
        return None
    return None if a == b and type(a) is type(b) else f"{path}: GraphQL {a!r} != baseline {b!r}"


async def verify(
    label: str, graphql: Callable[[], Awaitable[str]], baseline: Callable[[], Awaitable[str]]
) -> str:
    """Compare once; retried because isOpenNow may flip between the two calls at a boundary."""
    problem: str | None = "?"
    for _ in range(3):
        g, b = json.loads(await graphql()), json.loads(await baseline())
        if g.get("errors"):
            raise RuntimeError(f"{label}: GraphQL errors: {g['errors']}")
        problem = _first_difference(g["data"], b["data"])
        if problem is None:
            same = _dumps(g) == _dumps(b)
            return f"{label}: baseline JSON equals GraphQL data ({'byte-identical' if same else 'same values'})"
    raise SystemExit(f"{label}: baseline differs from GraphQL at {problem}")


async def graphql_caller(first: int) -> Callable[[], Awaitable[str]]:
    from resolvers.context import build_context
    from schema.root import schema

    variables = {"first": first}

    async def call() -> str:
        context = await build_context(None)
        result = await schema.execute(
            _query(), variable_values=variables, context_value=context, operation_name=OPERATION
        )
        if result.errors:
            raise RuntimeError(f"GraphQL errors: {result.errors}")
        return _dumps({"data": result.data})

    return call


# --------------------------------------------------------------------------------------------
# Running


@contextlib.asynccontextmanager
async def database_ready(args: argparse.Namespace):
    from piccolo.engine.postgres import PostgresEngine

    from services.db import current_engine
    from tools.database import migrate

    engine = current_engine()
    await migrate()
    t0 = time.perf_counter()
    counts = await seed(args.markets, args.seed)
    seconds = time.perf_counter() - t0
    if engine.engine_type == "postgres":
        await engine.run_ddl("ANALYZE")  # what autovacuum would have done on a live server
    await spot_check()
    print(
        f"seeded in {seconds:.1f} s (one transaction): "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=10)  # as app.py's lifespan
    try:
        yield engine
    finally:
        if isinstance(engine, PostgresEngine):
            from tools.bench.baselines.common import close_pools

            await close_pools()
            await engine.close_connection_pool()


async def _db_version(engine: Any) -> str:
    if engine.engine_type == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    from piccolo.querystring import QueryString

    with contextlib.suppress(Exception):
        rows = await engine.run_querystring(QueryString("SHOW server_version"))
        return f"PostgreSQL {rows[0]['server_version']}"
    return engine.engine_type


def _versions() -> str:
    from importlib.metadata import version

    names = ("strawberry-graphql", "graphql-core", "piccolo", "starlette", "uvicorn", "aiohttp")
    found = [f"{n} {version(n)}" for n in names]
    for n in ("httptools", "uvloop"):  # the server's parser and loop (tools/cli.FAST_SERVER)
        with contextlib.suppress(ImportError):
            found.append(f"{n} {version(n)}")
    return ", ".join(found)


def _revision() -> str:
    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], cwd=REPO, capture_output=True, text=True, timeout=10)
        return done.stdout.strip()

    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
        return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"
    return "unknown"


async def run(args: argparse.Namespace, where: str) -> None:
    async with database_ready(args) as engine:
        print(f"database: {where} ({await _db_version(engine)})")
        print(f"python {sys.version.split()[0]}; {_versions()}; {os.cpu_count()} CPUs")
        print(f"code: git {_revision()}; load average {os.getloadavg()[0]:.2f} before timing")
        graphql = await graphql_caller(args.page)

        async def baseline() -> str:
            return await baseline_body(args.page)

        print(await verify("in-process", graphql, baseline))
        if args.profile:
            await profile(graphql, args.requests, args.warmup)
            return
        results = [
            await measure_inprocess("in-process GraphQL", graphql, args.requests, args.warmup),
            await measure_inprocess("in-process baseline", baseline, args.requests, args.warmup),
        ]
        server_memory: dict[str, float] = {}
        if not args.no_http:
            results += await run_http(args, server_memory)
        report(args, results, server_memory)


async def run_http(args: argparse.Namespace, server_memory: dict[str, float]) -> list[Result]:
    from tools.bench.client import open_client

    log_path = Path(tempfile.gettempdir()) / f"lingong-bench-server-{os.getpid()}.log"
    proc, port = start_server(log_path)
    body = _dumps(
        {"query": _query(), "variables": {"first": args.page}, "operationName": OPERATION}
    )
    headers = {"content-type": "application/json"}
    try:
        async with open_client(f"http://127.0.0.1:{port}", args.concurrency) as client:
            await wait_ready(client, proc, log_path)
            server_memory["VmRSS at start"] = proc_memory_mb(proc.pid).get("VmRSS", 0.0)

            def graphql() -> Awaitable[Any]:
                return client.post("/graphql", content=body, headers=headers)

            def baseline() -> Awaitable[Any]:
                return client.get(f"{BASELINE_PATH}/{OPERATION}", params={"arg": args.page})

            async def text(call: Callable[[], Awaitable[Any]]) -> str:
                response = await call()
                response.raise_for_status()
                return response.text

            print(await verify("HTTP", lambda: text(graphql), lambda: text(baseline)))
            results = [
                await measure_http(
                    "HTTP GraphQL",
                    client,
                    graphql,
                    "/graphql",
                    args.requests,
                    args.concurrency,
                    args.warmup,
                    proc.pid,
                ),
                await measure_http(
                    "HTTP baseline",
                    client,
                    baseline,
                    f"{BASELINE_PATH}/{OPERATION}",
                    args.requests,
                    args.concurrency,
                    args.warmup,
                    proc.pid,
                ),
            ]
            memory = proc_memory_mb(proc.pid)
            server_memory["VmHWM"] = memory.get("VmHWM", 0.0)
            server_memory["VmRSS at end"] = memory.get("VmRSS", 0.0)
            return results
    finally:
        stop_server(proc)
        with contextlib.suppress(OSError):
            log_path.unlink()


def report(
    args: argparse.Namespace, results: list[Result], server_memory: dict[str, float]
) -> None:
    print()
    print(
        f"markets(first: {args.page}) over {args.markets} markets; "
        f"{args.requests} requests per variant after {args.warmup} warm-up"
    )
    head = (
        f"{'variant':<22}{'requests':>9}{'conc':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'req/s':>8}{'SQL/req':>8}{'bytes':>7}{'CPU ms/req':>11}{'server CPU':>11}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        server = f"{r.server_cpu_ms:>11.2f}" if r.server_cpu_ms is not None else f"{'-':>11}"
        print(
            f"{r.name:<22}{r.requests:>9}{r.concurrency:>5}{r.pct(50):>9.2f}{r.pct(95):>9.2f}"
            f"{r.pct(99):>9.2f}{r.rps:>8.1f}{r.statements:>8.1f}{r.body_bytes:>7}"
            f"{r.cpu_ms:>11.2f}{server}"
        )
    print(
        "(CPU ms/req: this process, i.e. the whole request in-process, the load generator for "
        "HTTP; server CPU: the uvicorn process)"
    )
    by_name = {r.name: r for r in results}
    print()
    for where in ("in-process", "HTTP"):
        g, b = by_name.get(f"{where} GraphQL"), by_name.get(f"{where} baseline")
        if g and b:
            print(
                f"GraphQL/baseline {where}: p50 x{g.pct(50) / b.pct(50):.2f}, "
                f"throughput x{g.rps / b.rps:.2f} ({g.rps:.1f} vs {b.rps:.1f} req/s)"
            )
    print(f"load average {os.getloadavg()[0]:.2f} after timing (2 cores shared with the server)")
    print(f"peak memory: benchmark process maxrss {self_maxrss_mb():.1f} MB", end="")
    if server_memory:
        print(
            f"; server VmHWM {server_memory.get('VmHWM', 0):.1f} MB "
            f"(VmRSS {server_memory.get('VmRSS at start', 0):.1f} MB after start-up, "
            f"{server_memory.get('VmRSS at end', 0):.1f} MB at end)"
        )
    else:
        print()


async def profile(graphql: Callable[[], Awaitable[str]], requests: int, warmup: int) -> None:
    import cProfile
    import pstats

    for _ in range(warmup):
        await graphql()
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        await graphql()
    profiler.disable()
    wall = time.perf_counter() - t0
    print(
        f"\ncProfile of {requests} in-process GraphQL requests: {wall * 1000 / requests:.2f} ms each (with profiler)"
    )
    stats = pstats.Stats(profiler)
    # Own time summed per package: where the main thread's CPU goes.
    by_package: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _line, _func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]  # pstats keeps its table untyped
        total += tottime
        by_package[_package(filename)] += tottime
    print(f"\nown time by package (main thread, {total * 1000 / requests:.2f} ms per request):")
    for name, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {name:<28}{seconds * 1000 / requests:>8.3f} ms/req {seconds / total:>6.1%}")
    print()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(35)


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith(str(REPO)):
        rel = Path(filename).relative_to(REPO).parts
        return f"lingong:{rel[0].removesuffix('.py')}"
    if filename == "~" or filename.startswith("<"):
        return "built-ins (C)"  # cProfile files C functions under "~"
    path = Path(filename)
    return "stdlib:" + ("asyncio" if path.parent.name == "asyncio" else path.stem)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.markets",
        description="Benchmark markets(first: N) - GraphQL against a hand-written baseline.",
    )
    parser.add_argument("--markets", type=int, default=2000, help="markets to seed (default 2000)")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per variant")
    parser.add_argument("--concurrency", type=int, default=8, help="HTTP client concurrency")
    parser.add_argument("--page", type=int, default=20, help="page size, markets(first:) (1-100)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per variant")
    parser.add_argument("--seed", type=int, default=2023, help="random seed for the data")
    parser.add_argument("--no-http", action="store_true", help="in-process variants only")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the in-process GraphQL path instead"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.page <= 100:
        parser.error("--page must be between 1 and 100 (the API's maximum page size)")
    if args.markets < STATION_EVERY or args.requests < 1 or args.concurrency < 1:
        parser.error(f"--markets must be >= {STATION_EVERY}; --requests and --concurrency >= 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.serve:  # the HTTP server subprocess: the parent has set up the environment
        serve(args.port)
        return
    with throwaway_database() as where:
        asyncio.run(run(args, where))


if __name__ == "__main__":
    main()
