"""Employers (用工主体): companies identified by USCC, or individuals; verified by staff."""

from enum import Enum

from piccolo.columns import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.account import Account
from tables.region import Region


class EmployerKind(Enum):
    COMPANY = Choice(value="COMPANY", display_name="单位")
    INDIVIDUAL = Choice(value="INDIVIDUAL", display_name="个人")


class VerificationStatus(Enum):
    PENDING = Choice(value="PENDING", display_name="待审核")
    VERIFIED = Choice(value="VERIFIED", display_name="已认证")
    REJECTED = Choice(value="REJECTED", display_name="未通过")


class Employer(Table, tablename="employer"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    account = ForeignKey(Account, null=True, unique=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=12, choices=EmployerKind)
    name = Varchar(length=100)
    uscc = Varchar(
        length=18, null=True, default=None, unique=True, help_text="统一社会信用代码（单位必填）"
    )
    contact_name = Varchar(length=50, default="")
    phone_hash = Varchar(length=64, index=True)
    phone_encrypted = Text(secret=True)
    phone_masked = Varchar(length=20)
    region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict)
    verification_status = Varchar(length=10, choices=VerificationStatus, default="PENDING")
    verified_at = Timestamptz(null=True, default=None)
    verified_by = Integer(null=True, default=None, help_text="审核人（后台用户 id）")
    version = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class WageArrearsFlag(Table, tablename="wage_arrears_flag"):
    """Substantiated wage arrears (恶意欠薪, （十六）): an open flag blocks publishing."""

    id: Serial

    employer = ForeignKey(Employer, null=False, on_delete=OnDelete.restrict, index=True)
    reason = Text()
    flagged_at = Timestamptz(default=TimestamptzNow())
    flagged_by = Integer(help_text="标记人（后台用户 id）")
    cleared_at = Timestamptz(null=True, default=None)
    cleared_by = Integer(null=True, default=None)
    clear_note = Text(default="")
