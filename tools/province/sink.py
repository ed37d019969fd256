"""Bulk writers: batched transactions with executemany on SQLite, COPY on PostgreSQL.

The monitoring triggers (statistics_mark_*, one statistics_change row per row and day written)
are switched off inside each batch's own transaction and the batch's span of days is marked
once instead: the rollup then rebuilds the same days, the change log stays small, and a batch
that fails rolls the switch back with its rows (on both engines DDL is transactional)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import asyncpg

from services.timeutil import local
from tools.province.world import Batch

TRIGGERS = "statistics_mark_%"


def marked_days(batch: Batch) -> list[date]:
    """Every day from the earliest to the latest timestamp in the batch (Asia/Shanghai)."""
    moments = [
        v for _, rows in batch.values() for row in rows for v in row if isinstance(v, datetime)
    ]
    if not moments:
        return []
    first, last = local(min(moments)).date(), local(max(moments)).date()
    return [first + timedelta(days=d) for d in range((last - first).days + 1)]


class SQLiteSink:
    def __init__(self, path: str) -> None:
        # Piccolo's adapters (imported with the tables) store values exactly as the app does.
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA foreign_keys=ON")

    async def max_ids(self, tables: list[str]) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0]
            for t in tables
        }

    async def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    async def write(self, batch: Batch) -> None:
        names = list(batch)
        marks = ",".join("?" * len(names))
        triggers = self.db.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? "
            f"AND tbl_name IN ({marks})",
            [TRIGGERS, *names],
        ).fetchall()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for name, _ in triggers:
                self.db.execute(f"DROP TRIGGER {name}")
            for table, (columns, rows) in batch.items():
                if rows:
                    slots = ",".join("?" * len(columns))
                    self.db.executemany(
                        f"INSERT INTO {table} ({','.join(columns)}) VALUES ({slots})", rows
                    )
            for _, sql in triggers:
                self.db.execute(sql)
            if triggers:
                self.db.executemany(
                    "INSERT INTO statistics_change (day) VALUES (?)",
                    [(d,) for d in marked_days(batch)],
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    async def finish(self, tables: list[str]) -> None:
        self.db.execute("ANALYZE")  # the planner's statistics for the new sizes

    async def close(self) -> None:
        self.db.close()


class PostgresSink:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.db = conn

    @classmethod
    async def connect(cls, url: str) -> PostgresSink:
        return cls(await asyncpg.connect(url))

    async def max_ids(self, tables: list[str]) -> dict[str, int]:
        return {t: await self.db.fetchval(f"SELECT COALESCE(MAX(id), 0) FROM {t}") for t in tables}

    async def count(self, table: str) -> int:
        return await self.db.fetchval(f"SELECT COUNT(*) FROM {table}")

    async def write(self, batch: Batch) -> None:
        triggers = await self.db.fetch(
            "SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE $1 AND c.relname = ANY($2)",
            TRIGGERS,
            list(batch),
        )
        async with self.db.transaction():
            for r in triggers:
                await self.db.execute(f"ALTER TABLE {r['table']} DISABLE TRIGGER {r['name']}")
            for table, (columns, rows) in batch.items():
                if rows:
                    await self.db.copy_records_to_table(table, records=rows, columns=columns)
            for r in triggers:
                await self.db.execute(f"ALTER TABLE {r['table']} ENABLE TRIGGER {r['name']}")
            if triggers:
                await self.db.executemany(
                    "INSERT INTO statistics_change (day) VALUES ($1)",
                    [(d,) for d in marked_days(batch)],
                )

    async def finish(self, tables: list[str]) -> None:
        # Ids were written explicitly: each serial continues after the largest one.
        for table in tables:
            await self.db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        await self.db.execute("ANALYZE")

    async def close(self) -> None:
        await self.db.close()


Sink = SQLiteSink | PostgresSink
