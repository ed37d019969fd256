"""What the platform's own records say each market did in a month (the observed figures)."""

from __future__ import annotations

from collections import defaultdict

from piccolo.query.functions.aggregate import Count

from resolvers.assessment.services import periods
from tables.job_posting import JobApplication, JobPosting
from tables.rights_case import RightsCase
from tables.worker import Worker

# No training records exist on the platform yet: trainings are reported but never observed,
# so they are never flagged.
NOT_OBSERVED = ("trainings_delivered",)
CLOSED_CASES = ("MEDIATED", "SUBSTANTIATED", "DISMISSED")


def _empty() -> dict[str, int | None]:
    return {
        "registrations": 0,
        "postings_published": 0,
        "matches_confirmed": 0,
        "workers_onboarded": 0,
        "assisted_workers_placed": 0,
        "trainings_delivered": None,
        "disputes_mediated": 0,
    }


async def observe(period: str, market_ids: list[int]) -> dict[int, dict[str, int | None]]:
    """Per market: five grouped COUNT queries over the month, whatever the number of markets.

    registrations          workers registered at the market in the month
    postings_published     postings at the market published in the month
    matches_confirmed      applications confirmed in the month and not cancelled since
    workers_onboarded      check-ins (到岗) in the month, person-times
    assisted_workers_placed  those check-ins whose worker is prioritised (（十）)
    disputes_mediated      rights cases at the market closed in the month
    """
    out: dict[int, dict[str, int | None]] = defaultdict(_empty)
    ids = list(set(market_ids))
    if not ids:
        return {}
    start, end = periods.bounds(period)

    registered = (
        await Worker.select(Worker.registered_market, Count())
        .where(
            Worker.registered_market.is_in(ids), Worker.created_at >= start, Worker.created_at < end
        )
        .group_by(Worker.registered_market)
    )
    for r in registered:
        out[r["registered_market"]]["registrations"] = r["count"]

    published = (
        await JobPosting.select(JobPosting.market, Count())
        .where(
            JobPosting.market.is_in(ids),
            JobPosting.published_at >= start,
            JobPosting.published_at < end,
        )
        .group_by(JobPosting.market)
    )
    for r in published:
        out[r["market"]]["postings_published"] = r["count"]

    a = JobApplication
    confirmed = (
        await a.select(a.posting.market, Count())
        .where(
            a.posting.market.is_in(ids),
            a.confirmed_at >= start,
            a.confirmed_at < end,
            a.status != "CANCELLED",
        )
        .group_by(a.posting.market)
    )
    for r in confirmed:
        out[r["posting.market"]]["matches_confirmed"] = r["count"]

    onboarded = (
        await a.select(a.posting.market, a.worker.prioritised, Count())
        .where(a.posting.market.is_in(ids), a.checked_in_at >= start, a.checked_in_at < end)
        .group_by(a.posting.market, a.worker.prioritised)
    )
    for r in onboarded:
        figures = out[r["posting.market"]]
        figures["workers_onboarded"] += r["count"]
        if r["worker.prioritised"]:
            figures["assisted_workers_placed"] += r["count"]

    closed = (
        await RightsCase.select(RightsCase.market, Count())
        .where(
            RightsCase.market.is_in(ids),
            RightsCase.resolved_at >= start,
            RightsCase.resolved_at < end,
            RightsCase.status.is_in(list(CLOSED_CASES)),
        )
        .group_by(RightsCase.market)
    )
    for r in closed:
        out[r["market"]]["disputes_mediated"] = r["count"]

    return {i: out[i] for i in ids}
