"""Enums of the statistics domain."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="The province's targets for gig markets (policy 二 主要目标).")
class TargetKind(Enum):
    MARKETS_BUILT = strawberry.enum_value("MARKETS_BUILT", description="200 markets built in 2023.")
    PUBLIC_WELFARE_COUNTIES = strawberry.enum_value(
        "PUBLIC_WELFARE_COUNTIES",
        description="Every county with a public-welfare market by the end of 2023.",
    )
    DEMONSTRATION_MARKETS_2023 = strawberry.enum_value(
        "DEMONSTRATION_MARKETS_2023", description="30 demonstration markets by the end of 2023."
    )
    DEMONSTRATION_MARKETS_2025 = strawberry.enum_value(
        "DEMONSTRATION_MARKETS_2025", description="100 demonstration markets by the end of 2025."
    )
    DEMONSTRATION_COUNTIES = strawberry.enum_value(
        "DEMONSTRATION_COUNTIES", description="A demonstration market in every county (aim)."
    )


@strawberry.enum(description="The length of each period of a series, in Asia/Shanghai.")
class StatisticsGranularity(Enum):
    DAY = strawberry.enum_value("DAY", description="Calendar days.")
    WEEK = strawberry.enum_value(
        "WEEK", description="ISO weeks, Monday to Sunday (labelled 2025-W09)."
    )
    MONTH = strawberry.enum_value("MONTH", description="Calendar months (labelled 2025-03).")


@strawberry.enum(description="Where a monitoring figure comes from.")
class StatisticSource(Enum):
    PLATFORM_RECORDS = strawberry.enum_value(
        "PLATFORM_RECORDS",
        description="Counted from the platform's own records (registrations, postings, "
        "applications, check-ins).",
    )
    OPERATOR_REPORTS = strawberry.enum_value(
        "OPERATOR_REPORTS",
        description="Taken from what market operators report (monthly workload reports).",
    )


@strawberry.enum(description="A monitoring figure; `marketStatistics.definitions` explains each.")
class StatisticMetric(Enum):
    JOB_SEEKERS_REGISTERED = strawberry.enum_value(
        "JOB_SEEKERS_REGISTERED", description="求职登记人数."
    )
    JOB_SEEKERS_ACTIVE = strawberry.enum_value("JOB_SEEKERS_ACTIVE", description="活跃求职人数.")
    POSTINGS_PUBLISHED = strawberry.enum_value("POSTINGS_PUBLISHED", description="发布岗位数.")
    HEADCOUNT_DEMANDED = strawberry.enum_value("HEADCOUNT_DEMANDED", description="需求人数.")
    APPLICATIONS = strawberry.enum_value("APPLICATIONS", description="报名人次.")
    MATCHES_CONFIRMED = strawberry.enum_value("MATCHES_CONFIRMED", description="确认匹配人次.")
    WORKERS_ONBOARDED = strawberry.enum_value("WORKERS_ONBOARDED", description="到岗人次.")
    COMPLETED = strawberry.enum_value("COMPLETED", description="完工人次.")
    AVERAGE_HOURS_TO_CONFIRM = strawberry.enum_value(
        "AVERAGE_HOURS_TO_CONFIRM", description="平均确认时长."
    )
    MEDIAN_DAILY_WAGE = strawberry.enum_value("MEDIAN_DAILY_WAGE", description="日工资中位数.")
    SUPPLY_DEMAND_RATIO = strawberry.enum_value("SUPPLY_DEMAND_RATIO", description="求人倍率.")
    WORKLOAD_REPORTED = strawberry.enum_value("WORKLOAD_REPORTED", description="工作量报告.")
