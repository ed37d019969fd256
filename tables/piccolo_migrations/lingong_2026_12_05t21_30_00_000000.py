"""Posting search through indexes (PostgreSQL): trigram indexes of open postings' title,
description and address for texts of three characters or more, an index of their one- and
two-character substrings for shorter texts, and an index of their work windows (workDate)."""

# The public search is a literal, case-insensitive substring (ILIKE '%…%' on each column): a
# B-tree cannot serve it, so a rare word read every open posting (~122,000 at province scale).
# - Three characters or more: pg_trgm's GIN indexes serve the ILIKE itself (its trigrams, then
#   a recheck), Chinese included. The planner estimates the ILIKE from the column statistics,
#   so it still walks the soonest-start index for a frequent word and the trigrams for a rare one.
# - One or two characters give no trigram ('%急招%' and the common two-character Chinese words).
#   search_grams(text) is every one- and two-character substring of lower(text); the search
#   (resolvers/filters.text_search) adds "the row's grams hold lower(text)" before its ILIKE,
#   which the GIN index answers, and ILIKE still decides. PostgreSQL's ILIKE compares
#   lower(value) with lower(pattern) in a UTF-8 database, and lower() maps one character to one,
#   so a match's lower(text) is one of the row's grams: the results are unchanged.
# All partial to OPEN postings, like the other indexes of the public list (16 times smaller).
# SQLite keeps its plain LIKE (a walk of the open postings' index).
# workDate (the window overlaps the day: starts_at < end of day AND ends_at > start of day):
# two bounds on two columns, so a B-tree reads every open posting that starts before the day's
# end (and the count, planned after an ANALYZE, all open postings: 60 ms at province scale).
# A GiST index of the window as a range answers the overlap itself; the search adds
# "window && the day" (resolvers/job_posting/filters.py), implied by the two bounds for any
# row, even one whose ends_at is not after its starts_at (hence LEAST/GREATEST and closed
# bounds: tstzrange refuses a lower bound above the upper one).
# Frozen here on purpose: the grams and window expressions must stay the one resolvers/job_posting/
# filters.py writes, or the planner stops using the index (tests/test_query_plans.py checks).
# On a large live database create the indexes by hand first with CREATE INDEX CONCURRENTLY
# (same names, after the extension and the function): IF NOT EXISTS then makes this a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T21:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes for posting search by text and by work date (PostgreSQL)"

GRAMS = "search_grams(title || ' ' || description || ' ' || address)"

POSTGRES_STATEMENTS = [
    # A trusted extension: the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # A loop over substr is about three times faster than generate_series with array_agg;
    # repeats are kept (GIN stores each key once, and `@>` ignores them). PARALLEL RESTRICTED:
    # with it in a query's conditions PostgreSQL plans no parallel workers, which it otherwise
    # chose for the capped count of a frequent word (its cost model charges the heap pages of
    # scattered rows, while open postings sit together), 2-3 times slower than one process
    # here; COST (as plpgsql's default) puts it after the ILIKEs where a plan filters rows.
    "CREATE OR REPLACE FUNCTION search_grams(value text) RETURNS text[] "
    "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED COST 100 AS $$ "
    "DECLARE folded text := lower(value); grams text[] := '{}'; BEGIN "
    "FOR i IN 1 .. char_length(folded) LOOP "
    "grams := grams || substr(folded, i, 1) || substr(folded, i, 2); END LOOP; "
    "RETURN grams; END $$",
    f"CREATE INDEX IF NOT EXISTS job_posting_open_grams ON job_posting USING gin ({GRAMS}) "
    "WHERE status = 'OPEN'",
    # The expression's statistics (how common each gram is): PostgreSQL ignores those of a
    # partial index, and without them it took every word for a rare one.
    f"CREATE STATISTICS IF NOT EXISTS job_posting_grams ON ({GRAMS}) FROM job_posting",
    *(
        f"CREATE INDEX IF NOT EXISTS job_posting_open_{column}_trgm ON job_posting "
        f"USING gin ({column} gin_trgm_ops) WHERE status = 'OPEN'"
        for column in ("title", "description", "address")
    ),
    "CREATE INDEX IF NOT EXISTS job_posting_open_window ON job_posting USING gist "
    "(tstzrange(LEAST(starts_at, ends_at), GREATEST(starts_at, ends_at), '[]')) "
    "WHERE status = 'OPEN'",
    "ANALYZE job_posting",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type != "postgres":
            return
        for statement in POSTGRES_STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
