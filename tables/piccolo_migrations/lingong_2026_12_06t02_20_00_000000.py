"""The ids of prioritised workers, for the workload reconciliation's assisted check-ins."""

# services/assessment/observed.py counts a check-in as assisted when its worker is prioritised
# (（十）): one lookup per check-in of the page's markets and months (3,334 for an operator's
# first page at province scale). Through the primary key each lookup read the worker's row
# (22-75 ms in all); this index holds only the prioritised workers' ids (a tenth of them), so a
# lookup is an index-only probe of a small index (5-8 ms in all). PostgreSQL only: SQLite reads
# the row by rowid.
# On a large live PostgreSQL database create it by hand first with CREATE INDEX CONCURRENTLY
# (same name): IF NOT EXISTS then makes this migration a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T02:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the ids of prioritised workers"

POSTGRES = "CREATE INDEX IF NOT EXISTS worker_prioritised_id ON worker (id) WHERE prioritised"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(POSTGRES)
            await engine.run_ddl("ANALYZE worker")

    manager.add_raw(run)
    return manager
