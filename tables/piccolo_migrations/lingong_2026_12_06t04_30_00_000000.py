"""Posting search by text on SQLite through an index of the open postings' one- and
two-character substrings (FTS5), kept by triggers."""

# The public search is a literal substring (LIKE '%…%' on title, description and address).
# PostgreSQL answers it from GIN indexes (migration 2026-12-05T21:30); SQLite read every open
# posting: at province scale (122,000 open postings) a word in no posting took 228 ms (the
# page walked them all, then the count), a county's name 68 ms, a frequent word 28-60 ms.
# - job_posting_grams holds, for each OPEN posting (rowid = the posting's id), every one- and
#   two-character substring of `title || ' ' || description || ' ' || address`, separated by
#   spaces. FTS5 keeps only which rows hold each gram (contentless, detail=none): 5 MB at
#   province scale, built in 2.4 s. The tokenizer folds case and splits on what is not a
#   letter or digit: a gram of two letters or digits is one token.
# - The search (resolvers/filters.text_search) adds "the posting's grams hold the text's":
#   every two-character gram of the text made of ASCII letters and digits or CJK ideographs
#   (characters every SQLite's tokenizer keeps whole). A posting holding the text holds those
#   grams, so the rows it allows include every match; the LIKE still decides: the results are
#   unchanged (tests/job_posting/queries/test_job_postings_search.py compares).
# - Triggers keep it: pure SQL, so an edit from any connection (the sqlite3 shell included)
#   keeps it true. search_position numbers the characters; a text longer than it is marked
#   `overlong`, and every search also takes the marked rows (the LIKE decides for them).
# PostgreSQL: nothing (its GIN indexes answer).

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T04:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "an index of open postings' substrings for text search (SQLite)"

POSITIONS = 4096  # the longest text a posting may have is 2,302 characters (services rules)
OVERLONG = "overlong"  # a token no gram can be (grams are at most two characters)


def grams(row: str) -> str:
    """The grams of a row (`NEW` or `OLD` in a trigger, `job_posting` in the fill), as SQL:
    a scalar subquery, so that it is one value even for an empty text. Frozen here on purpose:
    a trigger must delete exactly the grams it inserted."""
    text = (
        f"coalesce({row}.title, '') || ' ' || coalesce({row}.description, '') || ' ' "
        f"|| coalesce({row}.address, '')"
    )
    return (
        "(SELECT coalesce(group_concat(substr(v, n, 1) || ' ' || substr(v, n, 2), ' '), '')"
        f" || CASE WHEN length(v) > {POSITIONS} THEN ' {OVERLONG}' ELSE '' END"
        f" FROM (SELECT {text} AS v), search_position WHERE n <= length(v))"
    )


ADD = "INSERT INTO job_posting_grams(rowid, grams) SELECT {row}.id, {grams} WHERE {row}.status = 'OPEN';"
DROP = (
    "INSERT INTO job_posting_grams(job_posting_grams, rowid, grams) "
    "SELECT 'delete', {row}.id, {grams} WHERE {row}.status = 'OPEN';"
)

SQLITE = [
    "CREATE TABLE IF NOT EXISTS search_position (n INTEGER PRIMARY KEY)",
    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < "
    f"{POSITIONS}) INSERT OR IGNORE INTO search_position SELECT n FROM s",
    "CREATE VIRTUAL TABLE IF NOT EXISTS job_posting_grams USING fts5(grams, content='', "
    "detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS job_posting_grams_insert AFTER INSERT ON job_posting "
    f"WHEN NEW.status = 'OPEN' BEGIN {ADD.format(row='NEW', grams=grams('NEW'))} END",
    "CREATE TRIGGER IF NOT EXISTS job_posting_grams_delete AFTER DELETE ON job_posting "
    f"WHEN OLD.status = 'OPEN' BEGIN {DROP.format(row='OLD', grams=grams('OLD'))} END",
    # One trigger for both halves of an update, so the old grams go before the new come.
    "CREATE TRIGGER IF NOT EXISTS job_posting_grams_update "
    "AFTER UPDATE OF id, status, title, description, address ON job_posting "
    "WHEN OLD.status = 'OPEN' OR NEW.status = 'OPEN' BEGIN "
    f"{DROP.format(row='OLD', grams=grams('OLD'))} {ADD.format(row='NEW', grams=grams('NEW'))} END",
    # Filled from scratch, so that running this again leaves it exact.
    "INSERT INTO job_posting_grams(job_posting_grams) VALUES ('delete-all')",
    "INSERT INTO job_posting_grams(rowid, grams) "
    f"SELECT id, {grams('job_posting')} FROM job_posting WHERE status = 'OPEN'",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            return
        options = await engine.run_ddl("PRAGMA compile_options")
        if not any(row.get("compile_options") == "ENABLE_FTS5" for row in options):
            raise RuntimeError(
                "this Python's SQLite has no FTS5 (posting search needs it): use a Python "
                "built with a standard SQLite (python.org, Debian, Homebrew all have it)"
            )
        for statement in SQLITE:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
