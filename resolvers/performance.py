"""Execution tweaks measured with the benchmark (tools/bench/markets.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from piccolo.engine import engine_finder
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType


class OneSQLiteConnectionPerQuery(SchemaExtension):
    """Run a read-only operation on one SQLite connection.

    Piccolo opens a new aiosqlite connection (and thread) for every statement outside a
    transaction, about 2 ms each; a query operation issues several. Wrapping the execution of
    queries (never mutations, whose write transactions must be IMMEDIATE) in one deferred
    transaction reuses a single connection. Under WAL a reader neither blocks writers nor
    is blocked by them. PostgreSQL already reuses pooled connections, so it is left alone.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        engine = engine_finder()
        operation = self.execution_context.operation_type
        if engine is None or engine.engine_type != "sqlite" or operation != OperationType.QUERY:
            yield
            return
        async with engine.transaction():
            yield
