"""Phone + password accounts for workers and employers (staff use Piccolo Admin users)."""

from enum import Enum

from piccolo.columns import Integer, Serial, Timestamptz, Varchar
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class AccountRole(Enum):
    WORKER = Choice(value="WORKER", display_name="零工")
    EMPLOYER = Choice(value="EMPLOYER", display_name="用工主体")


class Account(Table, tablename="account"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    # The phone is personal data: a keyed hash finds the account, the number itself is kept
    # encrypted on the worker or employer profile.
    phone_hash = Varchar(length=64, unique=True)
    password_hash = Varchar(length=200, secret=True)
    role = Varchar(length=10, choices=AccountRole)
    failed_logins = Integer(default=0)
    # Failures count within a window that starts at the first failure (lockout policy).
    failures_since = Timestamptz(null=True, default=None)
    locked_until = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
