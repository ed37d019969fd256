"""Bearer API tokens (hashed at rest, with a role, a subject, an expiry and revocation) and
staff scopes."""

from enum import Enum

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from tables.region import Region


class Role(Enum):
    WORKER = Choice(value="WORKER", display_name="零工")
    EMPLOYER = Choice(value="EMPLOYER", display_name="用工主体")
    OPERATOR = Choice(value="OPERATOR", display_name="运营机构")
    STAFF = Choice(value="STAFF", display_name="工作人员")


class ApiToken(Table, tablename="api_token"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    # Only a SHA-256 of the token is kept: a leaked table grants nothing. Tokens carry
    # 256 bits of randomness, so a fast hash is enough (no password stretching needed).
    token_hash = Varchar(length=64, unique=True)
    prefix = Varchar(length=12, help_text="令牌前几位，便于辨认")
    role = Varchar(length=10, choices=Role)
    # The subject is the row the role refers to: operator.id, worker.id, employer.id or
    # piccolo_user.id for staff.
    subject_id = Integer()
    label = Varchar(length=100, default="")
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
    last_used_at = Timestamptz(null=True, default=None)


class StaffScope(Table, tablename="staff_scope"):
    """Where a staff member works: a city or county (or, without a row or a region, the whole
    province), whether they only read and whether they approve. The admin and the services
    both enforce it."""

    id: Serial

    user = ForeignKey(BaseUser, unique=True, null=False, on_delete=OnDelete.cascade)
    region = ForeignKey(Region, null=True, default=None, on_delete=OnDelete.restrict)
    read_only = Boolean(default=False)
    # Approvers decide (certify, decline or revoke a certificate; approve or reject an
    # assessment); everyone else with a scope reviews and prepares.
    approver = Boolean(default=False)


class StaffLoginLock(Table, tablename="staff_login_lock"):
    """Failed admin sign-ins of one staff account (from any address) and its lock: the same
    counting as accounts' (services/auth/lockout), kept here because piccolo_user is Piccolo's
    own table."""

    id: Serial

    user = ForeignKey(BaseUser, unique=True, null=False, on_delete=OnDelete.cascade)
    failed_logins = Integer(default=0)
    failures_since = Timestamptz(null=True, default=None)
    locked_until = Timestamptz(null=True, default=None)
