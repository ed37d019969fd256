"""Worker profiles (求职登记); identity and assistance data are encrypted at rest."""

from piccolo.columns import (
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
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.account import Account
from tables.market import Market
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import Region


class Worker(Table, tablename="worker"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    account = ForeignKey(Account, null=True, unique=True, on_delete=OnDelete.restrict)
    name = Varchar(length=50)
    phone_hash = Varchar(length=64, unique=True, help_text="手机号的带密钥哈希，用于查重")
    phone_encrypted = Text(secret=True)
    phone_masked = Varchar(length=20, help_text="脱敏手机号，如 138****0000")
    resident_id_hash = Varchar(length=64, null=True, default=None, unique=True)
    resident_id_encrypted = Text(null=True, default=None, secret=True)
    resident_id_masked = Varchar(length=20, default="")
    birth_year = Integer(null=True, default=None)
    home_region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict)
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    availability = Varchar(length=200, default="", help_text="可工作时间说明")
    # Categories (older, disabled, low-income, long-waiting) are sensitive: encrypted JSON;
    # only the derived `prioritised` flag is visible to employers (（十）).
    assistance_encrypted = Text(default="", secret=True)
    prioritised = Boolean(default=False, index=True)
    registered_market = ForeignKey(Market, null=True, on_delete=OnDelete.restrict, index=True)
    registered_by_operator = ForeignKey(Operator, null=True, on_delete=OnDelete.restrict)
    version = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s %s", columns=[cls.name, cls.phone_masked])


class WorkerOccupation(Table, tablename="worker_occupation"):
    id: Serial

    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.cascade, index=True)
    occupation = ForeignKey(Occupation, null=False, on_delete=OnDelete.restrict, index=True)
