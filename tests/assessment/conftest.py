"""Fixtures of the assessment tests: admin clients, each from its own address."""

from __future__ import annotations

import itertools

import httpx
import pytest

_addresses = itertools.count(1)


@pytest.fixture
async def browser(app):
    """A factory of admin clients, each from its own address (the login rate limiter counts
    per address for the whole session)."""
    clients: list[httpx.AsyncClient] = []

    def make() -> httpx.AsyncClient:
        n = next(_addresses)
        transport = httpx.ASGITransport(app=app, client=(f"172.20.{n // 250}.{n % 250}", 40000))
        c = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()
