"""The PostgreSQL pool hands connections back without asyncpg's reset query
(piccolo_conf._keep_connection), and nothing a transaction sets outlives it."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

import asyncpg
import pytest
from piccolo.engine import engine_finder

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
