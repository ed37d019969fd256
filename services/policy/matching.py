"""Policy recommendations (政策智推, （十二））: does an item's audience include the viewer, and
why. Every audience criterion an item sets must hold; the reasons say which ones did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from services.job_posting.matching import Match
from services.policy.audience import Profile, region_name, region_path
from services.policy.rules import PROVINCE

ENDING_SOON = timedelta(days=30)
# The narrower the audience that names the viewer, the more the item is about them: assistance
# categories and occupations first, then the county, the city, the whole province.
WEIGHTS = {
    "ASSISTANCE": 40.0,
    "SERVICE_TIER": 40.0,
    "OCCUPATION": 30.0,
    "SAME_COUNTY": 25.0,
    "SAME_CITY": 15.0,
    "PROVINCE_WIDE": 5.0,
    "ROLE": 10.0,
    "ENDING_SOON": 3.0,
}
ROLE_TEXT = {"WORKER": "面向零工", "EMPLOYER": "面向用工主体", "OPERATOR": "面向零工市场运营机构"}
TIER_TEXT = {"GENERAL": "普通服务", "KEY": "重点服务", "ASSISTED": "援助服务"}
CATEGORY_TEXT = {
    "OLDER": "大龄",
    "DISABLED": "残疾",
    "LOW_INCOME": "低收入家庭",
    "LONG_WAITING": "待工时间长",
}


@dataclass
class PolicyMatch(Match):
    weights: ClassVar[dict[str, float]] = WEIGHTS
    relevant_codes: ClassVar[set[str]] = {"SAME_COUNTY", "SAME_CITY", "PROVINCE_WIDE"}


def _region(match: PolicyMatch, viewer: Profile, regions: list[str]) -> None:
    """The narrowest of the item's regions that contains one of the viewer's counties."""
    wanted = set(regions)
    best: tuple[int, str] | None = None
    for county in viewer.regions:
        for depth, code in enumerate(region_path(county)):
            if code in wanted and (best is None or depth < best[0]):
                best = (depth, code)
    if best is None:
        if PROVINCE in wanted:  # a viewer without a region still lives in Zhejiang
            match.add("PROVINCE_WIDE", "全省适用")
        return
    code = best[1]
    if code == PROVINCE:
        match.add("PROVINCE_WIDE", "全省适用")
    elif best[0] == 0:
        match.add("SAME_COUNTY", f"适用于{region_name(code)}")
    else:
        match.add("SAME_CITY", f"适用于{region_name(code)}")


def score_policy(viewer: Profile, policy: dict, day: date) -> PolicyMatch | None:
    """A policy item in effect on `day` for the viewer; None when its audience leaves them out."""
    if viewer.role not in policy["roles"]:
        return None
    match = PolicyMatch()
    match.add("ROLE", ROLE_TEXT[viewer.role])
    _region(match, viewer, policy["regions"])
    if not match.relevant:
        return None
    if policy["assistance_categories"]:
        shared = [c for c in policy["assistance_categories"] if c in viewer.categories]
        if not shared:
            return None
        match.add("ASSISTANCE", "就业援助对象：" + "、".join(CATEGORY_TEXT[c] for c in shared))
    if policy["service_tiers"]:
        if viewer.tier is None or viewer.tier not in policy["service_tiers"]:
            return None
        match.add("SERVICE_TIER", f"分级服务：{TIER_TEXT[viewer.tier]}对象")
    if policy["occupations"]:
        shared = [o for o in policy["occupations"] if o in viewer.occupations]
        if not shared:
            return None
        match.add("OCCUPATION", "工种：" + "、".join(shared))
    ends = policy["effective_to"]
    if ends is not None and ends - day <= ENDING_SOON:
        match.add("ENDING_SOON", f"{ends.year}年{ends.month}月{ends.day}日到期")
    match.score = round(match.score, 3)
    return match
