"""`lingong bench --layers`: where a request's CPU goes, layer by layer, in one process.

    lingong bench --layers [--database-url URL] [--markets 2000 --workers 20000 --postings 10000
        --applications 40000] [--only Policies,Candidates] [--requests 300] [--rounds 5]

Over HTTP (`lingong bench`) a list's ratio to its baseline moves ±0.1–0.2 between runs, and
uvicorn, the load client and the database share the machine's cores with the server, so a
difference of a tenth of a millisecond cannot be told from noise there. This sends the same
requests as ASGI calls, in this process, with no server or client around them, through:

  app       the whole application as uvicorn serves it (request id, Starlette's error and
            exception middleware, the rate limits, routing, the body limit, the view);
  base      the hand-written endpoint as the benchmark server serves it: behind the same
            middleware (tools/bench/markets.baseline_app);
  view      the /graphql route's view alone (resolvers' and the text lane's own work);
  endpoint  the hand-written endpoint alone.

Each is timed in turn (--rounds times, --requests each) and the median of the rounds is
printed: process CPU per request (this process's threads: aiosqlite's too) and wall time per
request (the database's time included). `app − base` is what the GraphQL side costs beyond the
hand-written one as served; `app − view` what the middleware and routing cost a request;
`view − endpoint` the GraphQL side beyond the hand-written one with no middleware around
either. Without --database-url it seeds a throwaway database as `lingong bench` does. A
command for people, not a test; the responses are checked byte-identical first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from tools.bench.documents import CASES, Case, Scene, document_text, prepare_scene

Call = Callable[[], Awaitable[bytes]]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from tools.bench.suite import add_data_arguments

    p = argparse.ArgumentParser(prog="lingong bench --layers", description=__doc__.split("\n")[0])
    add_data_arguments(p)
    p.add_argument("--only", default="", help="comma-separated document names")
    p.add_argument("--requests", type=int, default=300, help="requests per layer and round")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args(argv)
    names = {c.document for c in CASES if c.baseline}
    args.only = {n.strip() for n in args.only.split(",") if n.strip()}
    if args.only - names:
        p.error(f"unknown documents or no baseline: {sorted(args.only - names)}")
    if min(args.requests, args.rounds) < 1:
        p.error("--requests and --rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    from tools.bench.suite import on_database

    os.environ.setdefault("LINGONG_EXPIRY_SWEEP_SECONDS", "0")  # as the benchmark server
    on_database(parse_args(argv), run)


async def run(args: argparse.Namespace, where: str, seeded: bool) -> None:
    from tools.bench import markets
    from tools.bench.suite import seed_all

    if seeded:
        async with markets.database_ready(args) as engine:
            await seed_all(args)
            if engine.engine_type == "postgres":
                await engine.run_ddl("ANALYZE")
    from app import app  # after the settings are fixed

    async with _Lifespan(app):  # the app's own pools, kept connections, frozen start-up
        scene = await prepare_scene()
        print(f"database: {where}; code: git {markets._revision()}")
        print(f"{args.rounds} rounds of {args.requests} requests per layer, in one process\n")
        head = (
            f"{'document':<34}{'CPU ms: app':>12}{'base':>7}{'view':>7}{'endpoint':>9}"
            f"{'app−base':>10}{'app−view':>10}{'view−endpoint':>15}"
            f"{'wall ms: app':>14}{'base':>7}{'view':>7}{'endpoint':>9}"
        )
        print(head + "\n" + "-" * len(head))
        for case in CASES:
            if case.baseline and (not args.only or case.document in args.only):
                print(await _case_line(app, case, scene, args), flush=True)


async def _case_line(app: Any, case: Case, scene: Scene, args: argparse.Namespace) -> str:
    from tools.bench.baselines import dumps
    from tools.bench.markets import BASELINE_PATH, baseline_app, baseline_endpoint
    from tools.bench.suite import same_bytes

    token = scene.tokens.get(case.role) if case.role else None
    headers = [(b"content-type", b"application/json"), (b"host", b"bench")]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    variables = case.variables(scene)
    body = {"query": document_text(case.document), "variables": variables}
    body["operationName"] = case.document
    sent = dumps(body).encode()
    query = urlencode({"arg": case.argument(scene)}).encode()
    baseline_path = f"{BASELINE_PATH}/{case.baseline}"

    async def endpoint(scope: dict, receive: Any, send: Any) -> None:
        from starlette.requests import Request

        scope["path_params"] = {"name": case.baseline}  # as the route would set it
        response = await baseline_endpoint(Request(scope, receive))
        await response(scope, receive, send)

    served = baseline_app()
    layers: dict[str, Call] = {
        "app": lambda: _asgi(app, "POST", "/graphql", sent, headers),
        "base": lambda: _asgi(served, "GET", baseline_path, b"", headers, query),
        "view": lambda: _asgi(_view(app), "POST", "/graphql", sent, headers),
        "endpoint": lambda: _asgi(endpoint, "GET", baseline_path, b"", headers, query),
    }
    for name in ("base", "view", "endpoint"):
        await same_bytes(f"{case.label} ({name})", _text(layers["app"]), _text(layers[name]))
    cpu: dict[str, list[float]] = {name: [] for name in layers}
    wall: dict[str, list[float]] = {name: [] for name in layers}
    for call in layers.values():
        for _ in range(20):
            await call()  # warm-up: kept statements, plans, pools
    for _ in range(args.rounds):
        for name, call in layers.items():
            spent, took = await _timed(call, args.requests)
            cpu[name].append(spent)
            wall[name].append(took)
    c = {name: statistics.median(v) for name, v in cpu.items()}
    w = {name: statistics.median(v) for name, v in wall.items()}
    return (
        f"{case.label:<34}{c['app']:>12.3f}{c['base']:>7.3f}{c['view']:>7.3f}"
        f"{c['endpoint']:>9.3f}{c['app'] - c['base']:>10.3f}{c['app'] - c['view']:>10.3f}"
        f"{c['view'] - c['endpoint']:>15.3f}"
        f"{w['app']:>14.3f}{w['base']:>7.3f}{w['view']:>7.3f}{w['endpoint']:>9.3f}"
    )


def _view(app: Any) -> Any:
    """The GraphQL view the /graphql route calls (app.py: RequestIdMiddleware(Starlette))."""
    starlette = app.app
    return next(r.endpoint for r in starlette.router.routes if getattr(r, "path", "") == "/graphql")


def _text(call: Call) -> Callable[[], Awaitable[str]]:
    async def text() -> str:
        return (await call()).decode()

    return text


async def _timed(call: Call, requests: int) -> tuple[float, float]:
    from tools.bench.markets import self_cpu_seconds

    cpu0, wall0 = self_cpu_seconds(), time.perf_counter()
    for _ in range(requests):
        await call()
    return (
        (self_cpu_seconds() - cpu0) * 1000 / requests,
        (time.perf_counter() - wall0) * 1000 / requests,
    )


async def _asgi(
    target: Any, method: str, path: str, body: bytes, headers: list, query: bytes = b""
) -> bytes:
    """One HTTP request as an ASGI call: the response body, or an error for a status ≠ 200."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status, chunks = 0, []

    async def receive() -> dict:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # a disconnect never comes: the response is complete
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await target(scope, receive, send)
    if status != 200:
        raise SystemExit(f"{method} {path}: status {status}: {b''.join(chunks)[:300]!r}")
    return b"".join(chunks)


class _Lifespan:
    """The app's start-up and shut-down (ASGI lifespan), as uvicorn runs them."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.queue: asyncio.Queue[dict] = asyncio.Queue()
        self.started = asyncio.Event()
        self.stopped = asyncio.Event()
        self.task: asyncio.Task | None = None

    async def _send(self, message: dict) -> None:
        if message["type"] == "lifespan.startup.complete":
            self.started.set()
        elif message["type"] == "lifespan.shutdown.complete":
            self.stopped.set()
        elif message["type"].endswith(".failed"):
            raise SystemExit(f"the app's {message['type']}: {message.get('message')}")

    async def __aenter__(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
        self.task = asyncio.create_task(self.app(scope, self.queue.get, self._send))
        await self.queue.put({"type": "lifespan.startup"})
        await self.started.wait()

    async def __aexit__(self, *exc: object) -> None:
        await self.queue.put({"type": "lifespan.shutdown"})
        await self.stopped.wait()
        assert self.task is not None
        await self.task


if __name__ == "__main__":
    main()
