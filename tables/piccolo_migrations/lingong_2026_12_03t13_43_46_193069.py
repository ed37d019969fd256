from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T13:43:46:193069"
VERSION = "1.38.0"
DESCRIPTION = "job applications: the employer's change to a confirmed shift"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lingong", description=DESCRIPTION)

    manager.add_column(
        table_class_name="JobApplication",
        tablename="job_application",
        column_name="posting_change",
        db_column_name="posting_change",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
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

    manager.add_column(
        table_class_name="JobApplication",
        tablename="job_application",
        column_name="posting_changed_at",
        db_column_name="posting_changed_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
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
