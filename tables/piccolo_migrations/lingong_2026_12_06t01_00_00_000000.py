"""An index for the expiry sweep: the postings that can expire (draft, held, open), by the end of
their window."""

# The sweep (services/job_posting/expiry.py) asks every minute for the first 500 postings of
# these statuses whose window has ended, in end order. Without this index PostgreSQL walked the
# whole starts_at index from the oldest posting at province scale (2.8 s, 1.86 million rows
# read for 500: it expected ended open postings to be spread evenly over the past); through it
# a batch is read in 5 ms and a sweep with nothing to do in 0.01 ms. Partial, so it holds about
# 6 % of the postings (880 kB at province scale); the sweep writes the same IN list as a
# literal, which SQLite needs to match a partial index (and a generic PostgreSQL plan).
# On a large live PostgreSQL database create it by hand first with CREATE INDEX CONCURRENTLY
# (same name): IF NOT EXISTS then makes this migration a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T01:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "an index of the postings that can expire, by window end"

STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS job_posting_expiring ON job_posting (ends_at) "
    "WHERE status IN ('DRAFT', 'HELD', 'OPEN')",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
