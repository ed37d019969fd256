"""Job postings (招工信息) and applications (线上点单、线下确认) for instant hiring (（八）)."""

from enum import Enum

from piccolo.columns import (
    BigInt,
    Boolean,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.employer import Employer
from tables.market import Market
from tables.occupation import Occupation
from tables.region import Region
from tables.worker import Worker


class WageUnit(Enum):
    HOUR = Choice(value="HOUR", display_name="按小时")
    DAY = Choice(value="DAY", display_name="按天")
    PIECE = Choice(value="PIECE", display_name="计件")
    MONTH = Choice(value="MONTH", display_name="按月")


class PostingStatus(Enum):
    DRAFT = Choice(value="DRAFT", display_name="草稿")
    OPEN = Choice(value="OPEN", display_name="招聘中")
    FILLED = Choice(value="FILLED", display_name="已招满")
    CLOSED = Choice(value="CLOSED", display_name="已关闭")
    EXPIRED = Choice(value="EXPIRED", display_name="已过期")
    HELD = Choice(value="HELD", display_name="待审核")
    REMOVED = Choice(value="REMOVED", display_name="已下架")


class ApplicationStatus(Enum):
    APPLIED = Choice(value="APPLIED", display_name="已报名")
    CONFIRMED = Choice(value="CONFIRMED", display_name="已确认")
    CHECKED_IN = Choice(value="CHECKED_IN", display_name="已到岗")
    COMPLETED = Choice(value="COMPLETED", display_name="已完工")
    CANCELLED = Choice(value="CANCELLED", display_name="已取消")
    NO_SHOW = Choice(value="NO_SHOW", display_name="未到岗")


class JobPosting(Table, tablename="job_posting"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    employer = ForeignKey(Employer, null=False, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(Market, null=True, on_delete=OnDelete.restrict, index=True)
    occupation = ForeignKey(Occupation, null=False, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=100)
    description = Text(default="")
    headcount = Integer()
    # Money is integer fen (分): SQLite would store a Numeric as a float.
    wage_fen = BigInt()
    wage_unit = Varchar(length=6, choices=WageUnit)
    # Daily-equivalent wage for filtering (HOUR × 8, DAY, MONTH ÷ 21.75); null for PIECE.
    daily_wage_fen = BigInt(null=True, default=None, index=True)
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    address = Varchar(length=200)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict, index=True)
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    same_day = Boolean(default=False)
    prefer_assisted = Boolean(default=False)
    # 公益性岗位: seen and applied to only by workers with employment difficulties (services/
    # assistance/eligibility.py), the owner, the market's operator and staff.
    public_welfare = Boolean(default=False, index=True)
    status = Varchar(length=8, choices=PostingStatus, default="DRAFT", index=True)
    # Maintained by conditional updates: never more confirmed workers than headcount.
    confirmed_count = Integer(default=0)
    version = Integer(default=0)
    published_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.title])


class JobApplication(Table, tablename="job_application"):
    id: Serial

    posting = ForeignKey(JobPosting, null=False, on_delete=OnDelete.restrict, index=True)
    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.restrict, index=True)
    status = Varchar(length=10, choices=ApplicationStatus, default="APPLIED", index=True)
    channel = Varchar(length=8, default="ONLINE", help_text="ONLINE 线上点单 / ON_SITE 现场")
    # Copied from the posting so overlap checks on a worker's shifts need no join.
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    applied_at = Timestamptz(default=TimestamptzNow())
    confirmed_at = Timestamptz(null=True, default=None)
    checked_in_at = Timestamptz(null=True, default=None)
    checked_in_by = Varchar(length=10, default="", help_text="EMPLOYER / OPERATOR")
    completed_at = Timestamptz(null=True, default=None)
    cancelled_at = Timestamptz(null=True, default=None)
    cancelled_by = Varchar(length=10, default="")
    cancel_reason = Text(default="")
    no_show_at = Timestamptz(null=True, default=None)
    # The employer's last change to the wage or times of a confirmed shift, as the worker is
    # told it (jobPostingUpdate): what changed, from what to what.
    posting_change = Text(default="")
    posting_changed_at = Timestamptz(null=True, default=None)
    version = Integer(default=0)
