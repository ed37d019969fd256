"""Indexes for the hot queries at province scale (issue 15): posting search orders and filters,
recommendations, candidates and workload reconciliation."""

# The public lists and recommendations read open postings only, and say so with a literal
# `status = 'OPEN'` (resolvers/job_posting/filters.public_open): partial indexes of open
# postings then serve every order and filter. They hold a few percent of the table, and
# PostgreSQL costs them right: with a plain (status, starts_at) index it preferred walking
# starts_at from the oldest posting, expecting open ones to be spread evenly (they are the
# newest). Each ends with the id tie-break, so a page is read in order and stops at LIMIT.
# On a large live PostgreSQL database, create these by hand first with CREATE INDEX
# CONCURRENTLY (same names): IF NOT EXISTS then makes this migration a no-op.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T19:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes for the hot queries at province scale"

STATEMENTS = [
    # jobPostings: default order (soonest start), newest published, best paid; occupation
    # filter in start order; `near` bounding box; recommendedJobPostings (soonest start).
    *(
        f"CREATE INDEX IF NOT EXISTS job_posting_open_{name} ON job_posting ({columns}) "
        "WHERE status = 'OPEN'"
        for name, columns in (
            ("starts", "starts_at, id"),
            ("published", "published_at, id"),
            ("wage", "daily_wage_fen, id"),
            ("occupation", "occupation, starts_at, id"),
            ("location", "latitude, longitude"),
        )
    ),
    # Workload reconciliation: a market's postings by publication time, its registrations by
    # time, and each posting's applications by the time they were confirmed or checked in.
    "CREATE INDEX IF NOT EXISTS job_posting_market_published ON job_posting (market, published_at)",
    "CREATE INDEX IF NOT EXISTS worker_registered_created ON worker (registered_market, created_at)",
    "CREATE INDEX IF NOT EXISTS job_application_posting_confirmed "
    "ON job_application (posting, confirmed_at)",
    "CREATE INDEX IF NOT EXISTS job_application_posting_checked_in "
    "ON job_application (posting, checked_in_at)",
    # candidateWorkers: who is booked during the posting's window (shifts not yet over).
    "CREATE INDEX IF NOT EXISTS job_application_booked ON job_application (status, ends_at)",
    # workloadReports: an operator's reports newest month first.
    "CREATE INDEX IF NOT EXISTS workload_report_operator_period "
    "ON workload_report (operator, period, id)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)
        # Fresh statistics so the planner weighs the new indexes (cheap on small databases;
        # on a large one it reads a sample of each table).
        await engine.run_ddl("ANALYZE")

    manager.add_raw(run)
    return manager
