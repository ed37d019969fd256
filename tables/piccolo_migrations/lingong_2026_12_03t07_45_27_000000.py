"""Training indexes (raw SQL: SQLite lacks ADD CONSTRAINT): one enrolment per worker and course,
the waitlist in queue order, one attendance mark per enrolment and session, unique
certificate numbers and session order."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T07:45:27:000000"
VERSION = "1.38.0"
DESCRIPTION = "training indexes"

STATEMENTS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS training_enrolment_pair ON training_enrolment (course, worker)",
    "CREATE INDEX IF NOT EXISTS training_enrolment_queue ON training_enrolment (course, status, queue_no)",
    "CREATE UNIQUE INDEX IF NOT EXISTS training_attendance_pair ON training_attendance (enrolment, session)",
    "CREATE UNIQUE INDEX IF NOT EXISTS training_enrolment_certificate ON training_enrolment (certificate_no) "
    "WHERE certificate_no IS NOT NULL",
    "CREATE UNIQUE INDEX IF NOT EXISTS training_session_order ON training_session (course, seq)",
    "CREATE INDEX IF NOT EXISTS training_session_window ON training_session (starts_at, ends_at)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
