"""Subsidies (补贴, （九）（十）（十一）): programmes kept by staff and applications to them."""

from enum import Enum

from piccolo.columns import (
    Array,
    BigInt,
    Boolean,
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

from tables.market import Market, Ownership
from tables.operator import Operator
from tables.region import Region
from tables.training import TrainingCategory, TrainingEnrolment
from tables.worker import Worker


class SubsidyKind(Enum):
    TRAINING_SUBSIDY = Choice(value="TRAINING_SUBSIDY", display_name="职业培训补贴")
    TRAINING_LIVING_ALLOWANCE = Choice(
        value="TRAINING_LIVING_ALLOWANCE", display_name="培训期间生活费补贴"
    )
    EMPLOYMENT_SERVICE_SUBSIDY = Choice(
        value="EMPLOYMENT_SERVICE_SUBSIDY", display_name="就业创业服务补贴"
    )
    PUBLIC_WELFARE_JOB_SUBSIDY = Choice(
        value="PUBLIC_WELFARE_JOB_SUBSIDY", display_name="公益性岗位补贴"
    )


class AmountRule(Enum):
    FIXED = Choice(value="FIXED", display_name="每人定额")
    PER_TRAINING_HOUR = Choice(value="PER_TRAINING_HOUR", display_name="按培训课时")
    PER_PLACEMENT = Choice(value="PER_PLACEMENT", display_name="按成功就业人次")


class AssistanceCategory(Enum):
    OLDER = Choice(value="OLDER", display_name="大龄")
    DISABLED = Choice(value="DISABLED", display_name="残疾")
    LOW_INCOME = Choice(value="LOW_INCOME", display_name="低收入家庭")
    LONG_WAITING = Choice(value="LONG_WAITING", display_name="长期待工")


class ApplicationStatus(Enum):
    SUBMITTED = Choice(value="SUBMITTED", display_name="待审核")
    FIRST_APPROVED = Choice(value="FIRST_APPROVED", display_name="初审通过（待复核）")
    APPROVED = Choice(value="APPROVED", display_name="已批准（待发放）")
    REJECTED = Choice(value="REJECTED", display_name="已驳回")
    PAID = Choice(value="PAID", display_name="已发放")


class SubsidyProgramme(Table, tablename="subsidy_programme"):
    """A subsidy programme as data: who qualifies, how much, when, and within what budget."""

    id: Serial

    name = Varchar(length=100, unique=True)
    kind = Varchar(length=30, choices=SubsidyKind)
    description = Text(default="")
    amount_rule = Varchar(length=20, choices=AmountRule)
    # Per person, per training hour or per placement, by `amount_rule`.
    amount_fen = BigInt()
    # Eligibility: every rule that is set must hold (empty / null: no such rule).
    assistance_categories = Array(Varchar(length=20, choices=AssistanceCategory), default=list)
    training_category = Varchar(length=20, choices=TrainingCategory, null=True, default=None)
    training_within_months = Integer(null=True, default=None)
    # Residence (workers) or the market's county (operators): a county or a whole city.
    region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict)
    market_ownership = Varchar(length=20, choices=Ownership, null=True, default=None)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    budget_fen = BigInt()
    # Raised only by final approvals, by a conditional update: never above budget_fen.
    committed_fen = BigInt(default=0)
    # An application above this amount needs a second approval by a different approver.
    approval_threshold_fen = BigInt()
    active = Boolean(default=True)
    last_edited_by = Integer(null=True, default=None)
    version = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class SubsidyApplication(Table, tablename="subsidy_application"):
    """One application: a worker for themselves, or an operator for one of its markets."""

    id: Serial

    programme = ForeignKey(SubsidyProgramme, null=False, on_delete=OnDelete.restrict, index=True)
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(Market, null=True, on_delete=OnDelete.restrict, index=True)
    operator = ForeignKey(Operator, null=True, on_delete=OnDelete.restrict, index=True)
    enrolment = ForeignKey(TrainingEnrolment, null=True, on_delete=OnDelete.restrict)
    # The applicant's county (residence or market): staff scopes and reports use it.
    region = ForeignKey(Region, null=True, on_delete=OnDelete.restrict, index=True)
    # One application per person (or market) per programme per training: unique.
    applicant_key = Varchar(length=80, unique=True)
    quantity = Integer(default=1, help_text="人数、课时（分钟）或就业人次")
    amount_fen = BigInt()
    status = Varchar(length=16, choices=ApplicationStatus, default="SUBMITTED", index=True)
    submitted_at = Timestamptz(default=TimestamptzNow())
    first_approved_by = Integer(null=True, default=None)
    first_approved_at = Timestamptz(null=True, default=None)
    decided_by = Integer(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    reject_reason = Text(default="")
    payment_reference = Varchar(length=64, default="")
    paid_by = Integer(null=True, default=None)
    paid_at = Timestamptz(null=True, default=None)
    version = Integer(default=0)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s · %s", columns=[cls.programme._.name, cls.id])
