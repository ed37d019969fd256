from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T09:37:18:139006"
VERSION = "1.38.0"
DESCRIPTION = "True"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="lingong", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="StaffScope",
        tablename="staff_scope",
        column_name="approver",
        db_column_name="approver",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    # rights_case.status's default OPEN → FILED is left out on purpose: see
    # lingong_2026_12_03t09_12_56_243484.

    return manager
