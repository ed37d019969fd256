"""Employment assistance (就业援助, （十）): tiered service per registered worker."""

from enum import Enum

from piccolo.columns import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.worker import Worker


class ServiceTier(Enum):
    GENERAL = Choice(value="GENERAL", display_name="普通服务")
    KEY = Choice(value="KEY", display_name="重点服务")
    ASSISTED = Choice(value="ASSISTED", display_name="援助服务")


class WorkerServiceTier(Table, tablename="worker_service_tier"):
    """A staff decision that overrides the tier the rules derive (one per worker; changes and
    removals are in the audit chain)."""

    id: Serial

    worker = ForeignKey(Worker, null=False, unique=True, on_delete=OnDelete.cascade)
    tier = Varchar(length=10, choices=ServiceTier)
    reason = Varchar(length=200)
    decided_by = Integer(help_text="作出决定的工作人员")
    decided_at = Timestamptz(default=TimestamptzNow())

    @classmethod
    def get_readable(cls):
        return Readable(template="%s %s", columns=[cls.worker._.name, cls.tier])
