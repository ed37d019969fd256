"""Write transactions that do not race: IMMEDIATE on SQLite, a normal transaction on PostgreSQL."""

from __future__ import annotations

from piccolo.engine import engine_finder
from piccolo.engine.sqlite import TransactionType


def write_transaction():
    """Use for every read-then-write. On SQLite a DEFERRED transaction that reads, then writes,
    fails with "database is locked" under concurrency; IMMEDIATE takes the write lock up front
    (and waits for it up to the busy timeout). PostgreSQL callers still need conditional
    updates or row locks for the rules themselves."""
    engine = engine_finder()
    if engine.engine_type == "sqlite":
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()
