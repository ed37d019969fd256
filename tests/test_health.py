"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

import app as app_module
from tables.region import Region


@pytest.fixture
async def production_client():
    production = app_module.RequestIdMiddleware(app_module.create_app(production=True))
    transport = httpx.ASGITransport(app=production)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_live(client):
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "live"}
    assert response.headers["x-request-id"]


async def test_ready_when_the_database_answers(client):
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok"}


async def test_not_ready_when_the_ping_fails(client, monkeypatch):
    async def unreachable() -> None:
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(app_module, "_ping", unreachable)

    response = await client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    # Liveness does not depend on the database.
    assert (await client.get("/health/live")).status_code == 200


async def test_not_ready_when_the_database_hangs(client, monkeypatch):
    async def hangs() -> None:
        await asyncio.sleep(3600)

    monkeypatch.setattr(app_module, "_ping", hangs)
    monkeypatch.setattr(app_module, "READY_TIMEOUT_SECONDS", 0.05)

    response = await client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


async def test_not_ready_with_a_broken_engine(client, monkeypatch, tmp_path):
    if Region._meta.db.engine_type == "postgres":
        broken = PostgresEngine(
            config={"host": "127.0.0.1", "port": 1, "user": "nobody", "database": "none"}
        )
    else:
        broken = SQLiteEngine(path=str(tmp_path / "missing-dir" / "db.sqlite3"))
    monkeypatch.setattr(Region._meta, "db", broken)

    response = await client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


async def test_health_answers_in_production_too(production_client):
    assert (await production_client.get("/health/live")).json() == {"status": "live"}
    assert (await production_client.get("/health/ready")).json() == {
        "status": "ready",
        "database": "ok",
    }
