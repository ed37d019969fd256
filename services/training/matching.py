"""Course recommendations for a worker (（九）（十二）): each score says why."""

# Relevance first: the worker's own occupations, skills that open postings near them ask
# for, and place decide whether a course is suggested at all; subsidy, fee, category and how
# soon it starts only order what matched.

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from services.geo import haversine_km
from services.job_posting.matching import NEARBY_KM, Match, Place

SOON = timedelta(days=14)
WEIGHTS = {
    "OCCUPATION": 50.0,
    "IN_DEMAND": 40.0,
    "NEARBY": 30.0,
    "SAME_COUNTY": 20.0,
    "SAME_CITY": 10.0,
    "ONLINE": 10.0,
    "URGENT_SKILL": 10.0,
    "SUBSIDISED": 10.0,
    "FREE": 5.0,
    "STARTS_SOON": 5.0,
}
RELEVANT = {"OCCUPATION", "IN_DEMAND", "NEARBY", "SAME_COUNTY", "SAME_CITY"}


@dataclass
class CourseMatch(Match):
    weights: ClassVar[dict[str, float]] = WEIGHTS
    relevant_codes: ClassVar[set[str]] = RELEVANT


def course_place(row: dict) -> Place:
    return Place(
        row["region.code"],
        row["region.parent.code"],
        row["region.name"],
        row["latitude"],
        row["longitude"],
    )


def _place(match: CourseMatch, worker: Place, course: dict) -> None:
    where = course_place(course)
    if course["mode"] == "ONLINE":
        match.add("ONLINE", "线上课程，随时随地参加")
        return
    if None not in (worker.latitude, worker.longitude, where.latitude, where.longitude):
        distance = haversine_km(
            worker.latitude,  # type: ignore[arg-type]
            worker.longitude,  # type: ignore[arg-type]
            where.latitude,  # type: ignore[arg-type]
            where.longitude,  # type: ignore[arg-type]
        )
        if distance <= NEARBY_KM:
            match.add("NEARBY", f"距离约 {distance:.1f} 公里", 10.0 * (1 - distance / NEARBY_KM))
            match.nearby_km = distance
    if worker.region_code and worker.region_code == where.region_code:
        match.add("SAME_COUNTY", f"在{where.region_name}开课")
    elif worker.city_code and worker.city_code == where.city_code:
        match.add("SAME_CITY", "同一设区市开课")
    if course["mode"] == "HYBRID":
        match.add("ONLINE", "线上线下结合，可部分线上参加")


def score_course(
    worker: Place,
    occupations: set[int],
    demand: dict[int, int],
    course: dict,
    moment: datetime,
) -> CourseMatch | None:
    """A course for the signed-in worker; `demand` counts open postings near the worker per
    occupation. None when neither occupation, demand nor place makes it relevant."""
    match = CourseMatch()
    occupation = course["occupation"]
    if occupation is not None and occupation in occupations:
        match.add("OCCUPATION", f"工种匹配：{course['occupation.name']}")
    elif occupation is not None and demand.get(occupation):
        match.add(
            "IN_DEMAND",
            f"附近有 {demand[occupation]} 个招工岗位需要{course['occupation.name']}",
        )
    _place(match, worker, course)
    if not match.relevant:
        return None
    if course["category"] == "URGENT_SKILL":
        match.add("URGENT_SKILL", "急需紧缺职业技能培训")
    if course["subsidised"]:
        match.add("SUBSIDISED", "可按规定享受培训补贴")
    if course["fee_fen"] == 0:
        match.add("FREE", "免费培训")
    if course["starts_at"] - moment <= SOON:
        match.add("STARTS_SOON", "两周内开课")
    match.score = round(match.score, 3)
    return match
