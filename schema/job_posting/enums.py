"""Job posting and application enums; values equal the stored column values."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a wage amount is paid per.")
class WageUnit(Enum):
    HOUR = strawberry.enum_value("HOUR", description="Per hour (按小时).")
    DAY = strawberry.enum_value("DAY", description="Per day (按天).")
    PIECE = strawberry.enum_value("PIECE", description="Per piece of work (计件).")
    MONTH = strawberry.enum_value("MONTH", description="Per month (按月).")


@strawberry.enum(
    description="Life cycle of a posting: DRAFT → OPEN → FILLED / CLOSED / EXPIRED; DRAFT → "
    "HELD (discriminatory terms, for staff review) → OPEN or REMOVED; staff take any live "
    "posting down (REMOVED). A draft, held or open posting whose work window has ended is "
    "EXPIRED."
)
class JobPostingStatus(Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Not yet published (草稿).")
    OPEN = strawberry.enum_value("OPEN", description="Published and hiring (招聘中).")
    FILLED = strawberry.enum_value(
        "FILLED", description="Every place is confirmed (已招满); reopens if one cancels."
    )
    CLOSED = strawberry.enum_value("CLOSED", description="Closed by the employer (已关闭).")
    EXPIRED = strawberry.enum_value(
        "EXPIRED", description="The work window ended before it filled (已过期)."
    )
    HELD = strawberry.enum_value(
        "HELD",
        description="Held at publishing for staff review: its text asks for discriminatory "
        "requirements (待审核, （十六）).",
    )
    REMOVED = strawberry.enum_value(
        "REMOVED", description="Taken down by staff, with a reason (已下架)."
    )


@strawberry.enum(
    description="Life cycle of an application: APPLIED → CONFIRMED → CHECKED_IN → COMPLETED; "
    "APPLIED or CONFIRMED → CANCELLED; CONFIRMED → NO_SHOW."
)
class JobApplicationStatus(Enum):
    APPLIED = strawberry.enum_value("APPLIED", description="Applied online (线上点单, 已报名).")
    CONFIRMED = strawberry.enum_value(
        "CONFIRMED", description="Confirmed by the employer (线下确认, 已确认)."
    )
    CHECKED_IN = strawberry.enum_value("CHECKED_IN", description="Arrived at work (到岗).")
    COMPLETED = strawberry.enum_value("COMPLETED", description="Work completed (已完工).")
    CANCELLED = strawberry.enum_value("CANCELLED", description="Cancelled, with a reason.")
    NO_SHOW = strawberry.enum_value("NO_SHOW", description="Confirmed but did not come (未到岗).")


@strawberry.enum(description="How the application was made.")
class JobApplicationChannel(Enum):
    ONLINE = strawberry.enum_value("ONLINE", description="By the worker in the app (线上点单).")
    ON_SITE = strawberry.enum_value(
        "ON_SITE", description="By a market operator for a worker on site (现场对接)."
    )


@strawberry.enum(description="What to sort job postings by.")
class JobPostingOrderField(Enum):
    STARTS_AT = strawberry.enum_value("STARTS_AT", description="Start of the work window.")
    PUBLISHED_AT = strawberry.enum_value("PUBLISHED_AT", description="When it was published.")
    DAILY_WAGE = strawberry.enum_value(
        "DAILY_WAGE", description="Daily-equivalent wage (piece-rate postings are left out)."
    )
    DISTANCE = strawberry.enum_value(
        "DISTANCE", description="Distance from `near` (requires `near`)."
    )


@strawberry.enum(description="Why a posting or a worker was suggested.")
class MatchReasonCode(Enum):
    OCCUPATION = strawberry.enum_value("OCCUPATION", description="The occupation matches.")
    NEARBY = strawberry.enum_value("NEARBY", description="Within 20 km.")
    SAME_COUNTY = strawberry.enum_value("SAME_COUNTY", description="In the same county.")
    SAME_CITY = strawberry.enum_value("SAME_CITY", description="In the same prefecture city.")
    STARTS_SOON = strawberry.enum_value("STARTS_SOON", description="Work starts within 3 days.")
    SAME_DAY = strawberry.enum_value("SAME_DAY", description="Same-day start (当日到岗).")
    GOOD_WAGE = strawberry.enum_value(
        "GOOD_WAGE", description="Daily-equivalent wage of at least 200 yuan."
    )
    AVAILABLE = strawberry.enum_value(
        "AVAILABLE", description="No other confirmed shift overlaps the work window."
    )
    PRIORITISED = strawberry.enum_value(
        "PRIORITISED", description="A prioritised worker, and the posting prefers them (（十）)."
    )


@strawberry.enum(description="Who took a step on an application.")
class JobApplicationActor(Enum):
    WORKER = strawberry.enum_value("WORKER", description="The worker.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="The employer.")
    OPERATOR = strawberry.enum_value(
        "OPERATOR", description="The operator of the posting's market."
    )
    SYSTEM = strawberry.enum_value(
        "SYSTEM", description="The platform (e.g. the posting was closed)."
    )
