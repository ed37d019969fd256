"""Rights cases (维权): wage arrears, discrimination and other disputes at a market (（十六））,
each step recorded; wage settlement per shift (线下确认、即时结算), where arrears start."""

from enum import Enum

from piccolo.columns import (
    BigInt,
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
from piccolo.table import Table

from tables.employer import Employer
from tables.job_posting import JobApplication, JobPosting
from tables.market import Market
from tables.region import Region
from tables.worker import Worker


class RightsCaseKind(Enum):
    WAGE_ARREARS = Choice(value="WAGE_ARREARS", display_name="欠薪")
    DISCRIMINATION = Choice(value="DISCRIMINATION", display_name="就业歧视")
    SAFETY = Choice(value="SAFETY", display_name="治安与人身安全")
    CONTRACT_DISPUTE = Choice(value="CONTRACT_DISPUTE", display_name="用工约定纠纷")
    GATHERING = Choice(value="GATHERING", display_name="占道零散聚集")
    OTHER = Choice(value="OTHER", display_name="其他纠纷")


class RightsCaseStatus(Enum):
    FILED = Choice(value="FILED", display_name="已登记")
    ACCEPTED = Choice(value="ACCEPTED", display_name="已受理")
    MEDIATING = Choice(value="MEDIATING", display_name="调解中")
    RESOLVED = Choice(value="RESOLVED", display_name="已办结")
    REFERRED = Choice(value="REFERRED", display_name="已移送")
    CLOSED = Choice(value="CLOSED", display_name="已关闭")


class RightsCaseOutcome(Enum):
    MEDIATED = Choice(value="MEDIATED", display_name="调解成功")
    SUBSTANTIATED = Choice(value="SUBSTANTIATED", display_name="查实")
    NOT_SUBSTANTIATED = Choice(value="NOT_SUBSTANTIATED", display_name="不成立")
    WITHDRAWN = Choice(value="WITHDRAWN", display_name="撤回")


class Department(Enum):
    LABOUR_INSPECTION = Choice(value="LABOUR_INSPECTION", display_name="劳动保障监察")
    PUBLIC_SECURITY = Choice(value="PUBLIC_SECURITY", display_name="公安")
    MARKET_REGULATION = Choice(value="MARKET_REGULATION", display_name="市场监管")
    MARKET_OPERATOR = Choice(value="MARKET_OPERATOR", display_name="市场运营机构（调解）")


class GatheringStatus(Enum):
    ACTIVE = Choice(value="ACTIVE", display_name="仍有聚集")
    CLEARED = Choice(value="CLEARED", display_name="已疏导")


class GatheringPlace(Table, tablename="gathering_place"):
    """A place outside the markets where gig workers gather by the road (零散聚集点, （十七）),
    kept by staff with what is being done about it."""

    id: Serial

    name = Varchar(length=100)
    address = Varchar(length=200)
    region = ForeignKey(Region, null=False, on_delete=OnDelete.restrict, index=True)
    market = ForeignKey(
        Market, null=True, default=None, on_delete=OnDelete.restrict, help_text="引导进入的零工市场"
    )
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    typical_hours = Varchar(length=100, default="")
    typical_size = Integer(default=0, help_text="通常聚集人数")
    measures = Text(default="", help_text="已采取的措施：宣传、劝离、疏导、交通整治")
    status = Varchar(length=8, choices=GatheringStatus, default="ACTIVE")
    recorded_by = Integer(help_text="登记人（后台用户 id）")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    version = Integer(default=0)


class RightsCase(Table, tablename="rights_case"):
    # Piccolo adds this serial primary key itself; the annotation only types it for the
    # checker (Piccolo's own convention, e.g. BaseUser), so no column or migration changes.
    id: Serial

    market = ForeignKey(Market, null=False, on_delete=OnDelete.restrict, index=True)
    employer = ForeignKey(Employer, null=True, on_delete=OnDelete.restrict)
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=16, choices=RightsCaseKind)
    status = Varchar(length=14, choices=RightsCaseStatus, default="FILED")
    summary = Text()
    opened_at = Timestamptz(default=TimestamptzNow())
    # When the case reached RESOLVED, REFERRED or CLOSED.
    resolved_at = Timestamptz(null=True, default=None)
    recorded_by = Integer(null=True, default=None, help_text="登记人（后台用户 id）")
    posting = ForeignKey(JobPosting, null=True, default=None, on_delete=OnDelete.restrict)
    application = ForeignKey(JobApplication, null=True, default=None, on_delete=OnDelete.restrict)
    channel = Varchar(length=8, default="ONLINE", help_text="ONLINE / ON_SITE / PHONE")
    filed_by = Varchar(length=24, default="", help_text="ROLE:id")
    department = Varchar(length=20, choices=Department, default="MARKET_OPERATOR")
    step_due_at = Timestamptz(null=True, default=None)
    outcome = Varchar(length=20, default="")
    outcome_note = Text(default="")
    referred_to = Varchar(length=100, default="")
    # Money is integer fen (分).
    amount_claimed_fen = BigInt(null=True, default=None)
    amount_recovered_fen = BigInt(null=True, default=None)
    place_address = Varchar(length=200, default="")
    place_latitude = DoublePrecision(null=True, default=None)
    place_longitude = DoublePrecision(null=True, default=None)
    # Who ran the mediation step (OPERATOR / STAFF): closed operator mediations are the
    # observed 调处纠纷数 of the market's operator.
    mediator_role = Varchar(length=10, default="")
    version = Integer(default=0)
    gathering_place = ForeignKey(
        GatheringPlace, null=True, default=None, on_delete=OnDelete.restrict, index=True
    )


