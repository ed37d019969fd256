"""The embedded SQLite default says where its limit lies: a warning at start-up in production
and when several worker processes would share one file (docs/BENCHMARKS.md, "Concurrent writes")."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import pytest

import app as app_module
from services.db import SQLITE_SCALE, embedded_database_warning
from settings import get_settings

POSTGRES = get_settings().is_postgres


@pytest.mark.skipif(POSTGRES, reason="the SQLite default")
@pytest.mark.parametrize(
    ("production", "workers", "expected"),
    [
        (False, 1, None),
        (True, 1, f"LINGONG_PRODUCTION is on: {SQLITE_SCALE}"),
        (
            True,
            4,
            "LINGONG_PRODUCTION is on; 4 worker processes share one SQLite file "
            f"(writes queue across them): {SQLITE_SCALE}",
        ),
        (
            False,
            2,
            f"2 worker processes share one SQLite file (writes queue across them): {SQLITE_SCALE}",
        ),
    ],
)
def test_sqlite_beyond_one_process_or_in_production_is_warned_about(production, workers, expected):
    assert embedded_database_warning(production, workers) == expected


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL")
def test_postgresql_needs_no_warning():
    assert embedded_database_warning(True, 8) is None


@pytest.mark.skipif(POSTGRES, reason="the SQLite default")
@pytest.mark.parametrize("production", [True, False])
async def test_the_app_logs_the_warning_at_start_up_in_production(production, monkeypatch, caplog):
    settings = dataclasses.replace(get_settings(), production=production)
    monkeypatch.setattr(app_module, "get_settings", lambda: settings)

    with caplog.at_level(logging.WARNING, logger="lingong"):
        await app_module._configure_database()

    warned = [r.getMessage() for r in caplog.records if r.name == "lingong"]
    assert warned == ([f"LINGONG_PRODUCTION is on: {SQLITE_SCALE}"] if production else [])


@pytest.mark.skipif(POSTGRES, reason="the SQLite default")
async def test_sqlite_writers_of_one_process_take_the_write_lock_in_arrival_order():
    from services.db import write_transaction
    from tables.region import Region

    order: list[str] = []
    holding, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with write_transaction():
            await Region.count()
            order.append("first")
            holding.set()
            await release.wait()

    async def later(name: str) -> None:
        async with write_transaction():
            await Region.count()
            order.append(name)

    holder = asyncio.create_task(first())
    await holding.wait()
    waiting = []
    for n in range(5):
        waiting.append(asyncio.create_task(later(f"w{n}")))
        await asyncio.sleep(0)  # each reaches its write_transaction before the next starts
    release.set()
    await asyncio.gather(holder, *waiting)

    assert order == ["first", "w0", "w1", "w2", "w3", "w4"]
