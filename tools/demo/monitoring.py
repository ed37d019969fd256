"""Demo monitoring history: a year of registrations, postings and applications for 动态监测."""

# The demo's people and postings are all of today, so the monitoring charts would show one
# day. This adds a past year at the demo markets: workers registered on random days, postings
# published, filled and closed, applications confirmed, checked in, completed or cancelled.
# Inserted directly (the moments are in the past, which the services refuse), with personal data
# encrypted like everyone's; then the rollup is built, as the scheduled command would.

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from services.statistics.rollup import refresh
from services.timeutil import now
from services.worker.personal import phone_columns
from tables import job_posting as jp
from tables.employer import Employer
from tables.market import Market
from tables.occupation import Occupation
from tables.worker import Worker, WorkerOccupation

NAME = "监测样例零工"
WORKERS, POSTINGS, APPLICATIONS = 240, 120, 360
DAYS = 365


async def seed_history(market_ids: list[int], seed: int = 2023) -> dict[str, int]:
    """Once: the second call finds the history and adds nothing."""
    if not market_ids or await Worker.exists().where(Worker.name.like(f"{NAME}%")):
        return {"history_workers": 0, "history_postings": 0, "history_applications": 0}
    rng = random.Random(seed)
    end = now()

    def moment() -> datetime:
        return end - timedelta(seconds=rng.randrange(DAYS * 86400))

    markets = await Market.select(Market.id, Market.region).where(Market.id.is_in(market_ids))
    occupations = [r["id"] for r in await Occupation.select(Occupation.id)]
    employer = (
        await Employer.select(Employer.id).where(Employer.verification_status == "VERIFIED").first()
    )
    if employer is None:
        return {"history_workers": 0, "history_postings": 0, "history_applications": 0}
    workers = []
    for i in range(WORKERS):
        m = rng.choice(markets)
        phone = phone_columns(f"1370000{i:04d}")
        workers.append(
            Worker(
                name=f"{NAME}{i + 1}",
                phone_hash=phone["phone_hash"],
                phone_encrypted=phone["phone_encrypted"],
                phone_masked=phone["phone_masked"],
                home_region=m["region"],
                registered_market=m["id"],
                created_at=moment(),
            )
        )
    ids = [r["id"] for r in await Worker.insert(*workers).returning(Worker.id)]
    await WorkerOccupation.insert(
        *(WorkerOccupation(worker=w, occupation=rng.choice(occupations)) for w in ids)
    )
    postings = []
    for _ in range(POSTINGS):
        m, published = rng.choice(markets), moment()
        starts = published + timedelta(days=rng.randint(1, 5))
        daily = rng.randrange(15000, 40000, 500)
        postings.append(
            jp.JobPosting(
                employer=employer["id"],
                market=m["id"],
                occupation=rng.choice(occupations),
                title="往期岗位（监测样例）",
                headcount=rng.randint(1, 8),
                wage_fen=daily,
                wage_unit="DAY",
                daily_wage_fen=daily,
                starts_at=starts,
                ends_at=starts + timedelta(hours=8),
                address="演示地址",
                region=m["region"],
                status="CLOSED" if starts < end else "OPEN",
                published_at=published,
            )
        )
    rows = await jp.JobPosting.insert(*postings).returning(
        jp.JobPosting.id, jp.JobPosting.published_at, jp.JobPosting.starts_at
    )
    applications: list[jp.JobApplication] = []
    taken: set[tuple[int, int]] = set()
    while len(applications) < APPLICATIONS:
        p, worker = rng.choice(rows), rng.choice(ids)
        if (p["id"], worker) in taken:
            continue
        taken.add((p["id"], worker))
        applied = p["published_at"] + timedelta(minutes=rng.randint(5, 1440))
        confirmed = applied + timedelta(minutes=rng.randint(10, 600))
        outcome = rng.choices(("COMPLETED", "CANCELLED", "APPLIED"), (6, 1, 3))[0]
        done = outcome == "COMPLETED" and p["starts_at"] + timedelta(hours=8) < end
        applications.append(
            jp.JobApplication(
                posting=p["id"],
                worker=worker,
                status=outcome if outcome != "COMPLETED" or done else "CONFIRMED",
                starts_at=p["starts_at"],
                ends_at=p["starts_at"] + timedelta(hours=8),
                applied_at=min(applied, end),
                confirmed_at=min(confirmed, end) if outcome != "APPLIED" else None,
                checked_in_at=p["starts_at"] if done else None,
                completed_at=p["starts_at"] + timedelta(hours=8) if done else None,
                cancelled_at=min(confirmed + timedelta(hours=2), end)
                if outcome == "CANCELLED"
                else None,
            )
        )
    await jp.JobApplication.insert(*applications)
    booked = Counter(a.posting for a in applications if a.status == "CONFIRMED")
    for posting_id, n in booked.items():
        await jp.JobPosting.update({jp.JobPosting.confirmed_count: n}).where(
            jp.JobPosting.id == posting_id
        )
    await refresh()
    return {
        "history_workers": len(ids),
        "history_postings": len(rows),
        "history_applications": len(applications),
    }
