"""Training courses over the past year and the next four weeks (（九）), each with its sessions,
its enrolments and the attendance of the sessions already held: statuses and counts as the
training rules leave them (services/training/)."""

from __future__ import annotations

import random
from datetime import timedelta

from tools.province.sizes import FUTURE_DAYS, PAST_DAYS
from tools.province.world import Batch, World, pick

COURSE_COLUMNS = (
    "id", "market", "operator", "institution", "occupation", "title", "description", "category",
    "mode", "venue", "address", "region", "latitude", "longitude", "capacity", "enrolled_count",
    "queue_counter", "fee_fen", "subsidised", "status", "starts_at", "ends_at", "version",
    "published_at", "closed_at", "created_at", "updated_at",
)  # fmt: skip
SESSION_COLUMNS = ("id", "course", "seq", "starts_at", "ends_at")
ENROLMENT_COLUMNS = (
    "id", "course", "worker", "status", "queue_no", "requested_at", "enrolled_at",
    "withdrawn_at", "withdrawn_by", "completed_at", "certificate_no", "version",
)  # fmt: skip
ATTENDANCE_COLUMNS = ("id", "enrolment", "session", "present", "recorded_at", "recorded_by")
CATEGORIES = (("URGENT_SKILL", 0.4), ("NEW_OCCUPATION", 0.2), ("ENTREPRENEURSHIP", 0.1))
MODES = (("OFFLINE", 0.6), ("ONLINE", 0.2))  # the rest HYBRID
SESSIONS = 2  # on consecutive days, three hours each, from 09:00
WITHDRAWN = 0.08  # of the requests: they hold no place
COMPLETED = 0.85  # of the places of a course that has ended: the others never finished it
PRESENT = 0.9
COURSES_PER_BATCH = 1_000  # ~30,000 enrolments and ~40,000 attendance rows a batch


class Ids:
    """The next enrolment and attendance ids: a course's number of requests is drawn, so these
    run on from batch to batch (the batches are always built in order, from the same seed)."""

    def __init__(self, world: World) -> None:
        self.enrolment = world.first_id["training_enrolment"]
        self.attendance = world.first_id["training_attendance"]


def courses(world: World, start: int, stop: int, batch: int, ids: Ids) -> Batch:
    """Courses `start`..`stop` of the run, in start order, each with everything under it."""
    rng = world.rng("training", batch)
    total = max(1, world.sizes.courses)
    window = PAST_DAYS + FUTURE_DAYS
    rows: dict[str, list[tuple]] = {"course": [], "session": [], "enrolment": [], "attendance": []}
    for k in range(start, stop):
        day = -PAST_DAYS + window * (2 * k + 1) // (2 * total)  # each in the middle of its share
        rows["course"].append(_course(world, rng, ids, k, day, rows))
    return {
        "training_course": (COURSE_COLUMNS, rows["course"]),
        "training_session": (SESSION_COLUMNS, rows["session"]),
        "training_enrolment": (ENROLMENT_COLUMNS, rows["enrolment"]),
        "training_attendance": (ATTENDANCE_COLUMNS, rows["attendance"]),
    }


def _course(world: World, rng: random.Random, ids: Ids, k: int, day: int, rows: dict) -> tuple:
    number = world.first_id["training_course"] + k
    site = world.sites[rng.randrange(len(world.sites))]
    occupation = rng.choice(site.occupations)
    mode = pick(rng, MODES) or "HYBRID"
    starts = world.moment(day + 9 / 24)  # 09:00
    sessions = [
        (world.first_id["training_session"] + k * SESSIONS + s, starts + timedelta(days=s))
        for s in range(SESSIONS)
    ]
    for s, (session, opens) in enumerate(sessions):
        rows["session"].append((session, number, s + 1, opens, opens + timedelta(hours=3)))
    ends = sessions[-1][1] + timedelta(hours=3)
    published = starts - timedelta(days=rng.randint(7, 21))
    capacity = rng.randint(2, 6) * 10
    placed, queued = _enrolments(world, rng, ids, number, day, capacity, published, sessions, rows)
    # Stored as the enrolment rules leave it: an ended course reads FINISHED without a write
    # (services/training/rules.effective_status).
    status = "FULL" if placed >= capacity else "OPEN"
    venue = None if mode == "ONLINE" else site.id
    return (
        number, site.id, site.operator, None, occupation,
        f"{world.occupations[occupation]}技能培训（{site.county.name}）",
        f"{site.county.city_name}{site.county.name}，共 {SESSIONS} 次课",
        pick(rng, CATEGORIES) or "GENERAL", mode, venue,
        "" if venue is None else f"{site.county.city_name}{site.county.name}",
        site.county.id, None if venue is None else site.latitude,
        None if venue is None else site.longitude, capacity, placed, queued,
        0 if rng.random() < 0.7 else rng.randint(1, 20) * 100_00, rng.random() < 0.6, status,
        starts, ends, 0, published, None, published - timedelta(days=1), published,
    )  # fmt: skip


def _enrolments(
    world: World,
    rng: random.Random,
    ids: Ids,
    course: int,
    day: int,
    capacity: int,
    published,
    sessions: list,
    rows: dict,
) -> tuple[int, int]:
    """The course's requests in queue order: places taken in turn up to its capacity, the
    rest waitlisted; withdrawn requests hold none. Returns (places taken, requests): the
    course's enrolled_count (finishing keeps a place) and queue_counter."""
    requests = round(capacity * rng.uniform(0.3, 1.3))
    # Only workers registered before the course was published (up to 21 days before it starts)
    # can have asked for a place.
    pool = world.registered_by(day - 21)
    chosen = rng.sample(range(pool), k=min(requests, pool))
    latest = min(sessions[0][1], world.moment(-1 / 48))
    held = [opens for _, opens in sessions if opens <= world.anchor]
    finished = len(held) == len(sessions) and sessions[-1][1] + timedelta(hours=3) <= world.anchor
    placed = 0
    for queue_no, index in enumerate(chosen, start=1):
        number, ids.enrolment = ids.enrolment, ids.enrolment + 1
        requested = (published + (latest - published) * rng.uniform(0, 0.9)).replace(microsecond=0)
        status, enrolled, withdrawn, completed, certificate = "WAITLISTED", None, None, None, None
        if rng.random() < WITHDRAWN:
            status = "WITHDRAWN"
            withdrawn = (requested + (latest - requested) * rng.uniform(0.1, 0.9)).replace(
                microsecond=0
            )
        elif placed < capacity:
            placed += 1
            status, enrolled = "ENROLLED", requested
            # Completion needs every session attended (services/training/attendance.complete).
            done = finished and rng.random() < COMPLETED
            if done:
                status, completed = "COMPLETED", sessions[-1][1] + timedelta(hours=4)
                certificate = f"PX{course:08d}-{queue_no:03d}"
            for k, (session, opens) in enumerate(sessions[: len(held)]):
                present = done or rng.random() < PRESENT
                if finished and not done and k == len(sessions) - 1:
                    present = False  # an enrolment left open missed a session
                recorded = opens + timedelta(hours=3, minutes=rng.randint(0, 30))
                rows["attendance"].append(
                    (ids.attendance, number, session, present, recorded, "OPERATOR")
                )
                ids.attendance += 1
        rows["enrolment"].append(
            (
                number, course, world.first_id["worker"] + index, status, queue_no, requested,
                enrolled, withdrawn, "WORKER" if withdrawn else "", completed, certificate,
                int(status in ("WITHDRAWN", "COMPLETED")),
            )
        )  # fmt: skip
    return placed, len(chosen)