class RightsCaseStep(Table, tablename="rights_case_step"):
    """One step of a case: who moved it where, and when (the audit chain holds the same)."""

    id: Serial

    rights_case = ForeignKey(RightsCase, null=False, on_delete=OnDelete.restrict, index=True)
    action = Varchar(length=12)
    status = Varchar(length=14, choices=RightsCaseStatus)
    department = Varchar(length=20, choices=Department)
    actor_role = Varchar(length=10)
    actor_id = Integer(null=True, default=None)
    note = Text(default="")
    occurred_at = Timestamptz(default=TimestamptzNow())


class PaymentMethod(Enum):
    CASH = Choice(value="CASH", display_name="现金")
    WECHAT = Choice(value="WECHAT", display_name="微信")
    ALIPAY = Choice(value="ALIPAY", display_name="支付宝")
    BANK_TRANSFER = Choice(value="BANK_TRANSFER", display_name="银行转账")


class SettlementStatus(Enum):
    RECORDED = Choice(value="RECORDED", display_name="待零工确认")
    CONFIRMED = Choice(value="CONFIRMED", display_name="已确认")
    DISPUTED = Choice(value="DISPUTED", display_name="有异议")


class WageSettlement(Table, tablename="wage_settlement"):
    """The employer's payment record for one completed shift, and the worker's answer."""

    id: Serial

    application = ForeignKey(
        JobApplication, null=False, unique=True, on_delete=OnDelete.restrict, index=True
    )
    amount_fen = BigInt()
    method = Varchar(length=14, choices=PaymentMethod)
    paid_at = Timestamptz()
    recorded_at = Timestamptz(default=TimestamptzNow())
    status = Varchar(length=10, choices=SettlementStatus, default="RECORDED")
    answered_at = Timestamptz(null=True, default=None)
    dispute_reason = Text(default="")
    rights_case = ForeignKey(RightsCase, null=True, default=None, on_delete=OnDelete.restrict)
    version = Integer(default=0)


class ReviewSource(Enum):
    SCREENING = Choice(value="SCREENING", display_name="发布筛查")
    REPORT = Choice(value="REPORT", display_name="零工举报")
    STAFF = Choice(value="STAFF", display_name="工作人员下架")


class ReviewStatus(Enum):
    OPEN = Choice(value="OPEN", display_name="待审核")
    UPHELD = Choice(value="UPHELD", display_name="成立（已下架）")
    DISMISSED = Choice(value="DISMISSED", display_name="不成立")


class PostingReview(Table, tablename="posting_review"):
    """A moderation item on a posting: held at publishing for discriminatory terms, reported by
    a worker, or taken down by staff (（十六）: 纠正就业歧视)."""

    id: Serial

    posting = ForeignKey(JobPosting, null=False, on_delete=OnDelete.restrict, index=True)
    source = Varchar(length=10, choices=ReviewSource)
    reason = Varchar(
        length=16, default="", help_text="FALSE_INFO / UNPAID / DISCRIMINATORY / OTHER"
    )
    matched_terms = Text(default="", help_text="筛查命中的用语，以“、”分隔")
    note = Text(default="")
    reported_by = ForeignKey(Worker, null=True, default=None, on_delete=OnDelete.restrict)
    status = Varchar(length=10, choices=ReviewStatus, default="OPEN", index=True)
    decided_by = Integer(null=True, default=None, help_text="审核人（后台用户 id）")
    decided_at = Timestamptz(null=True, default=None)
    decision_note = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    version = Integer(default=0)
