"""Posting moderation: review items (held at publishing, reported, taken down); postings gain
the HELD and REMOVED statuses (choices only, no column change).

The auto-migrator also proposes rights_case.status DEFAULT 'OPEN' → 'FILED': SQLite cannot
alter a default (ALTER … SET DEFAULT is a syntax error there), so that step is left out; the
raw migration 2026-12-03T07:44:16 sets it on PostgreSQL, and Piccolo writes the default on
every insert. Drop the same proposal from later auto-generated migrations."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.choices import Choice
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class JobPosting(Table, tablename="job_posting", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


class Worker(Table, tablename="worker", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-03T08:09:32:777466"
VERSION = "1.38.0"
DESCRIPTION = "posting moderation: reviews; HELD and REMOVED postings"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="lingong", description=DESCRIPTION
    )

    manager.add_table(
        class_name="PostingReview",
        tablename="posting_review",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="posting",
        db_column_name="posting",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": JobPosting,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="source",
        db_column_name="source",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "ReviewSource",
                {
                    "SCREENING": Choice(
                        value="SCREENING", display_name="发布筛查"
                    ),
                    "REPORT": Choice(value="REPORT", display_name="零工举报"),
                    "STAFF": Choice(value="STAFF", display_name="工作人员下架"),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="reason",
        db_column_name="reason",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 16,
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
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="matched_terms",
        db_column_name="matched_terms",
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
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="note",
        db_column_name="note",
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
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="reported_by",
        db_column_name="reported_by",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Worker,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
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

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="status",
        db_column_name="status",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "OPEN",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "ReviewStatus",
                {
                    "OPEN": Choice(value="OPEN", display_name="待审核"),
                    "UPHELD": Choice(
                        value="UPHELD", display_name="成立（已下架）"
                    ),
                    "DISMISSED": Choice(value="DISMISSED", display_name="不成立"),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="decided_by",
        db_column_name="decided_by",
        column_class_name="Integer",
        column_class=Integer,
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

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="decided_at",
        db_column_name="decided_at",
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

    manager.add_column(
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="decision_note",
        db_column_name="decision_note",
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
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="created_at",
        db_column_name="created_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
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
        table_class_name="PostingReview",
        tablename="posting_review",
        column_name="version",
        db_column_name="version",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 0,
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

    manager.alter_column(
        table_class_name="JobPosting",
        tablename="job_posting",
        column_name="status",
        db_column_name="status",
        params={
            "choices": Enum(
                "PostingStatus",
                {
                    "DRAFT": Choice(value="DRAFT", display_name="草稿"),
                    "OPEN": Choice(value="OPEN", display_name="招聘中"),
                    "FILLED": Choice(value="FILLED", display_name="已招满"),
                    "CLOSED": Choice(value="CLOSED", display_name="已关闭"),
                    "EXPIRED": Choice(value="EXPIRED", display_name="已过期"),
                    "HELD": Choice(value="HELD", display_name="待审核"),
                    "REMOVED": Choice(value="REMOVED", display_name="已下架"),
                },
            )
        },
        old_params={
            "choices": Enum(
                "PostingStatus",
                {
                    "DRAFT": Choice(value="DRAFT", display_name="草稿"),
                    "OPEN": Choice(value="OPEN", display_name="招聘中"),
                    "FILLED": Choice(value="FILLED", display_name="已招满"),
                    "CLOSED": Choice(value="CLOSED", display_name="已关闭"),
                    "EXPIRED": Choice(value="EXPIRED", display_name="已过期"),
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )


    return manager
