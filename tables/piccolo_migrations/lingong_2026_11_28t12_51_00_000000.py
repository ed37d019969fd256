"""Certificates: one valid certificate per market and year (revoked ones stay on record, so a
market may be re-certified), and at most one certificate per application. Raw SQL: partial
indexes work on both SQLite and PostgreSQL."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T12:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "certificate indexes: valid per market and year, one per application"

STATEMENTS = [
    "DROP INDEX IF EXISTS demonstration_certificate_year",
    "CREATE UNIQUE INDEX IF NOT EXISTS demonstration_certificate_valid_year "
    "ON demonstration_certificate (market, year) WHERE revoked_on IS NULL",
    "CREATE UNIQUE INDEX IF NOT EXISTS demonstration_certificate_application "
    "ON demonstration_certificate (application) WHERE application IS NOT NULL",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
