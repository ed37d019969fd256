"""What each monitoring figure means and where it comes from: one table for the schema,
the `definitions` field and the README."""

from __future__ import annotations

from dataclasses import dataclass

PLATFORM_RECORDS = "PLATFORM_RECORDS"
OPERATOR_REPORTS = "OPERATOR_REPORTS"


@dataclass(frozen=True)
class Definition:
    metric: str  # the figure's name in services (snake_case); GraphQL shows it in UPPER_CASE
    name: str  # 中文
    definition: str
    unit: str
    source: str = PLATFORM_RECORDS
    suppressible: bool = False  # counts people: small cells hidden from the public


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "job_seekers_registered",
        "求职登记人数",
        "Workers whose registration (求职登记, online or walked in) falls in the period. Scope: "
        "registered at the market, home in the region, seeking the occupation.",
        "people",
        suppressible=True,
    ),
    Definition(
        "job_seekers_active",
        "活跃求职人数",
        "Distinct workers who, in the period, registered (scoped as jobSeekersRegistered) or "
        "applied to a posting in scope (the posting's market, place of work, occupation). A "
        "worker counts once per period however often they applied.",
        "people",
        suppressible=True,
    ),
    Definition(
        "postings_published",
        "发布岗位数",
        "Postings first published in the period (draft to open), except postings taken down "
        "by moderation. Scope: the posting's market, place of work and occupation.",
        "postings",
    ),
    Definition(
        "headcount_demanded",
        "需求人数",
        "The headcount of the postings counted in postingsPublished.",
        "people (demanded)",
    ),
    Definition(
        "applications",
        "报名人次",
        "Applications (线上点单 and on-site) made in the period to postings in scope.",
        "person-times",
        suppressible=True,
    ),
    Definition(
        "matches_confirmed",
        "确认匹配人次",
        "Applications confirmed by the employer in the period and not cancelled since.",
        "person-times",
        suppressible=True,
    ),
    Definition(
        "workers_onboarded",
        "到岗人次",
        "Check-ins (到岗) recorded in the period, whatever happened after.",
        "person-times",
        suppressible=True,
    ),
    Definition(
        "completed",
        "完工人次",
        "Shifts marked completed in the period.",
        "person-times",
        suppressible=True,
    ),
    Definition(
        "average_hours_to_confirm",
        "平均确认时长",
        "Mean hours from application to confirmation over matchesConfirmed, one decimal; null "
        "when there is none (or when matchesConfirmed is suppressed).",
        "hours",
    ),
    Definition(
        "median_daily_wage",
        "日工资中位数",
        "Median daily-equivalent wage (hourly × 8, daily, monthly ÷ 21.75) of the postings in "
        "postingsPublished; piece rates are left out; an even count takes the mean of the two "
        "middle values, rounded up to the fen.",
        "yuan per day",
    ),
    Definition(
        "supply_demand_ratio",
        "求人倍率",
        "headcountDemanded / jobSeekersActive, two decimals; above 1 means more jobs than "
        "seekers. Null when there is no active job seeker (or their count is suppressed).",
        "ratio",
    ),
    Definition(
        "workload_reported",
        "工作量报告",
        "Whether the market's operator submitted a workload report (工作量报告) for a month; "
        "used to list markets without last month's report.",
        "yes/no",
        source=OPERATOR_REPORTS,
    ),
)
