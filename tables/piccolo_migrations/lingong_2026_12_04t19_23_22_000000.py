"""Monitoring cube indexes: a scope reads its periods through one index; a period is built
at most once per grain."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T19:23:22:000000"
VERSION = "1.38.0"
DESCRIPTION = "monitoring cube indexes"

STATEMENTS = [
    *(
        f"CREATE INDEX IF NOT EXISTS {t}_scope ON {t} (grain, market, region, occupation, period)"
        for t in ("statistics_cube", "statistics_cube_active")
    ),
    "CREATE UNIQUE INDEX IF NOT EXISTS statistics_cube_period_key "
    "ON statistics_cube_period (grain, period)",
    "CREATE INDEX IF NOT EXISTS statistics_region_node_region ON statistics_region_node (region)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
