"""Backup and restore of either database, with a manifest of figures to check a restore against."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import piccolo.engine.sqlite  # noqa: F401 - registers the converters that read its timestamps

from services.audit.rules import ChainWalk
from services.timeutil import now
from settings import get_settings

MANIFEST_SUFFIX = ".manifest.json"
AUDIT_BATCH = 1000


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why (for the operator)."""


@dataclass
class Figures:
    """What a restore must reproduce: rows per table, money sums (fen), the audit chain."""

    tables: dict[str, int] = field(default_factory=dict)
    money: dict[str, int] = field(default_factory=dict)  # "table.column_fen" -> sum in fen
    audit: dict[str, Any] = field(default_factory=dict)  # rows, ok, head, first_bad_id


# -- reading figures from any connection --------------------------------------------------


class SQLiteReader:
    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise BackupError(f"没有数据库文件 {path}")
        self.db = sqlite3.connect(
            f"file:{path}?mode=ro",
            uri=True,
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
        )
        self.db.row_factory = sqlite3.Row

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(sql.replace("$1", "?"), args)]

    async def tables(self) -> list[str]:
        # Not the virtual tables (the posting search's FTS5 grams cannot be scanned): what
        # they hold is in their shadow tables, which are counted like any other.
        rows = await self.fetch(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
        return sorted(r["name"] for r in rows)

    async def money_columns(self, table: str) -> list[str]:
        rows = await self.fetch(f"SELECT name FROM pragma_table_info('{table}')")
        return [r["name"] for r in rows if r["name"].endswith("_fen")]

    async def close(self) -> None:
        self.db.close()


class PostgresReader:
    def __init__(self, connection: Any) -> None:
        self.conn = connection

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(sql, *args)]

    async def tables(self) -> list[str]:
        rows = await self.fetch(
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        return sorted(r["name"] for r in rows)

    async def money_columns(self, table: str) -> list[str]:
        rows = await self.fetch(
            "SELECT column_name AS name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
            table,
        )
        return [r["name"] for r in rows if r["name"].endswith("_fen")]

    async def close(self) -> None:
        await self.conn.close()


async def figures(reader: SQLiteReader | PostgresReader) -> Figures:
    result = Figures()
    for table in await reader.tables():
        count = await reader.fetch(f'SELECT COUNT(*) AS n FROM "{table}"')
        result.tables[table] = int(count[0]["n"])
        for column in await reader.money_columns(table):
            total = await reader.fetch(f'SELECT COALESCE(SUM("{column}"), 0) AS s FROM "{table}"')
            result.money[f"{table}.{column}"] = int(total[0]["s"])
    if "audit_log" in result.tables:
        walk, last_id = ChainWalk(), 0
        while walk.failure is None:
            rows = await reader.fetch(
                f"SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT {AUDIT_BATCH}", last_id
            )
            if not rows or not all(walk.step(r) for r in rows):
                break
            last_id = rows[-1]["id"]
        report = walk.report()
        result.audit = {
            "rows": report.rows,
            "ok": report.ok,
            "head": report.head,
            "first_bad_id": report.first_bad_id,
        }
    return result


# -- PostgreSQL connection details ------------------------------------------------------------


def pg_target(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and an environment passing the password to pg_dump and
    pg_restore (PGPASSWORD), so it never shows in the process list."""
    parts = urlparse(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        host = parts.hostname or ""
        netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunparse(parts._replace(scheme="postgresql")), env


def binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client，主版本不低于服务器的）"
        )
    return found


async def pg_connect(url: str) -> Any:
    import asyncpg

    return await asyncpg.connect(url)


def run_tool(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} 失败：{done.stderr.strip()[-2000:]}")


# -- backup ---------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


async def backup(target: Path) -> dict[str, Any]:
    """Write a consistent copy of the configured database to `target` while the app runs, and
    the manifest (figures of that very copy) beside it. Returns the manifest."""
    settings = get_settings()
    partial = target.with_name(target.name + ".partial")
    if settings.is_postgres:
        engine, found = "postgresql", await _pg_backup(settings.database_url or "", partial)
    else:
        engine, found = "sqlite", await _sqlite_backup(settings.sqlite_path, partial)
    return _finish(partial, target, engine, found)


def _finish(partial: Path, target: Path, engine: str, found: Figures) -> dict[str, Any]:
    partial.replace(target)
    manifest = {
        "format": 1,
        "engine": engine,
        "created_at": now().isoformat(),
        "file": target.name,
        "bytes": target.stat().st_size,
        "sha256": sha256_of(target),
        **asdict(found),
    }
    manifest_path(target).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest


async def _sqlite_backup(source: Path, partial: Path) -> Figures:
    _sqlite_copy(source, partial)
    reader = SQLiteReader(partial)
    try:
        return await figures(reader)
    finally:
        await reader.close()


def _sqlite_copy(source: Path, partial: Path) -> None:
    if not source.exists():
        raise BackupError(f"没有数据库文件 {source}")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        # One step (pages=-1): a single read transaction, so the copy is one consistent moment;
        # in WAL mode the app's writers go on meanwhile (a stepped copy restarts on each write).
        src.backup(dst)
    finally:
        dst.close()
        src.close()


async def _pg_backup(url: str, partial: Path) -> Figures:
    pg_dump = binary("pg_dump")
    target, env = pg_target(url)
    conn = await pg_connect(url)
    try:
        # The figures and the dump read one exported snapshot: they describe the same moment.
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await conn.fetchval("SELECT pg_export_snapshot()")
            found = await figures(PostgresReader(conn))
            command = [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-owner"]
            run_tool([*command, f"--file={partial}", f"--dbname={target}"], env)
    finally:
        await conn.close()
    return found
