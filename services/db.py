"""The configured engine, typed; write transactions that do not race (IMMEDIATE on SQLite)."""

from __future__ import annotations

import contextlib
import functools
import importlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
from piccolo.apps.migrations.tables import Migration
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType


def current_engine() -> SQLiteEngine | PostgresEngine:
    """piccolo_conf.DB, found the way Piccolo finds it (so PICCOLO_CONF still applies).

    `engine_finder()` is typed `Engine | None`; piccolo_conf only ever builds one of these two,
    so anything else is a configuration error, reported here rather than as an AttributeError
    somewhere further down."""
    engine = engine_finder()
    if not isinstance(engine, SQLiteEngine | PostgresEngine):
        raise RuntimeError(f"piccolo_conf.DB must be a SQLite or PostgreSQL engine, got {engine!r}")
    return engine


def is_unique_violation(exc: BaseException) -> bool:
    """A unique index refused the write: a concurrent twin won the race (both engines)."""
    if isinstance(exc, asyncpg.exceptions.UniqueViolationError):
        return True
    return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)


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
    if isinstance(engine, SQLiteEngine):
        transaction: SQLiteTransaction | PostgresTransaction = engine.transaction(
            transaction_type=TransactionType.immediate
        )
    else:
        transaction = engine.transaction()
    async with transaction:
        yield


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
