"""Subsidy indexes (raw SQL: SQLite lacks ADD CONSTRAINT): the review queue in status order and
one payment reference per paid application."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T13:33:04:000000"
VERSION = "1.38.0"
DESCRIPTION = "subsidy indexes"

STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS subsidy_application_queue "
    "ON subsidy_application (programme, status, submitted_at)",
    "CREATE UNIQUE INDEX IF NOT EXISTS subsidy_application_payment "
    "ON subsidy_application (payment_reference) WHERE payment_reference <> ''",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
