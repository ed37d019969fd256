"""Rights cases (维权): wage arrears, discrimination and other disputes at a market (（十六）)."""

from enum import Enum

from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.employer import Employer
from tables.market import Market
from tables.worker import Worker


class RightsCaseKind(Enum):
    WAGE_ARREARS = Choice(value="WAGE_ARREARS", display_name="欠薪")
    DISCRIMINATION = Choice(value="DISCRIMINATION", display_name="就业歧视")
    OTHER = Choice(value="OTHER", display_name="其他纠纷")


class RightsCaseStatus(Enum):
    OPEN = Choice(value="OPEN", display_name="处理中")
    MEDIATED = Choice(value="MEDIATED", display_name="调解结案")
    SUBSTANTIATED = Choice(value="SUBSTANTIATED", display_name="查实")
    DISMISSED = Choice(value="DISMISSED", display_name="不成立")


class RightsCase(Table, tablename="rights_case"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    employer = ForeignKey(Employer, null=True, on_delete=OnDelete.restrict)
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=16, choices=RightsCaseKind)
    status = Varchar(length=14, choices=RightsCaseStatus, default="OPEN")
    summary = Text()
    opened_at = Timestamptz(default=TimestamptzNow())
    resolved_at = Timestamptz(null=True, default=None)
    recorded_by = Integer(null=True, default=None, help_text="登记人（后台用户 id）")
