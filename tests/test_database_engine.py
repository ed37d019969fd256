"""The PostgreSQL pool hands connections back without asyncpg's reset query
(piccolo_conf._keep_connection), and nothing a transaction sets outlives it. While the app
serves, SQLite keeps its transactions' connections (piccolo_conf.CountingSQLiteEngine) and
never keeps one in a transaction or on a file no longer at its path."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from contextlib import AsyncExitStack
from urllib.parse import quote

import asyncpg
import pytest
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from piccolo_conf import (
    KEPT_SQLITE_CONNECTIONS,
    CountingSQLiteEngine,
    FunctionsConnection,
    KeptConnection,
)

postgres_only = pytest.mark.skipif(
    engine_finder().engine_type != "postgres", reason="the connection pool is PostgreSQL's"
)
PROBE = "SELECT pg_backend_pid() /* lingong pool probe */"


async def _last_statement(database, pid: int) -> str:
    conn = await asyncpg.connect(**database.config)
    try:
        return await conn.fetchval("SELECT query FROM pg_stat_activity WHERE pid = $1", pid)
    finally:
        await conn.close()


@postgres_only
async def test_a_released_connection_is_sent_nothing_more(database):
    async with database.pool.acquire() as connection:
        pid = await connection.fetchval(PROBE)
    await asyncio.sleep(0.05)
    # asyncpg's default would have sent "SELECT pg_advisory_unlock_all(); CLOSE ALL; …".
    assert await _last_statement(database, pid) == PROBE


@postgres_only
async def test_what_a_transaction_sets_ends_with_it(database):
    async with database.pool.acquire() as connection:
        pid = await connection.fetchval(PROBE)
        default = await connection.fetchval("SHOW statement_timeout")
        mode = await connection.fetchval("SHOW plan_cache_mode")
        async with connection.transaction():
            await connection.execute("SET LOCAL statement_timeout = '1234ms'")
            await connection.execute("SELECT pg_advisory_xact_lock(1202613)")
    assert default != "1234ms" and mode == "force_custom_plan"
    assert await database.pool.fetchval("SHOW jit") == "off"
    # Hold every pooled connection at once: the one used above is among them.
    async with AsyncExitStack() as stack:
        held = [
            await stack.enter_async_context(database.pool.acquire())
            for _ in range(database.pool.get_size())
        ]
        pids = [await c.fetchval("SELECT pg_backend_pid()") for c in held]
        again = held[pids.index(pid)]
        assert await again.fetchval("SHOW statement_timeout") == default
        assert await again.fetchval("SHOW plan_cache_mode") == "force_custom_plan"
        locks = await again.fetchval(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 1202613"
        )
        assert locks == 0


# --------------------------------------------------------------------------------------------
# SQLite's kept connections: each test has its own database file and engine, on either suite.


@pytest.fixture
def sqlite_file(tmp_path):
    path = tmp_path / "kept.sqlite3"
    with sqlite3.connect(path) as plain:
        plain.execute("PRAGMA journal_mode=WAL")
        plain.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    return path


def _engine(path, keep: int = 2) -> CountingSQLiteEngine:
    engine = CountingSQLiteEngine(
        path=f"file:{quote(str(path))}?mode=rw", uri=True, timeout=5, factory=FunctionsConnection
    )
    if keep:
        engine.keep_connections(keep)
    return engine


async def _names(engine: CountingSQLiteEngine) -> list[str]:
    async with engine.transaction():
        return [
            r["name"]
            for r in await engine.run_querystring(QueryString("SELECT name FROM item ORDER BY id"))
        ]


async def test_a_transaction_s_connection_is_kept_for_the_next(sqlite_file):
    """Reads, a write and a failed write, one after another, on one kept connection: each
    sees what the one before committed, the failed one leaves nothing, and foreign keys
    stay on (Piccolo's per-statement pragma is skipped, not the setting)."""
    # given a serving engine
    engine = _engine(sqlite_file)
    seen = []

    # when transactions run one after another, one of them failing
    for name in ("甲", "乙"):
        async with engine.transaction():
            seen.append(id(engine.current_transaction.get().connection.connection))
            await engine.run_querystring(QueryString("INSERT INTO item (name) VALUES ({})", name))
    with pytest.raises(sqlite3.IntegrityError):
        async with engine.transaction():
            seen.append(id(engine.current_transaction.get().connection.connection))
            await engine.run_querystring(QueryString("INSERT INTO item (name) VALUES ('丙')"))
            await engine.run_querystring(QueryString("INSERT INTO item (name) VALUES (NULL)"))
    names = await _names(engine)
    async with engine.transaction():
        keys = await engine.run_querystring(QueryString("PRAGMA foreign_keys"))

    # then one connection served them all, with every committed write and nothing of the
    # failed one
    assert len(set(seen)) == 1
    assert names == ["甲", "乙"]
    assert keys == [{"foreign_keys": 1}]
    assert len(engine.idle) == 1 and not engine.idle[0].connection.in_transaction
    # its thread a daemon: a shut-down cut short must not leave the process held open by it
    assert engine.idle[0].connection._thread.daemon
    await engine.close_kept_connections()


async def test_at_most_keep_idle_connections_and_none_mid_transaction(sqlite_file):
    """Three transactions at once keep two connections afterwards (keep=2); a connection given
    back inside a transaction is closed, not kept."""
    # given a serving engine that keeps two
    engine = _engine(sqlite_file, keep=2)
    started = asyncio.Event()

    async def read():
        async with engine.transaction():
            await engine.run_querystring(QueryString("SELECT count(*) AS n FROM item"))
            await started.wait()

    # when three read at once, then a connection comes back with a transaction open
    tasks = [asyncio.create_task(read()) for _ in range(3)]
    await asyncio.sleep(0.05)
    started.set()
    await asyncio.gather(*tasks)
    kept_after_three = len(engine.idle)
    borrowed = await engine.get_connection()
    await borrowed.connection.execute("BEGIN")
    await borrowed.close()

    # then two were kept, and the one mid-transaction was closed
    assert kept_after_three == 2
    assert len(engine.idle) == 1
    assert borrowed.connection._connection is None  # aiosqlite: closed
    await engine.close_kept_connections()
    assert engine.idle == [] and engine.keep == 0


def _database(path, *names: str) -> None:
    # Rollback journal, not WAL: a replaced WAL database would meet its predecessor's -wal file.
    with sqlite3.connect(path) as plain:
        plain.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        plain.executemany("INSERT INTO item (name) VALUES (?)", [(n,) for n in names])


async def test_a_replaced_or_lost_file_is_never_read_through_a_kept_connection(tmp_path):
    """A file replaced at the path (a restore) is read anew: the kept connection, on the old
    file, is closed; a lost one fails the transaction as an engine that keeps nothing does."""
    # given a kept connection on the file, which then is replaced by another with another row
    path, copy = tmp_path / "kept.sqlite3", tmp_path / "copy.sqlite3"
    _database(path, "旧文件")
    engine = _engine(path)
    before = await _names(engine)
    _database(copy, "新文件")
    os.replace(copy, path)

    # when the engine reads again, then again after the file is lost
    after_replace = await _names(engine)
    os.remove(path)
    with pytest.raises(sqlite3.OperationalError, match="unable to open database file"):
        await _names(engine)

    # then the new file's rows; then the error, and no connection left kept
    assert (before, after_replace) == (["旧文件"], ["新文件"])
    assert engine.idle == []


async def test_an_engine_not_serving_keeps_nothing(sqlite_file):
    """Commands (migrate, seed, generate) keep no connection: an idle one's thread would hold
    the process open at exit."""
    # given an engine nobody asked to keep connections
    engine = _engine(sqlite_file, keep=0)

    # when a transaction runs
    await _names(engine)
    connection = await engine.get_connection()

    # then nothing is kept and the connection is aiosqlite's own
    assert engine.idle == []
    assert not isinstance(connection, KeptConnection)
    await connection.close()


@pytest.mark.skipif(engine_finder().engine_type != "sqlite", reason="SQLite's kept connections")
async def test_the_app_keeps_sqlite_connections_while_it_serves_and_closes_them_after():
    """app.lifespan: connections kept from start-up, closed at shut-down (a process that
    stops serving holds no connection's thread)."""
    from app import create_app

    # given the suite's engine and the app's start-up
    engine = engine_finder()
    app = create_app(production=False)
    async with app.router.lifespan_context(app):
        # when a transaction runs while it serves
        async with engine.transaction():
            await engine.run_querystring(QueryString("SELECT 1 AS one"))
        serving = (engine.keep, len(engine.idle))
        kept = engine.idle[0].connection

    # then one connection was kept, and closed with the rest at shut-down
    assert serving == (KEPT_SQLITE_CONNECTIONS, 1)
    assert (engine.keep, engine.idle, kept._connection) == (0, [], None)
