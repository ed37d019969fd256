"""The expiry sweep's index, partial to postings not yet closed: public searches no longer use it."""

# job_posting_expiring (migration 2026-12-06T01:00) was partial to `status IN ('DRAFT', 'HELD',
# 'OPEN')`, which PostgreSQL proves from the public lists' `status = 'OPEN'`: on a small
# database it then answered `ends_at > now` for the posting search through it (a sort instead of
# the open postings' start order, and workDate without its window index). Adding
# `closed_at IS NULL`, which no public query says, keeps it to the sweep. It holds the same rows:
# closed_at is set when a posting leaves for CLOSED, EXPIRED or REMOVED and never cleared
# (services/job_posting, services/rights_case/moderation.py; the admin cannot change it).
# On a large live PostgreSQL database create the new index by hand first with CREATE INDEX
# CONCURRENTLY (same name) and drop the old one: IF (NOT) EXISTS then makes this a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T01:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the expiry sweep's index partial to postings not yet closed"

STATEMENTS = [
    "DROP INDEX IF EXISTS job_posting_expiring",
    "CREATE INDEX IF NOT EXISTS job_posting_unclosed_ends ON job_posting (ends_at) "
    "WHERE status IN ('DRAFT', 'HELD', 'OPEN') AND closed_at IS NULL",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
