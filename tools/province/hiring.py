"""Job postings over the past year and the next four weeks, with their applications: statuses,
timestamps and confirmed counts as the hiring rules leave them (services/job_posting/)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from services.job_posting.expiry import EXPIRED_REASON
from services.job_posting.wage import daily_fen
from tools.province.sizes import FUTURE_DAYS, PAST_DAYS
from tools.province.world import Batch, World, near, pick

POSTING_COLUMNS = (
    "id", "employer", "market", "occupation", "title", "description", "headcount", "wage_fen",
    "wage_unit", "daily_wage_fen", "starts_at", "ends_at", "address", "region", "latitude",
    "longitude", "same_day", "prefer_assisted", "public_welfare", "status", "confirmed_count",
    "version", "published_at", "closed_at", "created_at", "updated_at",
)  # fmt: skip
APPLICATION_COLUMNS = (
    "id", "posting", "worker", "status", "channel", "starts_at", "ends_at", "applied_at",
    "confirmed_at", "checked_in_at", "checked_in_by", "completed_at", "cancelled_at",
    "cancelled_by", "cancel_reason", "no_show_at", "posting_change", "posting_changed_at",
    "version",
)  # fmt: skip
# A place is taken (counted in confirmed_count) from confirmation on, no-shows included.
TAKING = {"CONFIRMED", "CHECKED_IN", "COMPLETED", "NO_SHOW"}
BOOKED = {"CONFIRMED", "CHECKED_IN"}
WAGES = (  # unit, share, fen range per unit
    ("HOUR", 0.40, (20_00, 45_00)),
    ("DAY", 0.45, (150_00, 400_00)),
    ("PIECE", 0.10, (1_00, 20_00)),
    ("MONTH", 0.05, (5_000_00, 9_000_00)),
)
PAST = (("COMPLETED", 0.55), ("CANCELLED", 0.15), ("NO_SHOW", 0.04), ("CHECKED_IN", 0.01))
AHEAD = (("CONFIRMED", 0.40), ("CANCELLED", 0.12))
# The expiry sweep runs once a minute (services/job_posting/rules.SWEEP_INTERVAL_SECONDS): what
# it stores for an ended window carries a time within a minute of the end.
SWEPT_AFTER = timedelta(minutes=1)
WORDS = ("急招", "长期", "日结", "包午餐", "周末", "夜班", "熟手优先", "可带徒弟")


class Bookings:
    """Workers booked (confirmed or checked in) per day: one shift a day each, so no two booked
    shifts overlap. Postings come in day order (±3 days), so only a week of days is kept."""

    def __init__(self) -> None:
        self.days: dict[int, set[int]] = {}

    def take(self, day: int, worker: int) -> bool:
        taken = self.days.setdefault(day, set())
        if worker in taken:
            return False
        taken.add(worker)
        return True

    def forget_before(self, day: int) -> None:
        for old in [d for d in self.days if d < day]:
            del self.days[old]


def _wage(rng: random.Random) -> tuple[str, int, int | None]:
    unit = pick(rng, [(u, s) for u, s, _ in WAGES]) or "DAY"
    low, high = next(r for u, _, r in WAGES if u == unit)
    fen = rng.randint(low // 50, high // 50) * 50
    return unit, fen, daily_fen(fen, unit)


def _employer(world: World, rng: random.Random) -> int:
    # Every tenth employer of the run is still unverified and cannot publish: use its neighbour.
    k = rng.randrange(world.sizes.employers)
    return world.first_id["employer"] + (k - 1 if k % 10 == 9 else k)


def _applications_before(world: World, j: int) -> int:
    return round(j * world.sizes.applications_per_posting)


def postings(world: World, start: int, stop: int, batch: int, bookings: Bookings) -> Batch:
    rng = world.rng("posting", batch)
    window = PAST_DAYS + FUTURE_DAYS
    total = max(1, world.sizes.postings)
    posts, applications = [], []
    bookings.forget_before(-PAST_DAYS + window * start // total - 7)
    for j in range(start, stop):
        number = world.first_id["job_posting"] + j
        day = min(
            FUTURE_DAYS - 1, max(-PAST_DAYS, -PAST_DAYS + window * j // total + rng.randint(-3, 3))
        )
        site = world.sites[rng.randrange(len(world.sites))]
        occupation = rng.choice(site.occupations)
        starts = world.moment(day + rng.randint(12, 28) / 48)  # 06:00 to 14:00
        ends = starts + timedelta(hours=rng.randint(4, 9))
        published = min(starts - timedelta(hours=rng.randint(6, 120)), world.moment(-1 / 24))
        draft = day >= 0 and rng.random() < 0.02
        headcount = rng.randint(1, 8)
        unit, fen, daily = _wage(rng)
        latitude, longitude = near(rng, site.latitude, site.longitude, 0.05)
        first_app = world.first_id["job_application"] + _applications_before(world, j)
        wanted = 0 if draft else _applications_before(world, j + 1) - _applications_before(world, j)
        taken = 0
        # Only workers registered before the posting was published can have applied to it.
        pool = world.registered_by(day)
        workers = rng.sample(range(pool), k=min(wanted, pool))
        for r, index in enumerate(workers):
            worker = world.first_id["worker"] + index
            status = pick(rng, PAST if day < 0 else AHEAD) or "APPLIED"
            if status in TAKING and taken >= headcount:
                status = "APPLIED"  # full: the employer never confirmed this one
            if status in BOOKED and not bookings.take(day, worker):
                status = "CANCELLED"  # the worker had a shift that day and withdrew
            taken += status in TAKING
            applications.append(
                _application(
                    rng, first_app + r, number, worker, status, starts, ends, published, world
                )
            )
        status, closed = _posting_status(rng, day, draft, taken, headcount, ends)
        posts.append(
            (
                number,
                _employer(world, rng),
                site.id,
                occupation,
                f"{world.occupations[occupation]}（{site.county.name}·{rng.choice(WORDS)}）",
                f"{site.county.city_name}{site.county.name}，{rng.choice(WORDS)}，工作 {(ends - starts).seconds // 3600} 小时",
                headcount,
                fen,
                unit,
                daily,
                starts,
                ends,
                f"{site.county.city_name}{site.county.name}{rng.randint(1, 999)}号",
                site.county.id,
                latitude,
                longitude,
                rng.random() < 0.2,
                rng.random() < 0.05,
                rng.random() < 0.01,
                status,
                taken,
                0,
                None if draft else published,
                closed,
                published - timedelta(minutes=rng.randint(5, 120)),
                closed or (starts if day < 0 else published),
            )
        )
    return {
        "job_posting": (POSTING_COLUMNS, posts),
        "job_application": (APPLICATION_COLUMNS, applications),
    }


def _posting_status(
    rng: random.Random, day: int, draft: bool, taken: int, headcount: int, ends: datetime
) -> tuple[str, datetime | None]:
    if draft:
        return "DRAFT", None
    if taken >= headcount:
        return "FILLED", None
    if day >= 0:
        return "OPEN", None
    if rng.random() < 0.3:  # closed by the employer after the work was done
        return "CLOSED", ends + timedelta(hours=rng.randint(1, 48))
    return "EXPIRED", ends + SWEPT_AFTER  # stored by the expiry sweep


def _application(
    rng: random.Random,
    number: int,
    posting: int,
    worker: int,
    status: str,
    starts: datetime,
    ends: datetime,
    published: datetime,
    world: World,
) -> tuple:
    latest = min(starts, world.moment(-1 / 48))
    applied = published + (latest - published) * rng.uniform(0.0, 0.6)
    applied = applied.replace(microsecond=0)
    confirmed = checked_in = completed = cancelled = no_show = None
    checked_by = cancelled_by = reason = ""
    if status in TAKING or (status == "CANCELLED" and rng.random() < 0.3):
        confirmed = (applied + (latest - applied) * rng.uniform(0.1, 0.5)).replace(microsecond=0)
    if status in ("CHECKED_IN", "COMPLETED"):
        checked_in = starts + timedelta(minutes=rng.randint(0, 20))
        checked_by = "EMPLOYER" if rng.random() < 0.8 else "OPERATOR"
    if status == "COMPLETED":
        completed = ends + timedelta(minutes=rng.randint(0, 59))
    if status == "NO_SHOW":
        no_show = starts + timedelta(minutes=rng.randint(30, 90))
    if status == "CANCELLED":
        after = confirmed or applied
        cancelled = (after + (latest - after) * rng.uniform(0.2, 0.9)).replace(microsecond=0)
        cancelled_by = "WORKER" if confirmed is None or rng.random() < 0.7 else "EMPLOYER"
        reason = "临时有事" if cancelled_by == "WORKER" else "岗位人员已安排"
    channel = "ON_SITE" if rng.random() < 0.15 else "ONLINE"
    version = 0
    if status == "APPLIED" and ends <= world.anchor:
        # Never confirmed, and the shift is over: the expiry sweep has cancelled it. (Decided
        # after the last draw: every other row stays as the same seed wrote it before.)
        status, version = "CANCELLED", 1
        cancelled, cancelled_by, reason = ends + SWEPT_AFTER, "SYSTEM", EXPIRED_REASON
    return (
        number, posting, worker, status, channel, starts, ends, applied, confirmed, checked_in,
        checked_by, completed, cancelled, cancelled_by, reason, no_show, "", None, version,
    )  # fmt: skip
