"""Rights case, settlement and moderation enums; values equal the stored column values."""

from __future__ import annotations

from enum import Enum

import strawberry

_ = strawberry.enum_value


@strawberry.enum(description="What a case is about (（十六）（十七））.")
class RightsCaseKind(Enum):
    WAGE_ARREARS = _("WAGE_ARREARS", description="Wages not paid (欠薪).")
    DISCRIMINATION = _("DISCRIMINATION", description="Employment discrimination (就业歧视).")
    SAFETY = _("SAFETY", description="Threats, violence, extortion, forced deals (治安与人身安全).")
    CONTRACT_DISPUTE = _(
        "CONTRACT_DISPUTE", description="A dispute over what was agreed (用工约定纠纷)."
    )
    GATHERING = _(
        "GATHERING", description="Irregular roadside gathering of workers (占道零散聚集, （十七）)."
    )
    OTHER = _("OTHER", description="Any other dispute (其他纠纷).")


@strawberry.enum(
    description="Life cycle: FILED → ACCEPTED → MEDIATING → RESOLVED; any open status → "
    "REFERRED or CLOSED; routing to another department returns the case to FILED."
)
class RightsCaseStatus(Enum):
    FILED = _("FILED", description="Filed, waiting to be accepted (已登记).")
    ACCEPTED = _("ACCEPTED", description="Accepted by the department it is with (已受理).")
    MEDIATING = _("MEDIATING", description="In mediation (调解中).")
    RESOLVED = _("RESOLVED", description="Finished with a finding (已办结).")
    REFERRED = _(
        "REFERRED", description="Handed to a body outside the platform (已移送), e.g. arbitration."
    )
    CLOSED = _("CLOSED", description="Withdrawn by the worker or closed without a finding.")


@strawberry.enum(description="What came of a finished case.")
class RightsCaseOutcome(Enum):
    MEDIATED = _("MEDIATED", description="Settled in mediation (调解成功).")
    SUBSTANTIATED = _("SUBSTANTIATED", description="Found true by the department (查实).")
    NOT_SUBSTANTIATED = _("NOT_SUBSTANTIATED", description="Found not true (不成立).")
    WITHDRAWN = _("WITHDRAWN", description="Withdrawn by the worker (撤回).")


@strawberry.enum(description="A finding that resolves a case.")
class RightsCaseFinding(Enum):
    MEDIATED = _("MEDIATED", description="Settled in mediation (operators and staff).")
    SUBSTANTIATED = _(
        "SUBSTANTIATED",
        description="Found true (staff only); wage arrears flag the employer (（十六））.",
    )
    NOT_SUBSTANTIATED = _("NOT_SUBSTANTIATED", description="Found not true (staff only).")


@strawberry.enum(description="Who handles a case.")
class Department(Enum):
    LABOUR_INSPECTION = _("LABOUR_INSPECTION", description="Labour inspection (劳动保障监察).")
    PUBLIC_SECURITY = _("PUBLIC_SECURITY", description="Public security (公安).")
    MARKET_REGULATION = _("MARKET_REGULATION", description="Market regulation (市场监管).")
    MARKET_OPERATOR = _(
        "MARKET_OPERATOR", description="The market's operator, for mediation (用工矛盾调处)."
    )


@strawberry.enum(description="How a case came in.")
class RightsCaseChannel(Enum):
    ONLINE = _("ONLINE", description="Filed by the worker in the app.")
    ON_SITE = _("ON_SITE", description="Filed by the market's operator for a worker on site.")
    PHONE = _("PHONE", description="Filed by staff from a phone call.")


@strawberry.enum(description="Who took a step on a case.")
class RightsCaseActor(Enum):
    WORKER = _("WORKER", description="The worker.")
    OPERATOR = _("OPERATOR", description="The operator of the case's market.")
    STAFF = _("STAFF", description="Department staff.")


@strawberry.enum(description="What a step did.")
class RightsCaseAction(Enum):
    FILE = _("FILE", description="Filed.")
    ACCEPT = _("ACCEPT", description="Accepted.")
    MEDIATE = _("MEDIATE", description="Mediation started.")
    RESOLVE = _("RESOLVE", description="Resolved with a finding.")
    ROUTE = _("ROUTE", description="Handed to another department.")
    REFER = _("REFER", description="Referred outside the platform.")
    CLOSE = _("CLOSE", description="Withdrawn or closed.")


@strawberry.enum(description="What to sort case lists by.")
class RightsCaseOrderField(Enum):
    FILED_AT = _("FILED_AT", description="When it was filed, newest first.")
    DUE_AT = _(
        "DUE_AT",
        description="Deadline of the current step, most overdue first (open cases only).",
    )


@strawberry.enum(description="How wages were paid.")
class PaymentMethod(Enum):
    CASH = _("CASH", description="Cash (现金).")
    WECHAT = _("WECHAT", description="WeChat Pay (微信).")
    ALIPAY = _("ALIPAY", description="Alipay (支付宝).")
    BANK_TRANSFER = _("BANK_TRANSFER", description="Bank transfer (银行转账).")


@strawberry.enum(description="Where a payment record stands: RECORDED → CONFIRMED or DISPUTED.")
class WageSettlementStatus(Enum):
    RECORDED = _("RECORDED", description="Recorded by the employer, awaiting the worker.")
    CONFIRMED = _("CONFIRMED", description="The worker confirmed receiving it.")
    DISPUTED = _("DISPUTED", description="The worker disputes it.")


@strawberry.enum(description="Where a posting review item came from.")
class PostingReviewSource(Enum):
    SCREENING = _("SCREENING", description="Held at publishing: discriminatory terms found.")
    REPORT = _("REPORT", description="Reported by a worker.")
    STAFF = _("STAFF", description="Taken down by staff directly.")


@strawberry.enum(description="Where a posting review item stands.")
class PostingReviewStatus(Enum):
    OPEN = _("OPEN", description="Waiting for staff.")
    UPHELD = _("UPHELD", description="Upheld: the posting was taken down.")
    DISMISSED = _("DISMISSED", description="Dismissed: the posting stands (or was published).")


@strawberry.enum(description="Why a worker reports a posting.")
class PostingReportReason(Enum):
    FALSE_INFO = _("FALSE_INFO", description="False or misleading (虚假信息).")
    UNPAID = _("UNPAID", description="The employer does not pay (不付工资).")
    DISCRIMINATORY = _("DISCRIMINATORY", description="Discriminatory requirements (就业歧视).")
    OTHER = _("OTHER", description="Something else (a note is required).")


@strawberry.enum(description="A staff decision on a review item.")
class PostingReviewDecision(Enum):
    APPROVE = _(
        "APPROVE",
        description="The posting stands: a report is dismissed, a held posting is published.",
    )
    REMOVE = _("REMOVE", description="Take the posting down (a note is required).")


@strawberry.enum(description="Whether workers still gather at a registered place.")
class GatheringStatus(Enum):
    ACTIVE = _("ACTIVE", description="Workers still gather there (仍有聚集).")
    CLEARED = _("CLEARED", description="Guided into markets; no longer a gathering (已疏导).")
