"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

import app as app_module
from tables.region import Region


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


async def test_not_ready_when_the_schema_lacks_a_migration(client):
    # given: the database as an older release left it (its newest migration not applied)
    from piccolo.apps.migrations.tables import Migration

    newest = (
        await Migration.select(Migration.id, Migration.name)
        .where(Migration.app_name == "lingong")
        .order_by(Migration.id, ascending=False)
        .first()
    )
    assert newest is not None
    await Migration.delete().where(Migration.id == newest["id"])
    try:
        # when
        response = await client.get("/health/ready")
    finally:
        await Migration.insert(Migration(name=newest["name"], app_name="lingong"))

    # then
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "schema out of date",
        "missing": 1,
    }
    assert (await client.get("/health/ready")).status_code == 200


def test_a_lost_sqlite_file_is_not_replaced_by_an_empty_one(tmp_path):
    # The engine opens the file without creating it; only `lingong migrate` creates it.
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    lost = tmp_path / "moved-away.sqlite3"
    env = {**os.environ, "LINGONG_SQLITE_PATH": str(lost)}
    env.pop("DATABASE_URL", None)
    query = "\n".join(
        [
            "import asyncio",
            "from tables.region import Region",
            "asyncio.run(Region.raw('SELECT 1').run())",
        ]
    )

    opened = subprocess.run(
        [sys.executable, "-c", query], cwd=root, env=env, capture_output=True, text=True
    )
    assert opened.returncode != 0 and "unable to open database file" in opened.stderr
    assert not lost.exists()

    migrated = subprocess.run(
        [sys.executable, "-m", "tools.cli", "migrate"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert lost.exists()
    again = subprocess.run(
        [sys.executable, "-c", query], cwd=root, env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
