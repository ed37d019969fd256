"""Whether the database reads an assessment's stored reconciliation as json.loads does: a
column it computes itself whenever the row is written."""

# MyAssessments is written by the database (resolvers/assessment/texts.py) only where the
# stored reconciliation (JSON text, services/assessment/runs.py) reads the same in SQL as in
# to_assessment. Tested in the query, that cost every read: PostgreSQL 15 cannot test JSON text
# without failing the query on a bad one, and the one test that cannot fail (a regular
# expression) took 0.6 ms a row; SQLite's test was a quarter of the page's time (6.9 → 5.1 ms
# CPU a request without it). So the test runs here, once per write, and a column keeps its
# answer; any write of the row, from any client, recomputes it.
#
# PostgreSQL: a function that never fails (a bad text is caught: false) and a generated
# column, which nobody can write.
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
#
# SQLite: a column that triggers set after every insert and update of the row (a write of the
# column itself is undone by the same trigger; a trigger's own update changes nothing, so it
# stops there even with recursive triggers on). True only for minified RFC 8259 JSON (json()
# leaves it as it is) in printable ASCII without backslashes, at most 4,000 characters and 64
# opening brackets, each object's keys once (SQLite reads the first, json.loads the last),
# and the same types and bounds as above.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "whether the database reads a reconciliation as json.loads does"

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

INT = "BETWEEN -2147483648 AND 2147483647"


def _sqlite_figure(key: str) -> str:
    kind = f"json_type(e.value, '$.{key}')"
    return f"({kind} = 'null' OR ({kind} = 'integer' AND json_extract(e.value, '$.{key}') {INT}))"


# The test of one text `z.r` (the stored text, or {} for an empty one), frozen here: a later
# change to what the text plan reads needs a migration that replaces the triggers.
SQLITE_LINE = (
    "e.type = 'object' "
    "AND (SELECT count(*) = count(DISTINCT k.key) FROM json_each(e.value) k) "
    "AND json_type(e.value, '$.indicator') = 'text' "
    f"AND json_extract(e.value, '$.indicator') IN ({NAMES}) "
    "AND json_type(e.value, '$.flagged') IN ('true', 'false') "
    f"AND {_sqlite_figure('reported')} AND {_sqlite_figure('observed')} "
    "AND (json_extract(e.value, '$.reported') IS NULL "
    "OR json_extract(e.value, '$.observed') IS NULL "
    f"OR json_extract(e.value, '$.reported') - json_extract(e.value, '$.observed') {INT})"
)
SQLITE_TEXT = (
    "CASE WHEN json_valid(z.r) THEN "
    "json(z.r) = z.r AND z.r NOT GLOB '*[^ -~]*' AND instr(z.r, char(92)) = 0 "
    "AND length(z.r) <= 4000 "
    "AND length(z.r) - length(replace(replace(z.r, '[', ''), char(123), '')) <= 64 "
    "AND json_type(z.r) = 'object' "
    "AND (SELECT count(*) = count(DISTINCT k.key) FROM json_each(z.r) k) "
    "AND COALESCE(json_type(z.r, '$.lines'), 'array') = 'array' "
    "AND (json_type(z.r, '$.tolerance_percent') IS NULL "
    "OR (json_type(z.r, '$.tolerance_percent') = 'integer' "
    f"AND json_extract(z.r, '$.tolerance_percent') {INT})) "
    "AND NOT EXISTS (SELECT 1 FROM json_each(z.r, '$.lines') e "
    f"WHERE NOT COALESCE(({SQLITE_LINE}), 0)) "
    "ELSE 0 END"
)


def sqlite_read_alike(row: str) -> str:
    """The test of `row`.reconciliation (NEW in a trigger, assessment in the fill): 1 or 0."""
    stored = f"{row}.reconciliation"
    text = f"CASE WHEN {stored} IS NULL OR {stored} = '' THEN '{{}}' ELSE {stored} END"
    return f"(SELECT COALESCE(({SQLITE_TEXT}), 0) FROM (SELECT {text} AS r) z)"


SQLITE_SET = (
    "UPDATE assessment SET reconciliation_read_alike = {test} "
    "WHERE id = NEW.id AND reconciliation_read_alike IS NOT {test};"
)
SQLITE = [
    "ALTER TABLE assessment ADD COLUMN reconciliation_read_alike INTEGER NOT NULL DEFAULT 0",
    "CREATE TRIGGER IF NOT EXISTS assessment_read_alike_insert AFTER INSERT ON assessment "
    f"BEGIN {SQLITE_SET.format(test=sqlite_read_alike('NEW'))} END",
    "CREATE TRIGGER IF NOT EXISTS assessment_read_alike_update AFTER UPDATE ON assessment "
    f"BEGIN {SQLITE_SET.format(test=sqlite_read_alike('NEW'))} END",
    f"UPDATE assessment SET reconciliation_read_alike = {sqlite_read_alike('assessment')}",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(FUNCTION)
            await engine.run_ddl(COLUMN)
        else:
            for statement in SQLITE:
                await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
