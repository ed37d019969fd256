"""Organisations (第三方运营机构) that run markets under contract."""

from typing import TYPE_CHECKING

from piccolo.columns import BigInt, Boolean, Date, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

if TYPE_CHECKING:
    from tables.market import Market


class Operator(Table, tablename="operator"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    name = Varchar(length=100, unique=True)
    uscc = Varchar(length=18, unique=True, help_text="统一社会信用代码（校验位检查）")
    contact_name = Varchar(length=50, default="")
    contact_phone = Varchar(length=20, default="")
    created_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class OperatingContract(Table, tablename="operating_contract"):
    """An operator runs a market from `starts_on` to `ends_on` (inclusive) under contract."""

    id: Serial

    operator = ForeignKey(Operator, null=False, on_delete=OnDelete.restrict, index=True)
    # Lazy: tables.market imports this module for Market.operator.
    market: ForeignKey["Market"] = ForeignKey(
        LazyTableReference("Market", module_path="tables.market"),
        null=False,
        on_delete=OnDelete.restrict,
        index=True,
    )
    starts_on = Date()
    ends_on = Date()
    public_welfare = Boolean(default=True, help_text="是否委托运营公益性零工市场")
    yearly_budget_fen = BigInt(default=0, help_text="年度绩效奖励预算（分）")
    created_at = Timestamptz(default=TimestamptzNow())
