"""A worker's enrolments by status (SQLite): the index the planner takes without statistics."""

# "Has this worker completed a course?" and "this worker's completed enrolments"
# (services/subsidy/qualifying.py, for policy push) filter training_enrolment by worker and
# status. SQLite has no statistics unless ANALYZE ran, and then chooses between the two
# one-column indexes blindly: it took training_enrolment_status, walking every completed
# enrolment (0.75 ms a lookup on the bench data, 2,000 completed of 10,000) instead of the
# worker's few (0.008 ms through training_enrolment_worker). An index on both columns matches
# both conditions, so it is the one chosen. PostgreSQL keeps statistics (autovacuum's ANALYZE)
# and takes training_enrolment_worker already: no index there.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a worker's enrolments by status (SQLite)"

SQLITE = (
    "CREATE INDEX IF NOT EXISTS training_enrolment_worker_status "
    "ON training_enrolment (worker, status)"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "sqlite":
            await engine.run_ddl(SQLITE)

    manager.add_raw(run)
    return manager
