"""Provincial demonstration market certificates (省级示范零工市场)."""

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.market import Market


class DemonstrationCertificate(Table, tablename="demonstration_certificate"):
    """A certificate granted for a year; revocation keeps the row and records why."""

    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    year = Integer()
    certificate_no = Varchar(length=40, unique=True)
    certified_at = Timestamptz(default=TimestamptzNow())
    revoked_on = Date(null=True, default=None)
    revoked_reason = Text(default="")
