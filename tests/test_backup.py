"""`lingong backup`, `restore` and `restore-check` on the configured database (SQLite: online
backup while the app writes; PostgreSQL: a round trip into a fresh database)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import uuid
from urllib.parse import urlparse, urlunparse

import pytest

from services.audit.rules import SYSTEM, record, verify_chain
from services.db import current_engine
from settings import get_settings
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import make_posting, snapshot
from tests.fixtures.worker import make_worker
from tests.test_cli import lingong
from tools.backup import backup
from tools.restore import load_manifest

POSTGRES = get_settings().is_postgres
only_sqlite = pytest.mark.skipif(POSTGRES, reason="the SQLite online backup")
only_postgres = pytest.mark.skipif(not POSTGRES, reason="pg_dump / pg_restore")


async def some_data() -> None:
    employer_id, _ = await make_employer()
    await make_worker()
    await make_posting(employer_id, wage=("180.50", "DAY"))
    await make_posting(employer_id, wage=("25.00", "HOUR"))
    for n in range(3):
        await record(SYSTEM, "test.backup", "worker", n, after={"n": n})


def restored_line(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(start))


@only_sqlite
async def test_sqlite_online_backup_while_the_app_writes(tmp_path, monkeypatch):
    # given data, and the app appending audit rows all the while (WAL, as the app runs it)
    await current_engine().run_ddl("PRAGMA journal_mode=WAL")
    await some_data()
    base = (await verify_chain()).rows
    written, stop, wrote = 0, asyncio.Event(), asyncio.Event()

    async def app_writes() -> None:
        nonlocal written
        while not stop.is_set():
            await record(SYSTEM, "test.write", "worker", written)
            written += 1
            wrote.set()

    async def until(count: int) -> None:
        while written < count:
            wrote.clear()
            await wrote.wait()

    writer = asyncio.create_task(app_writes())
    await until(5)

    # when backing up (in its own thread, as the CLI runs beside the server)
    target = tmp_path / "lingong.bak"
    manifest = await asyncio.to_thread(asyncio.run, backup(target))
    after_backup = written
    await until(after_backup + 5)  # the app goes on writing after the copy
    stop.set()
    await writer

    # then the copy is one consistent moment: a whole chain, a prefix of the live one
    assert manifest["engine"] == "sqlite" and manifest["audit"]["ok"] is True
    assert base + 5 <= manifest["audit"]["rows"] <= base + after_backup
    assert (await verify_chain()).rows == base + written > manifest["audit"]["rows"]
    assert manifest["money"]["job_posting.wage_fen"] == 18050 + 2500
    assert manifest["tables"]["worker"] == 1 and manifest["tables"]["job_posting"] == 2
    assert load_manifest(target) == manifest
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()

    # and it restores into a fresh file, checked against the manifest
    fresh = tmp_path / "restored" / "lingong.sqlite3"
    monkeypatch.setenv("LINGONG_SQLITE_PATH", str(fresh))
    restored = lingong("restore", str(target))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.splitlines()[-1] == "OK 恢复核对全部一致"
    assert restored_line(restored.stdout, "审计链记录数").split()[1:] == [
        str(manifest["audit"]["rows"]),
        str(manifest["audit"]["rows"]),
        "一致",
    ]
    assert lingong("audit-verify").returncode == 0

    # and restore-check catches a restored database that differs
    db = sqlite3.connect(fresh)
    db.execute(
        "UPDATE job_posting SET wage_fen = wage_fen + 1 WHERE id = (SELECT MIN(id) FROM job_posting)"
    )
    db.commit()
    db.close()
    checked = lingong("restore-check", str(target) + ".manifest.json")
    assert checked.returncode == 1
    assert restored_line(checked.stdout, "金额合计（分） job_posting.wage_fen").split()[-3:] == [
        "20550",
        "20551",
        "不一致",
    ]
    assert checked.stdout.splitlines()[-1] == "BAD 恢复核对有 1 项不一致"


async def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    await some_data()
    target = tmp_path / "lingong.bak"
    made = lingong("backup", "-o", str(target))
    assert made.returncode == 0, made.stderr
    await record(SYSTEM, "test.after_backup", "worker", 1)
    before, chain = await snapshot(), await verify_chain()

    refused = lingong("restore", str(target))

    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "恢复失败：目标数据库不是空的，未恢复；确需覆盖请先停止服务，再加 --force"
    )
    assert await snapshot() == before
    assert await verify_chain() == chain


async def test_a_damaged_backup_is_not_restored(tmp_path, monkeypatch):
    await some_data()
    target = tmp_path / "lingong.bak"
    assert lingong("backup", "-o", str(target)).returncode == 0
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    monkeypatch.setenv("LINGONG_SQLITE_PATH", str(tmp_path / "fresh.sqlite3"))

    refused = lingong("restore", str(target), "--force")

    assert refused.returncode == 1
    assert "备份文件的 sha256 与清单不符" in refused.stderr
    assert not (tmp_path / "fresh.sqlite3").exists()


def _database_url(name: str) -> str:
    return urlunparse(urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@only_postgres
async def test_postgres_round_trip_into_a_fresh_database(tmp_path, monkeypatch):
    # given data, backed up with pg_dump
    await some_data()
    target = tmp_path / "lingong.dump"
    made = lingong("backup", "-o", str(target))
    assert made.returncode == 0, made.stderr
    manifest = json.loads((tmp_path / "lingong.dump.manifest.json").read_text())
    rows = (await verify_chain()).rows
    assert manifest["engine"] == "postgresql" and manifest["audit"]["rows"] == rows
    assert manifest["money"]["job_posting.wage_fen"] == 20550

    fresh, test_db = f"lingong_restore_{uuid.uuid4().hex[:8]}", os.environ["DATABASE_URL"]
    await _admin(test_db, f'CREATE DATABASE "{fresh}"')
    try:
        # when restoring into a fresh database
        monkeypatch.setenv("DATABASE_URL", _database_url(fresh))
        restored = lingong("restore", str(target))

        # then every figure matches, the chain verifies there, and a second restore is refused
        assert restored.returncode == 0, restored.stderr
        assert restored.stdout.splitlines()[-1] == "OK 恢复核对全部一致"
        assert restored_line(restored.stdout, "行数 worker").split()[-3:] == ["1", "1", "一致"]
        verified = lingong("audit-verify")
        assert verified.returncode == 0 and verified.stdout.startswith(f"OK 审计记录 {rows} 条")
        again = lingong("restore", str(target))
        assert again.returncode == 1 and "目标数据库不是空的" in again.stderr
        forced = lingong("restore", str(target), "--force")
        assert forced.returncode == 0, forced.stderr
    finally:
        await _admin(test_db, f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


@only_postgres
async def test_without_pg_dump_the_backup_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    made = lingong("backup", "-o", str(tmp_path / "x.dump"))

    assert made.returncode == 1
    assert "找不到 pg_dump" in made.stderr
    assert not (tmp_path / "x.dump").exists()
