"""What uvicorn itself costs a request, with each HTTP parser and event loop.

    python -m tools.bench.server [--requests 4000] [--rounds 3]

For the operators of the platform (how many cores a given request rate needs): a bare ASGI app
that answers a fixed 2 KB JSON body, served by uvicorn in a subprocess with its pure-Python
parser and asyncio's loop (`h11`, `asyncio`) and with the C ones `lingong serve` uses
(`tools.cli.FAST_SERVER`); 8 clients on keep-alive connections send a GET with a query string
and a POST with a 1.5 KB JSON body (what a GraphQL request sends), after 300 untimed ones. The
server reports its own CPU (`time.process_time`, all threads) before and after, so the figure is
the server's, not the load client's, which shares the machine. Prints µs of server CPU a request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time

CPU_PATH = "/cpu"
BODY = b'{"data":"' + b"x" * 2048 + b'"}'
WARMUP = 300
CONCURRENCY = 8
VARIANTS = (("h11", "asyncio"), ("FAST", "FAST"))


async def app(scope: dict, receive, send) -> None:
    """The bare app: its own CPU time at CPU_PATH, the fixed body anywhere else."""
    if scope["type"] != "http":
        return
    if scope["method"] == "POST":  # read the request body, as a GraphQL view does
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
    body = str(time.process_time()).encode() if scope["path"] == CPU_PATH else BODY
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def serve(port: int, http: str, loop: str) -> None:
    import uvicorn

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        http=http,
        loop=loop,
        log_level="warning",
        access_log=False,
    )


async def drive(port: int, requests: int, post: bool) -> float:
    """µs of the server's CPU per request over `requests` requests."""
    from tools.bench.client import TransportError, open_client

    payload = json.dumps({"query": "q" * 1500, "variables": {"first": 20}})
    headers = {"content-type": "application/json", "authorization": "Bearer x"}
    async with open_client(f"http://127.0.0.1:{port}", CONCURRENCY) as client:
        for _ in range(200):  # the server starting
            try:
                await client.get(CPU_PATH)
                break
            except TransportError:
                await asyncio.sleep(0.05)
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one() -> None:
            async with gate:
                if post:
                    response = await client.post("/graphql", content=payload, headers=headers)
                else:
                    response = await client.get("/baseline", params={"arg": 20})
                response.raise_for_status()

        await asyncio.gather(*(one() for _ in range(WARMUP)))
        before = float((await client.get(CPU_PATH)).text)
        await asyncio.gather(*(one() for _ in range(requests)))
        after = float((await client.get(CPU_PATH)).text)
    return (after - before) * 1e6 / requests


def measure(http: str, loop: str, requests: int) -> tuple[float, float]:
    from tools.bench.markets import _free_port, stop_server

    port = _free_port()
    argv = [sys.executable, "-m", "tools.bench.server", "--serve", str(port), http, loop]
    proc = subprocess.Popen(argv)
    try:
        return asyncio.run(drive(port, requests, False)), asyncio.run(drive(port, requests, True))
    finally:
        stop_server(proc)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m tools.bench.server", description=__doc__)
    p.add_argument("--requests", type=int, default=4000, help="timed requests per variant")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--serve", nargs=3, metavar=("PORT", "HTTP", "LOOP"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve:
        serve(int(args.serve[0]), args.serve[1], args.serve[2])
        return
    from tools.cli import FAST_SERVER

    print(f"uvicorn's CPU per request, µs ({args.requests} requests, {CONCURRENCY} clients)")
    for _ in range(args.rounds):
        for http, loop in VARIANTS:
            if http == "FAST":
                http, loop = FAST_SERVER["http"], FAST_SERVER["loop"]
            get, post = measure(http, loop, args.requests)
            print(f"{http:>9} + {loop:<7}  GET {get:7.1f}  POST 1.5 KB {post:7.1f}", flush=True)


if __name__ == "__main__":
    main()
