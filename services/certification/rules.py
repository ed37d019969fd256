"""Eligibility and disqualifiers read from other domains (rights cases, assessments)."""

from __future__ import annotations

from services.problems import Problem
from tables.assessment import Assessment
from tables.certification import ApplicationStatus
from tables.market import Market
from tables.rights_case import RightsCase

# Only these substantiated cases speak against a demonstration market (（十六））.
DISQUALIFYING_CASE_KINDS = ("DISCRIMINATION", "WAGE_ARREARS")
STATUS_LABELS = {s.value.value: s.value.display_name for s in ApplicationStatus}
LIVE_STATUSES = ("SUBMITTED", "CITY_RECOMMENDED", "PROVINCE_ASSESSED", "PUBLICISED", "CERTIFIED")
OPEN_STATUSES = ("SUBMITTED", "CITY_RECOMMENDED", "PROVINCE_ASSESSED", "PUBLICISED")


async def disqualifiers(market_id: int, *path: str) -> list[Problem]:
    """Why the market cannot be certified at all, whatever its scores (empty when none).

    A flagged assessment means the operator's reported figures did not match what the platform
    observed (falsified data); once staff approved it with a justification it no longer counts.
    """
    found: list[Problem] = []
    cases = await RightsCase.count().where(
        (RightsCase.market == market_id)
        & (RightsCase.status == "RESOLVED")
        & (RightsCase.outcome == "SUBSTANTIATED")
        & RightsCase.kind.is_in(list(DISQUALIFYING_CASE_KINDS))
    )
    if cases:
        found.append(
            Problem("DISQUALIFIED", f"该市场有 {cases} 件查实的欠薪或就业歧视案件，不能认定", path)
        )
    flagged = await Assessment.count().where(
        (Assessment.market == market_id)
        & (Assessment.flagged == 1)
        & (Assessment.status != "APPROVED")
    )
    if flagged:
        found.append(
            Problem("DISQUALIFIED", f"该市场有 {flagged} 份上报数据存疑的考核，不能认定", path)
        )
    return found


async def is_relaxed(market_id: int) -> bool:
    """Mountain and island counties (山区海岛县) are held to the relaxed thresholds."""
    row = (
        await Market.select(Market.region.is_mountain_or_island)
        .where(Market.id == market_id)
        .first()
    )
    return bool(row and row["region.is_mountain_or_island"])
