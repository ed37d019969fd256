"""The benchmarks' HTTP client over loopback (lingong bench, load, writes; tools/bench/server):
aiohttp, behind the few httpx-shaped calls the benchmarks make.

Why not httpx, the tests' client: the load client shares this machine's two cores with the
server it measures, and httpx spent 1.9–2.4 ms of CPU per request against aiohttp's 0.19–0.31
(BENCHMARKS.md, "The load client"), more than a small list's whole server side; a throughput
ratio then measured mostly the client. In-process requests (httpx.ASGITransport) stay on httpx.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

# What a request that cannot reach the server raises (a server still starting, or gone).
TransportError = (OSError, TimeoutError)


@dataclass(frozen=True)
class Reply:
    """A response read to its end: the part of httpx.Response the benchmarks use."""

    status_code: int
    content: bytes
    headers: Mapping[str, str]

    @property
    def text(self) -> str:
        return self.content.decode()

    def json(self) -> Any:
        return json.loads(self.content)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}: {self.content[:300]!r}")


class Client:
    """Keep-alive connections to one server (at most `connections` at once)."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def get(
        self, path: str, params: Mapping[str, Any] | None = None, headers: Mapping | None = None
    ) -> Reply:
        query = {k: str(v) for k, v in (params or {}).items()}
        return await self._send("GET", path, params=query, headers=headers)

    async def post(self, path: str, content: bytes | str, headers: Mapping | None = None) -> Reply:
        data = content.encode() if isinstance(content, str) else content
        return await self._send("POST", path, data=data, headers=headers)

    async def _send(self, method: str, path: str, **options: Any) -> Reply:
        import aiohttp

        try:
            async with self._session.request(method, path, **options) as response:
                body = await response.read()
                return Reply(response.status, body, response.headers)
        except aiohttp.ClientConnectionError as exc:
            raise OSError(str(exc)) from exc


@contextlib.asynccontextmanager
async def open_client(
    base_url: str, connections: int, seconds: float = 60
) -> AsyncIterator[Client]:
    """A client of `base_url` with up to `connections` kept-alive connections, each request
    given up after `seconds`; no proxy from
    the environment, no cookies kept (each request says who it is with its own headers)."""
    import aiohttp

    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(
        base_url,
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=seconds),
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        auto_decompress=False,
        skip_auto_headers=("User-Agent",),
    ) as session:
        yield Client(session)
