"""Execution tweaks measured with the benchmark (tools/bench/markets.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from piccolo_conf import REPLICA, read_node
from services.db import current_engine


class OneSQLiteConnectionPerQuery(SchemaExtension):
    """Run a read-only operation on one SQLite connection.

    Piccolo opens a new aiosqlite connection (and thread) for every statement outside a
    transaction, about 2 ms each; a query operation issues several. Wrapping the execution of
    queries (never mutations, whose write transactions must be IMMEDIATE) in one deferred
    transaction reuses a single connection. Under WAL a reader neither blocks writers nor
    is blocked by them. PostgreSQL already reuses pooled connections, so it is left alone.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        engine = current_engine()
        operation = self.execution_context.operation_type
        if engine.engine_type != "sqlite" or operation != OperationType.QUERY:
            yield
            return
        async with engine.transaction():
            yield


class PublicReadsOnReplica(SchemaExtension):
    """Send an anonymous query operation's SELECTs to the read replica, if one is configured.

    Anonymous clients cannot write, so none of them expects to read its own write; a signed-in
    viewer (who may just have written) and every mutation stay on the primary, as does any
    statement inside a transaction (piccolo_conf.CountingPostgresEngine does the routing).
    Runs after AuthenticateBeforeExecution, so the token lookup itself reads the primary."""

    async def on_execute(self) -> AsyncIterator[None]:
        engine = current_engine()
        context = self.execution_context.context
        public_read = (
            self.execution_context.operation_type == OperationType.QUERY
            and getattr(context, "viewer", None) is None
            and REPLICA in (getattr(engine, "extra_nodes", None) or {})
        )
        if not public_read:
            yield
            return
        token = read_node.set(REPLICA)
        try:
            yield
        finally:
            read_node.reset(token)
