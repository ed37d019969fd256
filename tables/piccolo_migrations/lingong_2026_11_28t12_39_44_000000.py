"""Composite unique indexes, written as raw SQL because SQLite lacks ADD CONSTRAINT."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T12:39:44:000000"
VERSION = "1.38.0"
DESCRIPTION = "composite unique indexes"

STATEMENTS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS market_occupation_pair ON market_occupation (market, occupation)",
    "CREATE UNIQUE INDEX IF NOT EXISTS demonstration_certificate_year ON demonstration_certificate (market, year)",
    "CREATE INDEX IF NOT EXISTS market_opening_weekday ON market_opening_period (weekday, market)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
