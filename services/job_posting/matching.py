"""Matching rules (no strawberry): score postings for a worker and workers for a posting."""

# Each score says why: occupation, distance or region, date, wage, availability and
# priority for assisted workers (（十）).

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import ClassVar

from services.geo import haversine_km
from services.timeutil import local

NEARBY_KM = 20.0
SOON = timedelta(days=3)
GOOD_DAILY_WAGE_FEN = 200_00
# Relevance first: occupation and place decide whether something matches at all; date, wage
# and availability only order what matched. Priority (（十）) outranks everything.
WEIGHTS = {
    "OCCUPATION": 50.0,
    "NEARBY": 30.0,
    "SAME_COUNTY": 20.0,
    "SAME_CITY": 10.0,
    "STARTS_SOON": 10.0,
    "SAME_DAY": 5.0,
    "GOOD_WAGE": 10.0,
    "AVAILABLE": 5.0,
    "PRIORITISED": 1000.0,
}
RELEVANT = {"OCCUPATION", "NEARBY", "SAME_COUNTY", "SAME_CITY"}


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Place:
    region_code: str | None
    city_code: str | None
    region_name: str | None
    latitude: float | None
    longitude: float | None


@dataclass
class Match:
    """A score built from reasons; a kind of match (posting, course) sets its own weights and
    which reasons make it relevant at all."""

    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    nearby_km: float | None = None
    weights: ClassVar[dict[str, float]] = WEIGHTS
    relevant_codes: ClassVar[set[str]] = RELEVANT

    def add(self, code: str, text: str, extra: float = 0.0) -> None:
        self.reasons.append(Reason(code, text))
        self.score += self.weights[code] + extra

    @property
    def relevant(self) -> bool:
        return any(r.code in self.relevant_codes for r in self.reasons)


def _place(match: Match, a: Place, b: Place) -> None:
    if (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
    ):
        distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if distance <= NEARBY_KM:
            # Closer is better within the radius: up to 10 extra points at 0 km.
            match.add("NEARBY", f"距离约 {distance:.1f} 公里", 10.0 * (1 - distance / NEARBY_KM))
            match.nearby_km = distance
    if a.region_code and a.region_code == b.region_code:
        match.add("SAME_COUNTY", f"同在{b.region_name or a.region_name}")
    elif a.city_code and a.city_code == b.city_code:
        match.add("SAME_CITY", "同一设区市")


def _posting_facts(match: Match, posting: dict, moment: datetime) -> None:
    starts = posting["starts_at"]
    if starts - moment <= SOON:
        today = local(starts).date() <= local(moment).date()
        match.add("STARTS_SOON", "今天开工" if today else "3 天内开工")
    if posting["same_day"]:
        match.add("SAME_DAY", "当日到岗")
    daily = posting["daily_wage_fen"]
    if daily is not None:
        match.score += min(daily / 100, 1000) / 100  # wage orders otherwise equal matches
        if daily >= GOOD_DAILY_WAGE_FEN:
            match.add("GOOD_WAGE", f"日薪约 {daily // 100} 元")


def posting_place(row: dict) -> Place:
    return Place(
        row["region.code"],
        row["region.parent.code"],
        row["region.name"],
        row["latitude"],
        row["longitude"],
    )


def worker_place(row: dict) -> Place:
    return Place(
        row["home_region.code"],
        row["home_region.parent.code"],
        row["home_region.name"],
        row["latitude"],
        row["longitude"],
    )


def score_posting(
    worker_place_: Place, occupations: set[int], posting: dict, moment: datetime
) -> Match | None:
    """A posting for the signed-in worker; None when neither occupation nor place matches."""
    match = Match()
    if posting["occupation"] in occupations:
        match.add("OCCUPATION", f"工种匹配：{posting['occupation.name']}")
    _place(match, worker_place_, posting_place(posting))
    if not match.relevant:
        return None
    _posting_facts(match, posting, moment)
    match.score = round(match.score, 3)
    return match


def score_worker(
    place: Place, posting: dict, worker: dict, suited: bool, prefer_assisted: bool
) -> Match | None:
    """A worker (already known to be free in the window) for a posting at `place`
    (posting_place(posting)); `suited` when the worker has the posting's occupation. None if
    irrelevant."""
    match = Match()
    if suited:
        match.add("OCCUPATION", f"工种匹配：{posting['occupation.name']}")
    _place(match, place, worker_place(worker))
    if not match.relevant:
        return None
    match.add("AVAILABLE", "该时段没有其他已确认的工作")
    if prefer_assisted and worker["prioritised"]:
        match.add("PRIORITISED", "就业援助优先对象，岗位优先安置")
    match.score = round(match.score, 3)
    return match
