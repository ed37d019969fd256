"""Drop assessment.reconciliation_read_alike (migration 2026-12-06T18:00): nothing reads it."""

# MyAssessments' text plan read a stored reconciliation in SQL only where this column said the
# database reads it as json.loads does. Python now reads and writes every reconciliation of a
# text plan (resolvers/assessment/texts.py): a stored one read by PostgreSQL's jsonb took 1.6 of
# the page's 2.3 ms. So the column, its function (PostgreSQL) and its triggers (SQLite), which
# cost every write of an assessment, go.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T03:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "drop the reconciliation's read-alike column, function and triggers"

POSTGRES = [
    "ALTER TABLE assessment DROP COLUMN IF EXISTS reconciliation_read_alike",
    "DROP FUNCTION IF EXISTS reconciliation_read_alike(text)",
]
# SQLite refuses to drop a column a trigger names: the triggers first.
SQLITE = [
    "DROP TRIGGER IF EXISTS assessment_read_alike_insert",
    "DROP TRIGGER IF EXISTS assessment_read_alike_update",
    "ALTER TABLE assessment DROP COLUMN reconciliation_read_alike",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in POSTGRES if engine.engine_type == "postgres" else SQLITE:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
