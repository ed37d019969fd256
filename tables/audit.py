"""Append-only, hash-chained audit trail of workflow actions."""

from piccolo.columns import Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AuditLog(Table, tablename="audit_log"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    occurred_at = Timestamptz(default=TimestamptzNow())
    actor_type = Varchar(length=10, help_text="STAFF / OPERATOR / WORKER / EMPLOYER / SYSTEM")
    actor_id = Integer(null=True, default=None)
    action = Varchar(length=60)
    entity_type = Varchar(length=40)
    entity_id = Integer(null=True, default=None)
    before = Text(default="")
    after = Text(default="")
    # hash = SHA-256(prev_hash + canonical row); a unique prev_hash keeps the chain linear.
    prev_hash = Varchar(length=64, unique=True)
    hash = Varchar(length=64, unique=True)
