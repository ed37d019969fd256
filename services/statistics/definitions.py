"""What each monitoring figure means and where it comes from: one table for the schema,
the `definitions` field and the README."""

from __future__ import annotations

from dataclasses import dataclass

PLATFORM_RECORDS = "PLATFORM_RECORDS"
OPERATOR_REPORTS = "OPERATOR_REPORTS"
SOURCE_NAMES = {PLATFORM_RECORDS: "平台业务记录", OPERATOR_REPORTS: "运营机构报告"}


@dataclass(frozen=True)
class Definition:
    metric: str  # the figure's name in services (snake_case); GraphQL shows it in UPPER_CASE
    name: str  # 中文
    definition: str
    unit: str
    source: str = PLATFORM_RECORDS
    suppressible: bool = False  # counts people: small cells hidden from the public
    meaning: str = ""  # the definition in Chinese, as staff read it in the admin charts
    unit_name: str = ""  # the unit in Chinese (人, 个, 人次, 小时, 元/天, 倍)


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "job_seekers_registered",
        "求职登记人数",
        "Workers whose registration (求职登记, online or walked in) falls in the period. Scope: "
        "registered at the market, home in the region, seeking the occupation.",
        "people",
        suppressible=True,
        meaning="期内完成求职登记（线上或现场）的劳动者人数。范围：在该市场登记、居住地在该地区、求职工种为该工种。",
        unit_name="人",
    ),
    Definition(
        "job_seekers_active",
        "活跃求职人数",
        "Distinct workers who, in the period, registered (scoped as jobSeekersRegistered) or "
        "applied to a posting in scope (the posting's market, place of work, occupation). A "
        "worker counts once per period however often they applied.",
        "people",
        suppressible=True,
        meaning="期内求职登记（范围同上）或报名范围内岗位（岗位所属市场、工作地点、工种）的劳动者，每人每期只计一次。",
        unit_name="人",
    ),
    Definition(
        "postings_published",
        "发布岗位数",
        "Postings first published in the period (draft to open), except postings taken down "
        "by moderation. Scope: the posting's market, place of work and occupation.",
        "postings",
        meaning="期内首次发布（由草稿变为招聘中）的岗位数，不含被审核下架的岗位。范围：岗位所属市场、工作地点和工种。",
        unit_name="个",
    ),
    Definition(
        "headcount_demanded",
        "需求人数",
        "The headcount of the postings counted in postingsPublished.",
        "people (demanded)",
        meaning="上述发布岗位的招聘人数之和。",
        unit_name="人",
    ),
    Definition(
        "applications",
        "报名人次",
        "Applications (线上点单 and on-site) made in the period to postings in scope.",
        "person-times",
        suppressible=True,
        meaning="期内对范围内岗位的报名（线上点单和现场报名）人次。",
        unit_name="人次",
    ),
    Definition(
        "matches_confirmed",
        "确认匹配人次",
        "Applications confirmed by the employer in the period and not cancelled since.",
        "person-times",
        suppressible=True,
        meaning="期内经用工方确认且此后未取消的报名人次。",
        unit_name="人次",
    ),
    Definition(
        "workers_onboarded",
        "到岗人次",
        "Check-ins (到岗) recorded in the period, whatever happened after.",
        "person-times",
        suppressible=True,
        meaning="期内记录到岗（签到）的人次，不论之后情况如何。",
        unit_name="人次",
    ),
    Definition(
        "completed",
        "完工人次",
        "Shifts marked completed in the period.",
        "person-times",
        suppressible=True,
        meaning="期内标记完工的班次人次。",
        unit_name="人次",
    ),
    Definition(
        "average_hours_to_confirm",
        "平均确认时长",
        "Mean hours from application to confirmation over matchesConfirmed, one decimal; null "
        "when there is none (or when matchesConfirmed is suppressed).",
        "hours",
        meaning="从报名到确认的平均小时数（按确认匹配人次平均），保留一位小数；无确认匹配时为空。",
        unit_name="小时",
    ),
    Definition(
        "median_daily_wage",
        "日工资中位数",
        "Median daily-equivalent wage (hourly × 8, daily, monthly ÷ 21.75) of the postings in "
        "postingsPublished; piece rates are left out; an even count takes the mean of the two "
        "middle values, rounded up to the fen.",
        "yuan per day",
        meaning="期内发布岗位的日工资中位数（时薪×8、日薪、月薪÷21.75 折算为日工资；不含计件岗位；偶数个时取中间两个的平均，进到分）。",
        unit_name="元/天",
    ),
    Definition(
        "supply_demand_ratio",
        "求人倍率",
        "headcountDemanded / jobSeekersActive, two decimals; above 1 means more jobs than "
        "seekers. Null when there is no active job seeker (or their count is suppressed).",
        "ratio",
        meaning="求人倍率 = 需求人数 ÷ 活跃求职人数，保留两位小数；大于 1 表示岗位多于求职者；无活跃求职人员时为空。",
        unit_name="倍",
    ),
    Definition(
        "workload_reported",
        "工作量报告",
        "Whether the market's operator submitted a workload report (工作量报告) for a month; "
        "used to list markets without last month's report.",
        "yes/no",
        source=OPERATOR_REPORTS,
        meaning="运营机构是否提交了某月的工作量报告；用于列出上月未报告的市场。",
        unit_name="是/否",
    ),
)
