"""Indexes for the workload reconciliation's observed figures: each posting's applications read
once from an index alone, and (PostgreSQL) a market's posting ids from an index alone."""

# services/assessment/observed.py reads the applications of every posting of the page's markets
# that were confirmed or checked in during the period, once per posting (it read them twice
# through job_application_posting_confirmed and _checked_in, and the postings twice from the
# heap). At province scale an operator's page reads ~10,600 postings of 8 markets.
# - job_application_posting_moments: the posting, then what the figures need (both moments,
#   the status, the worker). PostgreSQL: the posting is the only key, the rest INCLUDEd, an
#   index-only scan after a VACUUM. SQLite has no INCLUDE: they are keys.
# - job_posting_market_id (PostgreSQL only): a market's posting ids without the heap (the
#   bitmap heap scan of job_posting_market took ~70 ms of each figure). SQLite's
#   job_posting_market already holds the id (the rowid).
# On a large live PostgreSQL database create them by hand first with CREATE INDEX CONCURRENTLY
# (same names): IF NOT EXISTS then makes this migration a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T02:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes for the workload reconciliation's observed figures"

POSTGRES = (
    "CREATE INDEX IF NOT EXISTS job_application_posting_moments ON job_application (posting) "
    "INCLUDE (confirmed_at, checked_in_at, status, worker)",
    "CREATE INDEX IF NOT EXISTS job_posting_market_id ON job_posting (market, id)",
)
SQLITE = (
    "CREATE INDEX IF NOT EXISTS job_application_posting_moments ON job_application "
    "(posting, confirmed_at, checked_in_at, status, worker)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        postgres = engine.engine_type == "postgres"
        for statement in POSTGRES if postgres else SQLITE:
            await engine.run_ddl(statement)
        if postgres:
            await engine.run_ddl("ANALYZE job_application")
            await engine.run_ddl("ANALYZE job_posting")
        else:
            await engine.run_ddl("ANALYZE job_application_posting_moments")

    manager.add_raw(run)
    return manager
