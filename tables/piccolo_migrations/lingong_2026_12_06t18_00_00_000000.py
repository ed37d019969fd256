"""Whether PostgreSQL reads an assessment's stored reconciliation as json.loads does: a column
it computes itself whenever the row is written (PostgreSQL only)."""

# MyAssessments is written by the database (resolvers/assessment/texts.py) only where the
# stored reconciliation (JSON text, services/assessment/runs.py) reads the same in SQL as in
# to_assessment. PostgreSQL 15 cannot test JSON text inside a query without failing the query
# on a bad one, and the one test that cannot fail (a regular expression) cost 0.6 ms a row
# on every read. So the test runs here, once per write: a function that never fails (a bad
# text is caught, false) and a generated column that keeps its answer. Nobody can write the
# column; any write of the row, from any client, recomputes it.
#
# True only where both read the same, and conservatively so (false: the generic executor
# answers, as before): empty (read as {}), or a text of at most 4,000 characters without
# backslashes or control characters (no escapes to decode differently), no number with a
# fraction or exponent (json.loads makes those floats), at most 64 opening brackets (Python's
# recursion), that PostgreSQL parses, whose top is an object; `tolerance_percent` absent or
# an integer within a GraphQL Int; `lines` absent or an array of objects with `indicator` (one
# of the seven names below), `flagged` (a boolean), `reported` and `observed` (null or an
# integer within an Int) and, where both are numbers, their difference within an Int.
# Duplicate keys: jsonb and json.loads both keep the last. An indicator added later makes its
# assessments false until a migration adds it here.
# SQLite: nothing (its text plan tests the text in the query, resolvers/assessment/texts.py).

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "whether PostgreSQL reads a reconciliation as json.loads does"

INDICATORS = (
    "registrations",
    "postings_published",
    "matches_confirmed",
    "workers_onboarded",
    "assisted_workers_placed",
    "trainings_delivered",
    "disputes_mediated",
)
NAMES = ", ".join(f"'{name}'" for name in INDICATORS)

FUNCTION = f"""
CREATE OR REPLACE FUNCTION reconciliation_read_alike(r text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
    doc jsonb;
    line jsonb;
    figure text;
BEGIN
    IF r IS NULL OR r = '' THEN
        RETURN true;
    END IF;
    IF length(r) > 4000 OR strpos(r, chr(92)) > 0 OR r ~ '[[:cntrl:]]' OR r ~ '[0-9][.eE]'
            OR length(r) - length(translate(r, '[' || chr(123), '')) > 64 THEN
        RETURN false;
    END IF;
    BEGIN
        doc := r::jsonb;
    EXCEPTION WHEN others THEN
        RETURN false;
    END;
    IF jsonb_typeof(doc) <> 'object' THEN
        RETURN false;
    END IF;
    IF doc ? 'tolerance_percent' AND NOT (
            jsonb_typeof(doc -> 'tolerance_percent') = 'number'
            AND (doc ->> 'tolerance_percent')::numeric BETWEEN -2147483648 AND 2147483647) THEN
        RETURN false;
    END IF;
    IF doc ? 'lines' AND jsonb_typeof(doc -> 'lines') <> 'array' THEN
        RETURN false;
    END IF;
    FOR line IN SELECT value FROM jsonb_array_elements(COALESCE(doc -> 'lines', '[]')) LOOP
        IF jsonb_typeof(line) <> 'object'
                OR NOT (line ? 'indicator' AND line ? 'flagged'
                        AND line ? 'reported' AND line ? 'observed')
                OR jsonb_typeof(line -> 'indicator') <> 'string'
                OR (line ->> 'indicator') NOT IN ({NAMES})
                OR jsonb_typeof(line -> 'flagged') <> 'boolean' THEN
            RETURN false;
        END IF;
        FOREACH figure IN ARRAY ARRAY['reported', 'observed'] LOOP
            IF jsonb_typeof(line -> figure) NOT IN ('null', 'number')
                    OR (line ->> figure)::numeric NOT BETWEEN -2147483648 AND 2147483647 THEN
                RETURN false;
            END IF;
        END LOOP;
        IF ((line ->> 'reported')::numeric - (line ->> 'observed')::numeric)
                NOT BETWEEN -2147483648 AND 2147483647 THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END
$fn$
"""
COLUMN = (
    "ALTER TABLE assessment ADD COLUMN IF NOT EXISTS reconciliation_read_alike boolean "
    "GENERATED ALWAYS AS (reconciliation_read_alike(reconciliation)) STORED"
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(FUNCTION)
            await engine.run_ddl(COLUMN)

    manager.add_raw(run)
    return manager
