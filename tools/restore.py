"""Restore a backup into the configured database, and check it against the backup's manifest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from settings import get_settings
from tools.backup import (
    MANIFEST_SUFFIX,
    BackupError,
    Figures,
    PostgresReader,
    SQLiteReader,
    binary,
    figures,
    manifest_path,
    pg_connect,
    pg_target,
    run_tool,
    sha256_of,
)


@dataclass(frozen=True)
class Line:
    what: str
    expected: Any
    found: Any

    @property
    def ok(self) -> bool:
        return self.expected == self.found


def load_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup, given the backup file or the manifest itself."""
    manifest = path if path.name.endswith(MANIFEST_SUFFIX) else manifest_path(path)
    if not manifest.exists():
        raise BackupError(f"找不到备份清单 {manifest}（与备份文件放在一起）")
    return json.loads(manifest.read_text(encoding="utf-8"))


async def _reader() -> SQLiteReader | PostgresReader:
    settings = get_settings()
    if settings.is_postgres:
        return PostgresReader(await pg_connect(settings.database_url or ""))
    return SQLiteReader(settings.sqlite_path)


async def current_figures() -> Figures:
    reader = await _reader()
    try:
        return await figures(reader)
    finally:
        await reader.close()


def compare(manifest: dict[str, Any], found: Figures) -> list[Line]:
    """Every figure of the manifest beside the one found (tables missing on either side too)."""
    lines = []
    for name in sorted(set(manifest["tables"]) | set(found.tables)):
        lines.append(Line(f"行数 {name}", manifest["tables"].get(name), found.tables.get(name)))
    for name in sorted(set(manifest["money"]) | set(found.money)):
        lines.append(
            Line(f"金额合计（分） {name}", manifest["money"].get(name), found.money.get(name))
        )
    expected, audit = manifest.get("audit") or {}, found.audit
    # The chain must verify now, whatever the backup recorded (backup reports a broken one).
    lines.append(Line("审计链完整", True, audit.get("ok")))
    for key, label in (("rows", "审计链记录数"), ("head", "审计链链尾")):
        lines.append(Line(label, expected.get(key), audit.get(key)))
    return lines


async def check(manifest: dict[str, Any]) -> list[Line]:
    return compare(manifest, await current_figures())


async def _is_empty() -> bool:
    settings = get_settings()
    if not settings.is_postgres and not settings.sqlite_path.exists():
        return True
    reader = await _reader()
    try:
        return not await reader.tables()
    finally:
        await reader.close()


async def restore(source: Path, force: bool = False) -> list[Line]:
    """Restore `source` into the configured database (which must hold no tables unless
    `force`), then check it against the manifest. Stop the app before forcing a restore."""
    manifest = load_manifest(source)
    settings = get_settings()
    engine = "postgresql" if settings.is_postgres else "sqlite"
    if manifest.get("engine") != engine:
        raise BackupError(f"这是 {manifest.get('engine')} 的备份，配置的数据库是 {engine}")
    if sha256_of(source) != manifest["sha256"]:
        raise BackupError("备份文件的 sha256 与清单不符：文件已损坏或被改动，未恢复")
    if not force and not await _is_empty():
        raise BackupError("目标数据库不是空的，未恢复；确需覆盖请先停止服务，再加 --force")
    if settings.is_postgres:
        _pg_restore(source, settings.database_url or "", force)
    else:
        _sqlite_restore(source, settings.sqlite_path)
    return await check(manifest)


def _sqlite_restore(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("备份文件未通过 SQLite 完整性检查，未恢复")
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target)
        try:
            # The backup API replaces every page of the target (its WAL included) in one go.
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    finally:
        src.close()


def _pg_restore(source: Path, url: str, force: bool) -> None:
    pg_restore = binary("pg_restore")
    target, env = pg_target(url)
    # One transaction: a failed restore leaves the target as it was.
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
    command.append("--single-transaction")
    if force:
        command += ["--clean", "--if-exists"]
    run_tool([*command, f"--dbname={target}", str(source)], env)


def render(lines: list[Line]) -> str:
    width = max(len(line.what) for line in lines)
    rows = [f"{'项目'.ljust(width)}  备份时  现在  结果"]
    for line in lines:
        mark = "一致" if line.ok else "不一致"
        rows.append(f"{line.what.ljust(width)}  {line.expected}  {line.found}  {mark}")
    bad = sum(not line.ok for line in lines)
    rows.append("OK 恢复核对全部一致" if not bad else f"BAD 恢复核对有 {bad} 项不一致")
    return "\n".join(rows)
