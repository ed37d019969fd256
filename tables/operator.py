"""Organisations (第三方运营机构) that run markets under contract."""

from piccolo.columns import Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table


class Operator(Table, tablename="operator"):
    name = Varchar(length=100, unique=True)
    uscc = Varchar(length=18, unique=True, help_text="统一社会信用代码（校验位检查）")
    contact_name = Varchar(length=50, default="")
    contact_phone = Varchar(length=20, default="")
    created_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])
