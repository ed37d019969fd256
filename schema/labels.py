"""Chinese labels of the API's enum values, for apps (the `enumLabels` query) so they do not
hard-code translations. Enums stored in a table take the table's choice names, the labels the
admin shows too; the others are labelled here. Error codes are not labelled: every userError
carries its own Chinese message."""

from __future__ import annotations

from enum import Enum

from piccolo.columns.choices import Choice

from tables import (
    account,
    assessment,
    assistance,
    auth,
    certification,
    employer,
    job_posting,
    market,
    policy,
    rights_case,
    subsidy,
    training,
)

# API enum → the table enum holding its values (and perhaps more).
FROM_TABLES: dict[str, type[Enum]] = {
    "MarketKind": market.MarketKind,
    "MarketOwnership": market.Ownership,
    "StationType": market.StationType,
    "MarketStatus": market.MarketStatus,
    "FunctionArea": market.FunctionArea,
    "Facility": market.Facility,
    "TrainingCategory": training.TrainingCategory,
    "TrainingMode": training.TrainingMode,
    "TrainingStatus": training.TrainingStatus,
    "TrainingEnrolmentStatus": training.EnrolmentStatus,
    "Role": auth.Role,
    "AccountRole": account.AccountRole,
    "CertificationApplicationStatus": certification.ApplicationStatus,
    "AssessmentStatus": assessment.AssessmentStatus,
    "EmployerKind": employer.EmployerKind,
    "EmployerVerificationStatus": employer.VerificationStatus,
    "JobPostingStatus": job_posting.PostingStatus,
    "WageUnit": job_posting.WageUnit,
    "JobApplicationStatus": job_posting.ApplicationStatus,
    "PaymentMethod": rights_case.PaymentMethod,
    "WageSettlementStatus": rights_case.SettlementStatus,
    "RightsCaseKind": rights_case.RightsCaseKind,
    "RightsCaseStatus": rights_case.RightsCaseStatus,
    "RightsCaseOutcome": rights_case.RightsCaseOutcome,
    "Department": rights_case.Department,
    "GatheringStatus": rights_case.GatheringStatus,
    "PostingReviewSource": rights_case.ReviewSource,
    "PostingReviewStatus": rights_case.ReviewStatus,
    "RightsCaseFinding": rights_case.RightsCaseOutcome,  # the outcomes a finding may give
    "SubsidyKind": subsidy.SubsidyKind,
    "SubsidyAmountRule": subsidy.AmountRule,
    "SubsidyApplicationStatus": subsidy.ApplicationStatus,
    "ServiceTier": assistance.ServiceTier,
    "AssistanceCaseStatus": assistance.CaseStatus,
    "AssistanceOutcome": assistance.CaseOutcome,
    "AssistanceOfferKind": assistance.OfferKind,
    "AssistanceOfferStatus": assistance.OfferStatus,
    "AssistanceFollowUpChannel": assistance.FollowUpChannel,
    "PolicyStatus": policy.PolicyStatus,
    "PolicyAudienceRole": policy.AudienceRole,
}

