"""Real servers and a real WebSocket client (graphql-transport-ws) for live-board tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import uvicorn
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def serve_in_process(app) -> AsyncIterator[int]:
    """uvicorn on a free 127.0.0.1 port inside this event loop (shares the test's engine)."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            await asyncio.sleep(0.05)
        yield port
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)


@contextlib.contextmanager
def serve_in_subprocess() -> int:
    """A separate `uvicorn app:app` process on the test database; always terminated."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, "server process exited"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server process did not become ready"
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.asynccontextmanager
async def subscription(
    port: int, query: str, variables: dict | None = None, token: str | None = None
) -> AsyncIterator[ClientConnection]:
    """Connect (with a bearer token, if given), initialise and subscribe (operation id "1")
    over graphql-transport-ws."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with connect(
        f"ws://127.0.0.1:{port}/graphql",
        subprotocols=["graphql-transport-ws"],
        additional_headers=headers,
        open_timeout=10,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10)) == {"type": "connection_ack"}
        payload = {"query": query, "variables": variables or {}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        yield ws
        with contextlib.suppress(Exception):
            await ws.send(json.dumps({"id": "1", "type": "complete"}))


async def receive(ws: ClientConnection, seconds: float = 30.0) -> dict:
    """The next protocol message other than keep-alive pings. Generous waits: on a loaded
    2-core machine (the suite runs on every core) a LISTEN round trip can take seconds."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), seconds))
        if message.get("type") not in ("ping", "pong"):
            return message


async def until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
