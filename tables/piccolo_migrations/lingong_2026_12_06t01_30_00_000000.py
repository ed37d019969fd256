"""An index of open postings by region for posting search's count (and page) by city or
county, covering what the count reads."""

# A city's search counts at most 10,001 matching open postings (resolvers/pagination
# .CappedCount). Without this index both engines read the open postings through the status
# index and tested each one's region: PostgreSQL 41.6 ms of the city search's 50 ms at
# province scale (122,000 open postings, 17,000 of them in Hangzhou), SQLite 35-53 ms. Through
# it the count reads the city's index entries alone, without the table: 2-3 ms on both.
# - PostgreSQL: the region is the only key; ends_at, public_welfare and id are INCLUDEd so that
#   the count is an index-only scan (after a VACUUM, which autovacuum does on a live server),
#   and the unfiltered count reads this index too. ends_at is not a key on purpose: with it
#   the planner counted "ends_at > now" as selective (7 % of the table, while it holds for
#   nearly every open posting) and chose the index for a frequent word's count, then tested
#   the text on every open posting (resolvers/job_posting/filters.public_open says more).
# - SQLite has no INCLUDE: the three columns are keys (the id is the rowid). public_open writes
#   "+ends_at" there, so SQLite does not skip-scan the regions for the other searches.
# Partial to OPEN postings like the other indexes of the public list (6 % of the table; 4.8 MB
# on PostgreSQL at province scale, built in about a second).
# On a large live PostgreSQL database create it by hand first with CREATE INDEX CONCURRENTLY
# (same name): IF NOT EXISTS then makes this migration a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T01:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "an index of open postings by region, covering the search's count"

POSTGRES = (
    "CREATE INDEX IF NOT EXISTS job_posting_open_region ON job_posting (region) "
    "INCLUDE (ends_at, public_welfare, id) WHERE status = 'OPEN'"
)
SQLITE = (
    "CREATE INDEX IF NOT EXISTS job_posting_open_region ON job_posting "
    "(region, ends_at, public_welfare) WHERE status = 'OPEN'"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(POSTGRES)
            await engine.run_ddl("ANALYZE job_posting")
        else:
            await engine.run_ddl(SQLITE)
            await engine.run_ddl("ANALYZE job_posting_open_region")

    manager.add_raw(run)
    return manager