_DISTANCE = "距离最近"
LABELS: dict[str, dict[str, str]] = {
    "RegionLevel": {
        "PROVINCE": "省",
        "PREFECTURE": "地级市",
        "DISTRICT": "市辖区",
        "COUNTY_CITY": "县级市",
        "COUNTY": "县",
    },
    "TrainingProviderKind": {"OPERATOR": "运营机构", "INSTITUTION": "培训机构"},
    "AssistanceCategory": {
        "OLDER": "大龄",
        "DISABLED": "残疾",
        "LOW_INCOME": "低收入家庭",
        "LONG_WAITING": "长期失业",
    },
    "OrderDirection": {"ASC": "升序", "DESC": "降序"},
    "MarketOrderField": {
        "ID": "登记顺序",
        "NAME": "名称",
        "ESTABLISHED_ON": "成立日期",
        "DISTANCE": _DISTANCE,
    },
    "JobPostingOrderField": {
        "STARTS_AT": "开工时间",
        "PUBLISHED_AT": "发布时间",
        "DAILY_WAGE": "折合日工资",
        "DISTANCE": _DISTANCE,
    },
    "TrainingOrderField": {"STARTS_AT": "开课时间", "FEE": "费用", "DISTANCE": _DISTANCE},
    "RightsCaseOrderField": {"FILED_AT": "登记时间", "DUE_AT": "办理时限"},
    "TargetKind": {
        "MARKETS_BUILT": "2023 年建成零工市场 200 家",
        "PUBLIC_WELFARE_COUNTIES": "2023 年底县县有公益性零工市场",
        "DEMONSTRATION_MARKETS_2023": "2023 年底示范零工市场 30 家",
        "DEMONSTRATION_MARKETS_2025": "2025 年底示范零工市场 100 家",
        "DEMONSTRATION_COUNTIES": "每个县（市、区）至少一家示范零工市场",
    },
    "StatisticsGranularity": {"DAY": "按日", "WEEK": "按周", "MONTH": "按月"},
    "StatisticMetric": {
        "JOB_SEEKERS_REGISTERED": "求职登记人数",
        "JOB_SEEKERS_ACTIVE": "活跃求职人数",
        "POSTINGS_PUBLISHED": "发布岗位数",
        "HEADCOUNT_DEMANDED": "需求人数",
        "APPLICATIONS": "报名人次",
        "MATCHES_CONFIRMED": "确认匹配人次",
        "WORKERS_ONBOARDED": "到岗人次",
        "COMPLETED": "完工人次",
        "AVERAGE_HOURS_TO_CONFIRM": "平均确认时长（小时）",
        "MEDIAN_DAILY_WAGE": "日工资中位数",
        "SUPPLY_DEMAND_RATIO": "求人倍率",
        "WORKLOAD_REPORTED": "运营机构报告工作量",
    },
    "StatisticSource": {"PLATFORM_RECORDS": "平台记录", "OPERATOR_REPORTS": "运营机构报告"},
    "Indicator": {
        "REGISTRATIONS": "求职登记人数",
        "POSTINGS_PUBLISHED": "发布岗位数",
        "MATCHES_CONFIRMED": "确认对接数",
        "WORKERS_ONBOARDED": "到岗人数",
        "ASSISTED_WORKERS_PLACED": "困难人员就业数",
        "TRAININGS_DELIVERED": "培训人次",
        "DISPUTES_MEDIATED": "调处纠纷数",
    },
    "JobApplicationChannel": {"ONLINE": "线上点单", "ON_SITE": "现场对接"},
    "JobApplicationActor": {
        "WORKER": "零工",
        "EMPLOYER": "用工主体",
        "OPERATOR": "运营机构",
        "SYSTEM": "平台",
    },
    "RightsCaseChannel": {"ONLINE": "线上", "ON_SITE": "现场", "PHONE": "电话"},
    "RightsCaseAction": {
        "FILE": "登记",
        "ACCEPT": "受理",
        "MEDIATE": "开始调解",
        "RESOLVE": "办结",
        "ROUTE": "转办",
        "REFER": "移送",
        "CLOSE": "撤回或关闭",
    },
    "RightsCaseActor": {"WORKER": "零工", "OPERATOR": "运营机构", "STAFF": "工作人员"},
    "PostingReportReason": {
        "FALSE_INFO": "虚假信息",
        "UNPAID": "不付工资",
        "DISCRIMINATORY": "就业歧视",
        "OTHER": "其他",
    },
    "PostingReviewDecision": {"APPROVE": "保留", "REMOVE": "下架"},
    "ServiceTierReasonCode": {"CATEGORY": "帮扶对象", "AGE": "大龄", "LONG_WAIT": "长期未就业"},
    "PolicyRecommendationKind": {"POLICY_ITEM": "政策条目", "SUBSIDY_PROGRAMME": "可申请的补贴"},
    "PolicyMatchReasonCode": {
        "ROLE": "适用于你的身份",
        "QUALIFIES": "符合补贴条件",
        "SAME_COUNTY": "适用于你所在县（市、区）",
        "SAME_CITY": "适用于你所在设区市",
        "PROVINCE_WIDE": "全省适用",
        "ASSISTANCE": "适用于帮扶对象",
        "SERVICE_TIER": "适用于你的服务等级",
        "OCCUPATION": "与你的工种相关",
        "ENDING_SOON": "30 天内到期",
    },
    "SubsidyRule": {
        "PROGRAMME_OPEN": "项目在申请期内",
        "APPLICANT_KIND": "申请人类型相符",
        "ASSISTANCE_CATEGORY": "属于帮扶对象",
        "COMPLETED_TRAINING": "已完成补贴培训",
        "REGION": "户籍或所在地相符",
        "MARKET_OWNERSHIP": "市场性质相符",
        "PLACEMENTS": "有成功对接就业",
        "NOT_YET_APPLIED": "未重复申请",
        "BUDGET": "项目预算充足",
    },
    "MatchReasonCode": {
        "OCCUPATION": "工种对口",
        "NEARBY": "离你 20 公里内",
        "SAME_COUNTY": "同一县（市、区）",
        "SAME_CITY": "同一设区市",
        "STARTS_SOON": "3 天内开工",
        "SAME_DAY": "当日到岗",
        "GOOD_WAGE": "日工资 200 元以上",
        "AVAILABLE": "时间不冲突",
        "PRIORITISED": "优先照顾就业困难人员",
    },
    "TrainingMatchReasonCode": {
        "OCCUPATION": "与你的工种对口",
        "IN_DEMAND": "附近岗位急需",
        "NEARBY": "离你 20 公里内",
        "SAME_COUNTY": "同一县（市、区）",
        "SAME_CITY": "同一设区市",
        "ONLINE": "可线上学习",
        "URGENT_SKILL": "急需紧缺技能",
        "SUBSIDISED": "可享培训补贴",
        "FREE": "免费",
        "STARTS_SOON": "14 天内开课",
    },
}


def labels_of(enum_name: str) -> dict[str, str] | None:
    """Value → Chinese label of one API enum; None for an enum without labels."""
    table_enum = FROM_TABLES.get(enum_name)
    if table_enum is not None:
        return {
            m.value.value: m.value.display_name for m in table_enum if isinstance(m.value, Choice)
        }
    return LABELS.get(enum_name)
