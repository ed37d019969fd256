"""Piccolo app holding every table of the platform and its migrations."""

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="lingong",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(
        modules=[
            "tables.region",
            "tables.occupation",
            "tables.operator",
            "tables.market",
            "tables.certification",
            "tables.auth",
            "tables.account",
            "tables.worker",
            "tables.employer",
            "tables.job_posting",
            "tables.training",
            "tables.subsidy",
            "tables.assistance",
            "tables.policy",
            "tables.rights_case",
            "tables.assessment",
            "tables.audit",
            "tables.statistics",
        ],
        exclude_imported=True,
    ),
    migration_dependencies=["piccolo.apps.user.piccolo_app"],
    commands=[],
)
