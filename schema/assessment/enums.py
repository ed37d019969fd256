"""Assessment enums; Indicator values are the stored indicator names in upper case."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="A workload indicator of the assessment scheme (考核指标).")
class Indicator(Enum):
    REGISTRATIONS = strawberry.enum_value(
        "registrations", description="求职登记人数: workers registered at the market."
    )
    POSTINGS_PUBLISHED = strawberry.enum_value(
        "postings_published", description="发布岗位数: job postings published at the market."
    )
    MATCHES_CONFIRMED = strawberry.enum_value(
        "matches_confirmed", description="确认对接数: applications confirmed by employers."
    )
    WORKERS_ONBOARDED = strawberry.enum_value(
        "workers_onboarded", description="到岗人数: check-ins on the job (person-times)."
    )
    ASSISTED_WORKERS_PLACED = strawberry.enum_value(
        "assisted_workers_placed",
        description="困难人员就业数: check-ins of workers entitled to priority help (（十）).",
    )
    TRAININGS_DELIVERED = strawberry.enum_value(
        "trainings_delivered",
        description="培训人次: training delivered; the platform keeps no training records yet.",
    )
    DISPUTES_MEDIATED = strawberry.enum_value(
        "disputes_mediated",
        description="调处纠纷数: rights cases at the market whose mediation by the operator "
        "ended (resolved, referred on or closed).",
    )


@strawberry.enum(description="Where an assessment stands.")
class AssessmentStatus(Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Computed, awaiting a staff decision.")
    APPROVED = strawberry.enum_value(
        "APPROVED", description="Approved by a second staff member; the reward is paid out."
    )
    REJECTED = strawberry.enum_value("REJECTED", description="Rejected; no reward.")


@strawberry.enum(description="Why a workload report was not accepted.")
class WorkloadReportSubmitErrorCode(Enum):
    MARKET_NOT_FOUND = strawberry.enum_value(
        "MARKET_NOT_FOUND", description="No such market among those you have a contract for."
    )
    NOT_UNDER_CONTRACT = strawberry.enum_value(
        "NOT_UNDER_CONTRACT",
        description="Your contract for this market does not answer for that month.",
    )
    INVALID_PERIOD = strawberry.enum_value(
        "INVALID_PERIOD", description="The period is not a month written YYYY-MM (2023 or later)."
    )
    FUTURE_PERIOD = strawberry.enum_value(
        "FUTURE_PERIOD", description="The month has not begun yet (Asia/Shanghai)."
    )
    IDEMPOTENCY_KEY_REQUIRED = strawberry.enum_value(
        "IDEMPOTENCY_KEY_REQUIRED", description="No idempotency key, or only blanks."
    )
    INVALID_IDEMPOTENCY_KEY = strawberry.enum_value(
        "INVALID_IDEMPOTENCY_KEY",
        description="The key is longer than 100 characters or contains control characters.",
    )
    IDEMPOTENCY_KEY_REUSED = strawberry.enum_value(
        "IDEMPOTENCY_KEY_REUSED",
        description="The key was used before with a different payload; corrections need a new key.",
    )
    COUNT_OUT_OF_RANGE = strawberry.enum_value(
        "COUNT_OUT_OF_RANGE", description="A count is negative or above 100000."
    )
    INCONSISTENT_COUNTS = strawberry.enum_value(
        "INCONSISTENT_COUNTS", description="More assisted workers placed than workers onboarded."
    )
    NOTES_TOO_LONG = strawberry.enum_value(
        "NOTES_TOO_LONG", description="Notes are longer than 2000 characters."
    )
    PERIOD_LOCKED = strawberry.enum_value(
        "PERIOD_LOCKED",
        description="The month's assessment has been decided; its reports are locked.",
    )
