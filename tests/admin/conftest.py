"""Admin API set-up: a client per test (its own address) and a signed-in staff member."""

from __future__ import annotations

import itertools

import httpx
import pytest
from piccolo.apps.user.tables import BaseUser

PASSWORD = "Passw0rd!"
_addresses = itertools.count(1)


@pytest.fixture
async def client(app):
    # Each test comes from its own address: the admin's login rate limiter (20 per 5 minutes
    # per client address) lives as long as the session-wide app.
    n = next(_addresses)
    transport = httpx.ASGITransport(app=app, client=(f"10.{n // 250}.{n % 250}.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def make_staff(username: str = "staff", **flags) -> int:
    options = {"admin": True, "active": True, "superuser": False, **flags}
    user = await BaseUser.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.com", **options
    )
    return user.id


async def csrf(client) -> dict[str, str]:
    if "csrftoken" not in client.cookies:
        await client.get("/admin/")
    return {"X-CSRFToken": client.cookies["csrftoken"]}


async def login(client, username: str = "staff") -> dict[str, str]:
    headers = await csrf(client)
    response = await client.post(
        "/admin/public/login/", json={"username": username, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 200, response.text
    return headers


@pytest.fixture
async def staff(client) -> dict[str, str]:
    """A signed-in (non-super) admin; returns the CSRF header for unsafe requests."""
    await make_staff()
    return await login(client)
