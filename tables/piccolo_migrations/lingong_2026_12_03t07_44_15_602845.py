"""Rights cases end to end (routing, deadlines, steps, outcome, money) and wage settlement per
shift; the legacy statuses are mapped in the next (raw SQL) migration."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.choices import Choice
from piccolo.columns.column_types import BigInt
from piccolo.columns.column_types import DoublePrecision
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class JobApplication(Table, tablename="job_application", schema=None):
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


class RightsCase(Table, tablename="rights_case", schema=None):
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


ID = "2026-12-03T07:44:15:602845"
VERSION = "1.38.0"
DESCRIPTION = "rights cases: routing, steps, outcome; wage settlement"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="lingong", description=DESCRIPTION
    )

    manager.add_table(
        class_name="RightsCaseStep",
        tablename="rights_case_step",
        schema=None,
        columns=None,
    )

    manager.add_table(
        class_name="WageSettlement",
        tablename="wage_settlement",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="rights_case",
        db_column_name="rights_case",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": RightsCase,
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
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="action",
        db_column_name="action",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 12,
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
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="status",
        db_column_name="status",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 14,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "RightsCaseStatus",
                {
                    "FILED": Choice(value="FILED", display_name="已登记"),
                    "ACCEPTED": Choice(value="ACCEPTED", display_name="已受理"),
                    "MEDIATING": Choice(value="MEDIATING", display_name="调解中"),
                    "RESOLVED": Choice(value="RESOLVED", display_name="已办结"),
                    "REFERRED": Choice(value="REFERRED", display_name="已移送"),
                    "CLOSED": Choice(value="CLOSED", display_name="已关闭"),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="department",
        db_column_name="department",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "Department",
                {
                    "LABOUR_INSPECTION": Choice(
                        value="LABOUR_INSPECTION", display_name="劳动保障监察"
                    ),
                    "PUBLIC_SECURITY": Choice(
                        value="PUBLIC_SECURITY", display_name="公安"
                    ),
                    "MARKET_REGULATION": Choice(
                        value="MARKET_REGULATION", display_name="市场监管"
                    ),
                    "MARKET_OPERATOR": Choice(
                        value="MARKET_OPERATOR",
                        display_name="市场运营机构（调解）",
                    ),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="actor_role",
        db_column_name="actor_role",
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
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="actor_id",
        db_column_name="actor_id",
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
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
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
        table_class_name="RightsCaseStep",
        tablename="rights_case_step",
        column_name="occurred_at",
        db_column_name="occurred_at",
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="application",
        db_column_name="application",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": JobApplication,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="amount_fen",
        db_column_name="amount_fen",
        column_class_name="BigInt",
        column_class=BigInt,
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

    manager.add_column(
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="method",
        db_column_name="method",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 14,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "PaymentMethod",
                {
                    "CASH": Choice(value="CASH", display_name="现金"),
                    "WECHAT": Choice(value="WECHAT", display_name="微信"),
                    "ALIPAY": Choice(value="ALIPAY", display_name="支付宝"),
                    "BANK_TRANSFER": Choice(
                        value="BANK_TRANSFER", display_name="银行转账"
                    ),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="paid_at",
        db_column_name="paid_at",
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="recorded_at",
        db_column_name="recorded_at",
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="status",
        db_column_name="status",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "RECORDED",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "SettlementStatus",
                {
                    "RECORDED": Choice(
                        value="RECORDED", display_name="待零工确认"
                    ),
                    "CONFIRMED": Choice(value="CONFIRMED", display_name="已确认"),
                    "DISPUTED": Choice(value="DISPUTED", display_name="有异议"),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="answered_at",
        db_column_name="answered_at",
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="dispute_reason",
        db_column_name="dispute_reason",
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
        column_name="rights_case",
        db_column_name="rights_case",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": RightsCase,
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
        table_class_name="WageSettlement",
        tablename="wage_settlement",
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

    manager.add_column(
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="amount_claimed_fen",
        db_column_name="amount_claimed_fen",
        column_class_name="BigInt",
        column_class=BigInt,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="amount_recovered_fen",
        db_column_name="amount_recovered_fen",
        column_class_name="BigInt",
        column_class=BigInt,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="application",
        db_column_name="application",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": JobApplication,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="channel",
        db_column_name="channel",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 8,
            "default": "ONLINE",
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="department",
        db_column_name="department",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": "MARKET_OPERATOR",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "Department",
                {
                    "LABOUR_INSPECTION": Choice(
                        value="LABOUR_INSPECTION", display_name="劳动保障监察"
                    ),
                    "PUBLIC_SECURITY": Choice(
                        value="PUBLIC_SECURITY", display_name="公安"
                    ),
                    "MARKET_REGULATION": Choice(
                        value="MARKET_REGULATION", display_name="市场监管"
                    ),
                    "MARKET_OPERATOR": Choice(
                        value="MARKET_OPERATOR",
                        display_name="市场运营机构（调解）",
                    ),
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="filed_by",
        db_column_name="filed_by",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 24,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="mediator_role",
        db_column_name="mediator_role",
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
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="outcome",
        db_column_name="outcome",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="outcome_note",
        db_column_name="outcome_note",
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="place_address",
        db_column_name="place_address",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 200,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="place_latitude",
        db_column_name="place_latitude",
        column_class_name="DoublePrecision",
        column_class=DoublePrecision,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="place_longitude",
        db_column_name="place_longitude",
        column_class_name="DoublePrecision",
        column_class=DoublePrecision,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="posting",
        db_column_name="posting",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": JobPosting,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="referred_to",
        db_column_name="referred_to",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 100,
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="step_due_at",
        db_column_name="step_due_at",
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
        table_class_name="RightsCase",
        tablename="rights_case",
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
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="kind",
        db_column_name="kind",
        params={
            "choices": Enum(
                "RightsCaseKind",
                {
                    "WAGE_ARREARS": Choice(
                        value="WAGE_ARREARS", display_name="欠薪"
                    ),
                    "DISCRIMINATION": Choice(
                        value="DISCRIMINATION", display_name="就业歧视"
                    ),
                    "SAFETY": Choice(
                        value="SAFETY", display_name="治安与人身安全"
                    ),
                    "CONTRACT_DISPUTE": Choice(
                        value="CONTRACT_DISPUTE", display_name="用工约定纠纷"
                    ),
                    "GATHERING": Choice(
                        value="GATHERING", display_name="占道零散聚集"
                    ),
                    "OTHER": Choice(value="OTHER", display_name="其他纠纷"),
                },
            )
        },
        old_params={
            "choices": Enum(
                "RightsCaseKind",
                {
                    "WAGE_ARREARS": Choice(
                        value="WAGE_ARREARS", display_name="欠薪"
                    ),
                    "DISCRIMINATION": Choice(
                        value="DISCRIMINATION", display_name="就业歧视"
                    ),
                    "OTHER": Choice(value="OTHER", display_name="其他纠纷"),
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="RightsCase",
        tablename="rights_case",
        column_name="status",
        db_column_name="status",
        params={
            "choices": Enum(
                "RightsCaseStatus",
                {
                    "FILED": Choice(value="FILED", display_name="已登记"),
                    "ACCEPTED": Choice(value="ACCEPTED", display_name="已受理"),
                    "MEDIATING": Choice(value="MEDIATING", display_name="调解中"),
                    "RESOLVED": Choice(value="RESOLVED", display_name="已办结"),
                    "REFERRED": Choice(value="REFERRED", display_name="已移送"),
                    "CLOSED": Choice(value="CLOSED", display_name="已关闭"),
                },
            ),
        },
        old_params={
            "choices": Enum(
                "RightsCaseStatus",
                {
                    "OPEN": Choice(value="OPEN", display_name="处理中"),
                    "MEDIATED": Choice(value="MEDIATED", display_name="调解结案"),
                    "SUBSTANTIATED": Choice(
                        value="SUBSTANTIATED", display_name="查实"
                    ),
                    "DISMISSED": Choice(value="DISMISSED", display_name="不成立"),
                },
            ),
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
