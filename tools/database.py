"""Schema migrations and reference data: what `lingong migrate` and the tests both run."""

from __future__ import annotations

import contextlib
import io
import sqlite3

from piccolo.apps.migrations.commands.forwards import run_forwards

from services.db import current_engine
from services.reference.rules import load_all
from settings import get_settings


def ensure_sqlite_file() -> None:
    """Create the SQLite file if it does not exist: the one place that may (the engine opens
    it read-write without creating it, so a lost file is noticed, not silently replaced)."""
    path = get_settings().sqlite_path
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()


async def migrate(quiet: bool = True) -> dict[str, int]:
    """Apply every pending migration, switch SQLite to WAL, and upsert reference data."""
    engine = current_engine()
    if engine.engine_type == "sqlite":
        ensure_sqlite_file()
        await engine.run_ddl("PRAGMA journal_mode=WAL")
    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"migration failed: {result.message}\n{out.getvalue()}")
    return await load_all()
