"""One current report version per market and month; an append-only audit log on PostgreSQL."""

# The trigger rejects UPDATE, DELETE and TRUNCATE on audit_log unless the transaction ran
# `SET LOCAL lingong.allow_audit_purge = 'on'`, which only the test clean-up does.

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T12:57:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "current report per market and month; append-only audit log on PostgreSQL"

STATEMENTS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS workload_report_current "
    "ON workload_report (market, period) WHERE is_current = 1",
    "CREATE INDEX IF NOT EXISTS assessment_operator_period ON assessment (operator, period)",
]

POSTGRES_STATEMENTS = [
    """
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
        IF current_setting('lingong.allow_audit_purge', true) = 'on' THEN
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)
        if engine.engine_type == "postgres":
            for statement in POSTGRES_STATEMENTS:
                await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
