"""Schema migrations and reference data: what `lingong migrate` and the tests both run."""

from __future__ import annotations

import contextlib
import io

from piccolo.apps.migrations.commands.forwards import run_forwards

from services.db import current_engine
from services.reference.rules import load_all


async def migrate(quiet: bool = True) -> dict[str, int]:
    """Apply every pending migration, switch SQLite to WAL, and upsert reference data."""
    engine = current_engine()
    if engine.engine_type == "sqlite":
        await engine.run_ddl("PRAGMA journal_mode=WAL")
    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"migration failed: {result.message}\n{out.getvalue()}")
    return await load_all()
