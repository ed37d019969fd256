"""What waits for staff: the work list on the admin's home page (待办事项).

Each item counts records in a state only staff can move on, with the filter that lists them,
within the staff member's region (services/auth/staff.py)."""

from __future__ import annotations

from dataclasses import dataclass

from services.auth.staff import PROVINCE_WIDE, Scope
from services.rights_case.routing import OPEN as OPEN_CASES
from services.timeutil import now
from tables.assessment import Assessment
from tables.certification import CertificationApplication
from tables.employer import Employer
from tables.rights_case import PostingReview, RightsCase
from tables.subsidy import SubsidyApplication


@dataclass(frozen=True)
class WorkItem:
    label: str
    count: int
    table: str  # the admin table that lists them
    filters: dict[str, str]  # its filter parameters


async def waiting(scope: Scope = PROVINCE_WIDE) -> list[WorkItem]:
    applications = CertificationApplication
    prefix = f"{scope.prefix}%"
    steps = (
        ("SUBMITTED", "待市级推荐的示范市场申报"),
        ("CITY_RECOMMENDED", "待省级评审的示范市场申报"),
        ("PUBLICISED", "公示中、待认定的示范市场申报"),
    )
    items = [
        WorkItem(
            "待审核的用工主体",
            await Employer.count().where(
                (Employer.verification_status == "PENDING") & Employer.region._.code.like(prefix)
            ),
            "employer",
            {"verification_status": "PENDING"},
        ),
        *[
            WorkItem(
                label,
                await applications.count().where(
                    (applications.status == status)
                    & applications.market._.region._.code.like(prefix)
                ),
                "certification_application",
                {"status": status},
            )
            for status, label in steps
        ],
        WorkItem(
            "待审批的月度考核",
            await Assessment.count().where(Assessment.status == "DRAFT"),
            "assessment",
            {"status": "DRAFT"},
        ),
        *[
            WorkItem(
                label,
                await _subsidy_applications(status, scope),
                "subsidy_application",
                {"status": status},
            )
            for status, label in (
                ("SUBMITTED", "待审批的补贴申请"),
                ("FIRST_APPROVED", "待复核的补贴申请"),
            )
        ],
        WorkItem(
            "已超期的维权案件",
            await RightsCase.count().where(
                RightsCase.status.is_in(list(OPEN_CASES))
                & (RightsCase.step_due_at <= now())
                & RightsCase.market._.region._.code.like(prefix)
            ),
            "rights_case",
            {"step_due_at__operator": "lte", "step_due_at": now().isoformat()},
        ),
        WorkItem(
            "待处理的招工信息举报与审核",
            await PostingReview.count().where(PostingReview.status == "OPEN"),
            "posting_review",
            {"status": "OPEN"},
        ),
    ]
    return items


async def _subsidy_applications(status: str, scope: Scope) -> int:
    query = SubsidyApplication.count().where(SubsidyApplication.status == status)
    if scope.prefix:  # province-wide staff also see applicants without a registered county
        query = query.where(SubsidyApplication.region._.code.like(f"{scope.prefix}%"))
    return await query
