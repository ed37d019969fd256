"""Composite unique indexes for hiring, assessment and certification (raw SQL: SQLite lacks ADD CONSTRAINT)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T12:44:26:000000"
VERSION = "1.38.0"
DESCRIPTION = "composite unique indexes (hiring, assessment, certification)"

STATEMENTS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS worker_occupation_pair ON worker_occupation (worker, occupation)",
    "CREATE UNIQUE INDEX IF NOT EXISTS job_application_pair ON job_application (posting, worker)",
    "CREATE INDEX IF NOT EXISTS job_application_worker_window ON job_application (worker, status, starts_at)",
    "CREATE UNIQUE INDEX IF NOT EXISTS workload_report_key ON workload_report (operator, idempotency_key)",
    "CREATE UNIQUE INDEX IF NOT EXISTS workload_report_version ON workload_report (market, period, version)",
    "CREATE UNIQUE INDEX IF NOT EXISTS assessment_market_period ON assessment (market, period)",
    "CREATE UNIQUE INDEX IF NOT EXISTS assessment_indicator_pair ON assessment_indicator (scheme, indicator)",
    "CREATE UNIQUE INDEX IF NOT EXISTS contract_budget_usage_year ON contract_budget_usage (contract, year)",
    # One live application per market and year; rejected or revoked ones may be followed by another.
    "CREATE UNIQUE INDEX IF NOT EXISTS certification_application_year ON certification_application (market, year) "
    "WHERE status NOT IN ('REJECTED', 'REVOKED')",
    "CREATE UNIQUE INDEX IF NOT EXISTS certification_score_pair ON certification_score (application, criterion)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
