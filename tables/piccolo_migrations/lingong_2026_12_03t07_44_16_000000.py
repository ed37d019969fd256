"""Rights cases: legacy statuses mapped (OPEN → FILED; MEDIATED, SUBSTANTIATED and DISMISSED →
RESOLVED with that outcome, DISMISSED as NOT_SUBSTANTIATED) and queue indexes. Raw SQL, run
after the columns exist (Piccolo runs a migration's raw steps before its column changes)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T07:44:16:000000"
VERSION = "1.38.0"
DESCRIPTION = "rights cases: legacy statuses, queue indexes"

STATEMENTS = [
    "UPDATE rights_case SET status = 'FILED' WHERE status = 'OPEN'",
    "UPDATE rights_case SET outcome = status, status = 'RESOLVED' "
    "WHERE status IN ('MEDIATED', 'SUBSTANTIATED')",
    "UPDATE rights_case SET mediator_role = 'OPERATOR' WHERE outcome = 'MEDIATED'",
    "UPDATE rights_case SET outcome = 'NOT_SUBSTANTIATED', status = 'RESOLVED' "
    "WHERE status = 'DISMISSED'",
    "CREATE INDEX IF NOT EXISTS rights_case_worker ON rights_case (worker)",
    "CREATE INDEX IF NOT EXISTS rights_case_queue ON rights_case (status, step_due_at)",
    "CREATE INDEX IF NOT EXISTS rights_case_application ON rights_case (application)",
]
# SQLite cannot change a column default; Piccolo writes the default on every insert anyway.
POSTGRES_STATEMENTS = ["ALTER TABLE rights_case ALTER COLUMN status SET DEFAULT 'FILED'"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)
        if engine.engine_type == "postgres":
            for statement in POSTGRES_STATEMENTS:
                await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
