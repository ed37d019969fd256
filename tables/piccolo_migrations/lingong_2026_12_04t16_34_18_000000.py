"""Monitoring rollups: indexes, and triggers recording the days each write changes."""

# Every insert, update or delete of a worker, a worker's occupation, a posting or an
# application appends the Asia/Shanghai days whose figures it may change to statistics_change
# (an append-only log: concurrent writers never wait on one another's row). Triggers rather
# than service code, so the admin's generic editing, scripts and seeds are caught too.
# Frozen here on purpose: a migration must keep doing what it did when it was written.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T16:34:18:000000"
VERSION = "1.38.0"
DESCRIPTION = "monitoring rollups: indexes and change-marking triggers"

INDEXES = [
    # Each scope column leads an index of its own so that a market's, a county's or an
    # occupation's year reads its rows only; the province reads them all.
    *(
        f"CREATE INDEX IF NOT EXISTS {t}_{c} ON {t} ({columns})"
        for t in ("statistics_daily", "statistics_activity")
        for c, columns in (
            ("day", "day"),
            ("market", "market, day"),
            ("region", "region, day"),
            ("occupation", "occupation, day"),
        )
    ),
    "CREATE INDEX IF NOT EXISTS worker_created_at ON worker (created_at)",
    "CREATE INDEX IF NOT EXISTS job_posting_published_at ON job_posting (published_at)",
    "CREATE INDEX IF NOT EXISTS job_application_applied_at ON job_application (applied_at)",
    "CREATE INDEX IF NOT EXISTS job_application_confirmed_at ON job_application (confirmed_at)",
    "CREATE INDEX IF NOT EXISTS job_application_checked_in_at ON job_application (checked_in_at)",
    "CREATE INDEX IF NOT EXISTS job_application_completed_at ON job_application (completed_at)",
]

APPLICATION_TIMES = ("applied_at", "confirmed_at", "checked_in_at", "completed_at")

# table: (timestamps of a row whose day is marked, columns whose change matters)
MARKED = {
    "worker": (("{r}.created_at",), ("created_at", "registered_market", "home_region")),
    "worker_occupation": (
        ("(SELECT w.created_at FROM worker w WHERE w.id = {r}.worker)",),
        ("worker", "occupation"),
    ),
    "job_posting": (
        ("{r}.published_at",),
        ("published_at", "headcount", "daily_wage_fen", "market", "region", "occupation"),
    ),
    "job_application": (
        tuple(f"{{r}}.{c}" for c in APPLICATION_TIMES),
        (*APPLICATION_TIMES, "status", "posting", "worker"),
    ),
}
# A posting moved to another market, region or occupation moves its applications too.
POSTING_SCOPE = ("market", "region", "occupation")


def _day(expression: str, postgres: bool) -> str:
    if postgres:
        return f"(({expression}) AT TIME ZONE 'Asia/Shanghai')::date"
    return f"date(substr({expression}, 1, 19), '+8 hours')"


def _mark(times, row: str, postgres: bool) -> str:
    days = " UNION ".join(f"SELECT {_day(t.format(r=row), postgres)} AS d" for t in times)
    return f"INSERT INTO statistics_change (day) SELECT d FROM ({days}) v WHERE d IS NOT NULL;"


def _mark_applications(postgres: bool) -> str:
    days = " UNION ".join(
        f"SELECT {_day('a.' + c, postgres)} AS d FROM job_application a WHERE a.posting = NEW.id"
        for c in APPLICATION_TIMES
    )
    return f"INSERT INTO statistics_change (day) SELECT d FROM ({days}) v WHERE d IS NOT NULL;"


def _changed(columns, postgres: bool) -> str:
    differ = "IS DISTINCT FROM" if postgres else "IS NOT"
    out = [f"OLD.{c} {differ} NEW.{c}" for c in columns]
    return " OR ".join(out)


def _changed_for(table: str, postgres: bool) -> str:
    columns = MARKED[table][1]
    differ = "IS DISTINCT FROM" if postgres else "IS NOT"
    sql = _changed(columns, postgres)
    if table == "job_posting":  # only taking a posting down (or back up) changes the figures
        sql += f" OR (OLD.status = 'REMOVED') {differ} (NEW.status = 'REMOVED')"
    return sql


def sqlite_statements() -> list[str]:
    out = []
    for table, (times, _) in MARKED.items():
        name = f"statistics_mark_{table}"
        if table == "job_posting":
            scope = _changed(POSTING_SCOPE, False)
            out.append(f"DROP TRIGGER IF EXISTS {name}_scope")
            out.append(
                f"CREATE TRIGGER {name}_scope AFTER UPDATE ON {table} WHEN {scope} "
                f"BEGIN {_mark_applications(False)} END"
            )
        for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
            when = f" WHEN {_changed_for(table, False)}" if event == "UPDATE" else ""
            body = " ".join(_mark(times, r, False) for r in rows)
            out.append(f"DROP TRIGGER IF EXISTS {name}_{event.lower()}")
            out.append(
                f"CREATE TRIGGER {name}_{event.lower()} AFTER {event} ON {table}{when} "
                f"BEGIN {body} END"
            )
    return out


def postgres_statements() -> list[str]:
    out = []
    for table, (times, _) in MARKED.items():
        name = f"statistics_mark_{table}"
        extra = ""
        if table == "job_posting":
            extra = (
                f"IF TG_OP = 'UPDATE' AND ({_changed(POSTING_SCOPE, True)}) THEN "
                f"{_mark_applications(True)} END IF;"
            )
        out.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {_mark(times, 'OLD', True)} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {_mark(times, 'NEW', True)} END IF; "
            f"{extra} RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        out.append(
            f"CREATE TRIGGER {name} AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
        out.append(f"DROP TRIGGER IF EXISTS {name}_update ON {table}")
        out.append(
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({_changed_for(table, True)}) EXECUTE FUNCTION {name}()"
        )
    return out


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        postgres = engine.engine_type == "postgres"
        for statement in INDEXES:
            await engine.run_ddl(statement)
        for statement in postgres_statements() if postgres else sqlite_statements():
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
