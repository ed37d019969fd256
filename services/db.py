"""The configured engine, typed; write transactions that do not race (IMMEDIATE on SQLite)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import sqlite3
import weakref
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
from piccolo.apps.migrations.tables import Migration
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType


def current_engine() -> SQLiteEngine | PostgresEngine:
    """piccolo_conf.DB, found the way Piccolo finds it (so PICCOLO_CONF still applies).

    `engine_finder()` is typed `Engine | None`; piccolo_conf only ever builds one of these two,
    so anything else is a configuration error, reported here rather than as an AttributeError
    somewhere further down. Found once: engine_finder imports the configuration module by
    name on every call (15 µs, several times a list request), and that module, once imported,
    keeps its engine for the life of the process."""
    global _ENGINE
    if _ENGINE is None:
        engine = engine_finder()
        if not isinstance(engine, SQLiteEngine | PostgresEngine):
            raise RuntimeError(
                f"piccolo_conf.DB must be a SQLite or PostgreSQL engine, got {engine!r}"
            )
        _ENGINE = engine
    return _ENGINE


_ENGINE: SQLiteEngine | PostgresEngine | None = None


def is_unique_violation(exc: BaseException) -> bool:
    """A unique index refused the write: a concurrent twin won the race (both engines)."""
    if isinstance(exc, asyncpg.exceptions.UniqueViolationError):
        return True
    return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)


# What the embedded default is for (docs/BENCHMARKS.md, "Concurrent writes"): measured with
# `python -m tools.bench.writes`, 20 concurrent writers.
SQLITE_SCALE = (
    "SQLite is for one market's or one county's scale: one writer at a time, one machine "
    "(20 concurrent writers: p95 write latency about 1 s); for a city or the province set "
    "DATABASE_URL to PostgreSQL"
)


def embedded_database_warning(production: bool, workers: int = 1) -> str | None:
    """Why this SQLite set-up is beyond what SQLite is for, or None (PostgreSQL, or a
    development server)."""
    if is_postgres():
        return None
    reasons = []
    if production:
        reasons.append("LINGONG_PRODUCTION is on")
    if workers > 1:
        reasons.append(
            f"{workers} worker processes share one SQLite file (writes queue across them)"
        )
    return f"{'; '.join(reasons)}: {SQLITE_SCALE}" if reasons else None


def is_postgres() -> bool:
    return current_engine().engine_type == "postgres"


@contextlib.asynccontextmanager
async def write_transaction() -> AsyncIterator[None]:
    """Use for every read-then-write. On SQLite a DEFERRED transaction that reads, then writes,
    fails with "database is locked" under concurrency; IMMEDIATE takes the write lock up front
    (and waits for it up to the busy timeout). PostgreSQL callers still need conditional
    updates or row locks for the rules themselves.

    A generator rather than the transaction itself: Piccolo annotates `__aexit__` as returning
    `bool`, which tells a type checker the block may swallow exceptions, so it would forget
    every `if row is None: raise ...` inside. It never does (it returns `exception is None`)."""
    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        async with engine.transaction():
            yield
        return
    if engine.current_transaction.get() is not None:  # nested: the outer one holds the lock
        async with engine.transaction(transaction_type=TransactionType.immediate):
            yield
        return
    # SQLite's own wait for its write lock polls with growing sleeps, so under load a writer
    # can lose to newer ones again and again (p95 2.2 s with 20 writers). Writers of this
    # process queue here in arrival order instead; other processes still meet the busy timeout.
    async with _sqlite_writer_lock():
        transaction: SQLiteTransaction = engine.transaction(
            transaction_type=TransactionType.immediate
        )
        async with transaction:
            yield


_WRITER_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _sqlite_writer_lock() -> asyncio.Lock:
    # One per event loop: an asyncio.Lock belongs to the loop it is first used on.
    loop = asyncio.get_running_loop()
    lock = _WRITER_LOCKS.get(loop)
    if lock is None:
        lock = _WRITER_LOCKS[loop] = asyncio.Lock()
    return lock


MIGRATIONS = Path(__file__).resolve().parents[1] / "tables" / "piccolo_migrations"


@functools.cache
def expected_migrations() -> frozenset[str]:
    """The ids of the migrations this code expects applied (the ID of each migration file)."""
    return frozenset(
        importlib.import_module(f"tables.piccolo_migrations.{p.stem}").ID
        for p in MIGRATIONS.glob("lingong_*.py")
    )


async def missing_migrations() -> set[str]:
    """Migrations of this code not applied to the database (empty when the schema is current)."""
    applied = await Migration.select(Migration.name).where(Migration.app_name == "lingong")
    return set(expected_migrations()) - {r["name"] for r in applied}
