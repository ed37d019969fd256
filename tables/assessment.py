"""Workload reports, assessment schemes, assessments and payouts (（十一）, （十九））."""

from enum import Enum

from piccolo.columns import BigInt, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.choices import Choice
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.readable import Readable
from piccolo.table import Table

from tables.market import Market
from tables.operator import OperatingContract, Operator


class Indicator(Enum):
    REGISTRATIONS = Choice(value="registrations", display_name="求职登记人数")
    POSTINGS_PUBLISHED = Choice(value="postings_published", display_name="发布岗位数")
    MATCHES_CONFIRMED = Choice(value="matches_confirmed", display_name="确认对接数")
    WORKERS_ONBOARDED = Choice(value="workers_onboarded", display_name="到岗人数")
    ASSISTED_WORKERS_PLACED = Choice(value="assisted_workers_placed", display_name="困难人员就业数")
    TRAININGS_DELIVERED = Choice(value="trainings_delivered", display_name="培训人次")
    DISPUTES_MEDIATED = Choice(value="disputes_mediated", display_name="调处纠纷数")


class AssessmentStatus(Enum):
    DRAFT = Choice(value="DRAFT", display_name="待审批")
    APPROVED = Choice(value="APPROVED", display_name="已批准")
    REJECTED = Choice(value="REJECTED", display_name="已驳回")


class WorkloadReport(Table, tablename="workload_report"):
    """One version of an operator's monthly figures; corrections add versions, never edit."""

    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    operator = ForeignKey(Operator, null=False, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    period = Varchar(length=7, help_text="YYYY-MM（北京时间）")
    version = Integer(default=1)
    is_current = Integer(default=1, help_text="1 = 该月最新版本")
    idempotency_key = Varchar(length=100)
    payload_hash = Varchar(length=64)
    registrations = Integer(default=0)
    postings_published = Integer(default=0)
    matches_confirmed = Integer(default=0)
    workers_onboarded = Integer(default=0)
    assisted_workers_placed = Integer(default=0)
    trainings_delivered = Integer(default=0)
    disputes_mediated = Integer(default=0)
    notes = Text(default="")
    submitted_at = Timestamptz(default=TimestamptzNow())
    submitted_by_token = Integer(null=True, default=None)
    locked_at = Timestamptz(null=True, default=None, help_text="批准后锁定，不可再更正")


class AssessmentScheme(Table, tablename="assessment_scheme"):
    """考核办法 for a year: indicators with weights and targets, tolerance, formula, budget."""

    id: Serial

    year = Integer(unique=True)
    name = Varchar(length=100)
    tolerance_percent = Integer(default=10, help_text="上报与平台观测差异容忍度（%）")
    pass_score = Integer(default=60, help_text="得分低于此值不发奖励（0–100）")
    monthly_reward_cap_fen = BigInt(
        default=0, help_text="每个市场每月奖励上限（分），按得分比例发放"
    )
    budget_fen = BigInt(default=0, help_text="年度奖励总预算（分）")
    committed_fen = BigInt(default=0, help_text="已批准奖励（分），由审批自动累加")
    last_edited_by = Integer(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow(), auto_update=TimestamptzNow().python)

    @classmethod
    def get_readable(cls):
        return Readable(template="%s", columns=[cls.name])


class AssessmentIndicator(Table, tablename="assessment_indicator"):
    id: Serial

    scheme = ForeignKey(AssessmentScheme, null=False, on_delete=OnDelete.cascade, index=True)
    indicator = Varchar(length=30, choices=Indicator)
    weight = Integer(help_text="权重（各指标之和为 100）")
    target = Integer(help_text="月度目标值")


class Assessment(Table, tablename="assessment"):
    id: Serial

    # No index here: its default name "assessment_scheme" would clash with the table.
    scheme = ForeignKey(AssessmentScheme, null=False, on_delete=OnDelete.restrict)
    contract = ForeignKey(OperatingContract, null=False, on_delete=OnDelete.restrict, index=True)
    operator = ForeignKey(Operator, null=False, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    period = Varchar(length=7)
    report = ForeignKey(WorkloadReport, null=True, on_delete=OnDelete.restrict)
    score_basis_points = Integer(default=0, help_text="得分 × 100（0–10000）")
    proposed_reward_fen = BigInt(default=0)
    flagged = Integer(default=0, help_text="1 = 上报与观测差异超出容忍度")
    reconciliation = Text(default="", help_text="JSON: 各指标上报值、观测值、差异")
    justification = Text(default="", help_text="对存疑报告批准时须填写的说明")
    status = Varchar(length=10, choices=AssessmentStatus, default="DRAFT", index=True)
    last_edited_by = Integer(null=True, default=None)
    computed_at = Timestamptz(default=TimestamptzNow())
    decided_by = Integer(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    reject_reason = Text(default="")
    version = Integer(default=0)


class Payout(Table, tablename="payout"):
    """Exactly one per approved assessment (unique `assessment`)."""

    id: Serial

    assessment = ForeignKey(Assessment, null=False, unique=True, on_delete=OnDelete.restrict)
    operator = ForeignKey(Operator, null=False, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict)
    period = Varchar(length=7)
    amount_fen = BigInt()
    approved_by = Integer()
    created_at = Timestamptz(default=TimestamptzNow())


class ContractBudgetUsage(Table, tablename="contract_budget_usage"):
    """Approved rewards per contract and year, raised by conditional updates within budget."""

    id: Serial

    contract = ForeignKey(OperatingContract, null=False, on_delete=OnDelete.restrict, index=True)
    year = Integer()
    committed_fen = BigInt(default=0)
