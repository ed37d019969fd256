"""Baseline of MyTrainingEnrolments (first: 20) for the worker of the token: their enrolments,
newest request first, each with its course's card, attendance and place in the waitlist. And of
ManagedTrainings (first: 20) for the operator of the token: their markets' courses, newest
first, each card with its sessions, waitlist and enrolments (trainees, attendance)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from tools.bench.baselines.common import (
    CENT,
    best_first,
    cursor,
    global_id,
    matches_connection,
    raw,
    raw_in,
)

# The TrainingCard's columns (course c, region r, occupation oc, market m, institution i,
# operator o), read by both pages.
CARD_COLUMNS = """
       c.title, c.status, c.category, c.mode, c.fee_fen, c.subsidised, c.capacity,
       c.enrolled_count, c.starts_at, c.ends_at, c.address, c.latitude, c.longitude,
       c.institution, i.name AS institution_name, o.name AS operator_name,
       r.code AS region_code, r.name AS region_name,
       oc.id AS occupation_id, oc.code AS occupation_code, oc.name AS occupation_name,
       m.id AS market_id, m.name AS market_name
"""

PAGE = (
    """
SELECT e.id, e.course, e.status AS enrolment_status, e.queue_no, e.requested_at,
       e.enrolled_at, e.completed_at, e.certificate_no,
"""
    + CARD_COLUMNS
    + """FROM training_enrolment e
JOIN training_course c ON c.id = e.course
JOIN region r ON r.id = c.region
LEFT JOIN occupation oc ON oc.id = c.occupation
LEFT JOIN market m ON m.id = c.market
LEFT JOIN training_institution i ON i.id = c.institution
LEFT JOIN operator o ON o.id = c.operator
WHERE e.worker = {}
ORDER BY e.requested_at DESC, e.id DESC
LIMIT {}
"""
)
COUNT = "SELECT COUNT(*) AS n FROM training_enrolment WHERE worker = {}"
ATTENDANCE = """
SELECT a.enrolment, s.seq, a.present FROM training_attendance a
JOIN training_session s ON s.id = a.session
WHERE a.enrolment IN (@ids) ORDER BY a.enrolment, s.seq
"""
WAITLISTS = """
SELECT course, queue_no FROM training_enrolment
WHERE status = 'WAITLISTED' AND course IN (@ids) ORDER BY course, queue_no
"""
# A course's window that ends turns these into FINISHED as readers see them.
PUBLISHED = ("OPEN", "FULL")


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _instant(value: Any) -> str | None:
    return None if value is None else _utc(value).isoformat()


def _card(r: dict, moment: datetime) -> dict:
    """The TrainingCard fragment of a row of PAGE's columns."""
    status = r["status"]
    if status in PUBLISHED and _utc(r["ends_at"]) <= moment:
        status = "FINISHED"
    located = r["latitude"] is not None and r["longitude"] is not None
    if r["institution"] is not None:
        provider = {"kind": "INSTITUTION", "name": r["institution_name"]}
    else:
        provider = {"kind": "OPERATOR", "name": r["operator_name"] or ""}
    return {
        "id": global_id("Training", r["course"]),
        "title": r["title"],
        "status": status,
        "category": r["category"],
        "mode": r["mode"],
        "fee": str((Decimal(r["fee_fen"]) / 100).quantize(CENT)),
        "subsidised": bool(r["subsidised"]),
        "capacity": r["capacity"],
        "seatsLeft": max(r["capacity"] - r["enrolled_count"], 0),
        "startsAt": _instant(r["starts_at"]),
        "endsAt": _instant(r["ends_at"]),
        "distanceKm": None,
        "provider": provider,
        "place": {
            "address": r["address"] or None,
            "region": {"code": r["region_code"], "name": r["region_name"]},
            "location": {"latitude": r["latitude"], "longitude": r["longitude"]}
            if located
            else None,
        },
        "occupation": None
        if r["occupation_id"] is None
        else {
            "id": global_id("Occupation", r["occupation_id"]),
            "code": r["occupation_code"],
            "name": r["occupation_name"],
        },
        "market": None
        if r["market_id"] is None
        else {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
    }


async def worker_enrolments(first: int, token: str | None = None) -> dict:
    """The `data` of MyTrainingEnrolments(first: N) for the worker whose token it is."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    worker = await signed_in(token, "WORKER")
    moment = now()
    page, counted = await asyncio.gather(raw(PAGE, worker, first + 1), raw(COUNT, worker))
    rows = page[:first]
    attendance: dict[int, list] = defaultdict(list)
    queues: dict[int, list[int]] = defaultdict(list)
    if rows:
        marks, waiting = await asyncio.gather(
            raw_in(ATTENDANCE, [r["id"] for r in rows]),
            raw_in(WAITLISTS, list({r["course"] for r in rows})),
        )
        for a in marks:
            attendance[a["enrolment"]].append({"seq": a["seq"], "present": bool(a["present"])})
        for w in waiting:
            queues[w["course"]].append(w["queue_no"])
    nodes = []
    for r in rows:
        queue = queues[r["course"]]
        waitlisted = r["enrolment_status"] == "WAITLISTED" and r["queue_no"] in queue
        nodes.append(
            {
                "id": global_id("TrainingEnrolment", r["id"]),
                "status": r["enrolment_status"],
                "waitlistPosition": queue.index(r["queue_no"]) + 1 if waitlisted else None,
                "requestedAt": _instant(r["requested_at"]),
                "enrolledAt": _instant(r["enrolled_at"]),
                "completedAt": _instant(r["completed_at"]),
                "certificateNo": r["certificate_no"],
                "attendance": attendance.get(r["id"], []),
                "training": _card(r, moment),
            }
        )
    last = rows[-1] if rows else None
    return {
        "myTrainingEnrolments": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["requested_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }


# ManagedTrainings: the same card's columns, for the courses of the operator's markets.
MANAGED_PAGE = (
    """
SELECT c.id AS course, c.created_at,
"""
    + CARD_COLUMNS
    + """FROM training_course c
JOIN market m ON m.id = c.market
JOIN region r ON r.id = c.region
LEFT JOIN occupation oc ON oc.id = c.occupation
LEFT JOIN training_institution i ON i.id = c.institution
LEFT JOIN operator o ON o.id = c.operator
WHERE m.operator = {}
ORDER BY c.created_at DESC, c.id DESC
LIMIT {}
"""
)
MANAGED_COUNT = """
SELECT COUNT(*) AS n FROM training_course c JOIN market m ON m.id = c.market
WHERE m.operator = {}
"""
SESSIONS = """
SELECT id, course, seq, starts_at, ends_at FROM training_session
WHERE course IN (@ids) ORDER BY course, seq
"""
ENROLMENTS = """
SELECT e.id, e.course, e.status, e.queue_no, e.certificate_no, e.worker,
       w.name, w.phone_masked
FROM training_enrolment e JOIN worker w ON w.id = e.worker
WHERE e.course IN (@ids) ORDER BY e.course, e.queue_no, e.id
"""
COURSE_ATTENDANCE = """
SELECT a.enrolment, s.seq, a.present FROM training_attendance a
JOIN training_session s ON s.id = a.session
JOIN training_enrolment e ON e.id = a.enrolment
WHERE e.course IN (@ids) ORDER BY a.enrolment, s.seq
"""
ENROLMENTS_SHOWN = 500  # Training.enrolments shows the first 500 in queue order


async def managed_trainings(first: int, token: str | None = None) -> dict:
    """The `data` of ManagedTrainings(first: N) for the operator whose token it is: the courses
    of their markets, newest first, each card with its sessions, waitlist and enrolments."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    moment = now()
    page, counted = await asyncio.gather(
        raw(MANAGED_PAGE, operator, first + 1), raw(MANAGED_COUNT, operator)
    )
    rows = page[:first]
    sessions: dict[int, list] = defaultdict(list)
    enrolments: dict[int, list[dict]] = defaultdict(list)
    attendance: dict[int, list] = defaultdict(list)
    if rows:
        ids = [r["course"] for r in rows]
        held, enrolled, marks = await asyncio.gather(
            raw_in(SESSIONS, ids), raw_in(ENROLMENTS, ids), raw_in(COURSE_ATTENDANCE, ids)
        )
        for s in held:
            sessions[s["course"]].append(
                {
                    "id": global_id("TrainingSession", s["id"]),
                    "seq": s["seq"],
                    "startsAt": _instant(s["starts_at"]),
                    "endsAt": _instant(s["ends_at"]),
                }
            )
        for e in enrolled:
            enrolments[e["course"]].append(e)
        for a in marks:
            attendance[a["enrolment"]].append({"seq": a["seq"], "present": bool(a["present"])})
    nodes = []
    for r in rows:
        course = enrolments[r["course"]]
        queue = [e["queue_no"] for e in course if e["status"] == "WAITLISTED"]
        shown = [
            {
                "id": global_id("TrainingEnrolment", e["id"]),
                "status": e["status"],
                "waitlistPosition": queue.index(e["queue_no"]) + 1
                if e["status"] == "WAITLISTED"
                else None,
                "certificateNo": e["certificate_no"],
                "worker": {
                    "id": global_id("Worker", e["worker"]),
                    "name": e["name"],
                    "phoneMasked": e["phone_masked"],
                },
                "attendance": attendance.get(e["id"], []),
            }
            for e in course[:ENROLMENTS_SHOWN]
        ]
        nodes.append(
            {
                **_card(r, moment),
                "enrolledCount": r["enrolled_count"],
                "waitlistCount": len(queue),
                "sessions": sessions.get(r["course"], []),
                "enrolments": shown,
            }
        )
    last = rows[-1] if rows else None
    return {
        "managedTrainings": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["created_at"]), last["course"]) if last else None,
            },
            "nodes": nodes,
        }
    }


# RecommendedTrainings (first: 20) for the worker of the token: their row, occupations, shifts
# still to end, the open postings per occupation near them (their city, else their county), and
# the published courses not started that they are not enrolled in (500 at most, soonest
# first), side by side; scored by the same rules the API uses (services/training/matching.py:
# the rules, not a copy); then the page's cards.
RECOMMENDED_FIRST = 20
LEARNER = """
SELECT w.id, w.latitude, w.longitude, hr.code AS "home_region.code",
       hr.name AS "home_region.name", hp.code AS "home_region.parent.code"
FROM worker w
LEFT JOIN region hr ON hr.id = w.home_region
LEFT JOIN region hp ON hp.id = hr.parent
WHERE w.id = {}
"""
LEARNER_OCCUPATIONS = "SELECT occupation FROM worker_occupation WHERE worker = {}"
LEARNER_SHIFTS = """
SELECT starts_at, ends_at FROM job_application
WHERE worker = {} AND status IN ('CONFIRMED', 'CHECKED_IN') AND ends_at > {}
"""
DEMAND = """
SELECT j.occupation, COUNT(*) AS n
FROM worker w
LEFT JOIN region hr ON hr.id = w.home_region
LEFT JOIN region hp ON hp.id = hr.parent
JOIN job_posting j ON j.status = 'OPEN' AND j.ends_at > {}
JOIN region jr ON jr.id = j.region
LEFT JOIN region jp ON jp.id = jr.parent
WHERE w.id = {} AND CASE WHEN hp.code IS NOT NULL THEN jp.code = hp.code
                         ELSE j.region = w.home_region END
GROUP BY j.occupation
"""
RECOMMENDABLE = """
SELECT c.id, c.occupation, oc.name AS "occupation.name", r.code AS "region.code",
       r.name AS "region.name", rp.code AS "region.parent.code", c.latitude, c.longitude,
       c.mode, c.category, c.subsidised, c.fee_fen, c.starts_at, c.ends_at
FROM training_course c
JOIN region r ON r.id = c.region
LEFT JOIN region rp ON rp.id = r.parent
LEFT JOIN occupation oc ON oc.id = c.occupation
WHERE c.status IN ('OPEN', 'FULL') AND c.starts_at > {}
  AND c.id NOT IN (SELECT course FROM training_enrolment WHERE worker = {})
ORDER BY c.starts_at
LIMIT 500
"""
RECOMMENDED_CARDS = (
    "SELECT c.id AS course,"
    + CARD_COLUMNS
    + """FROM training_course c
JOIN region r ON r.id = c.region
LEFT JOIN occupation oc ON oc.id = c.occupation
LEFT JOIN market m ON m.id = c.market
LEFT JOIN training_institution i ON i.id = c.institution
LEFT JOIN operator o ON o.id = c.operator
WHERE c.id IN (@ids)
"""
)


async def recommended_trainings(first: int, token: str | None = None) -> dict:
    """The `data` of RecommendedTrainings(first: N) for the worker whose token it is."""
    from services.job_posting.matching import worker_place
    from services.timeutil import now
    from services.training.matching import score_course
    from tools.bench.baselines.worker import signed_in

    worker_id = await signed_in(token, "WORKER")
    moment = now()
    found, occupations, shifts, demand, courses = await asyncio.gather(
        raw(LEARNER, worker_id),
        raw(LEARNER_OCCUPATIONS, worker_id),
        raw(LEARNER_SHIFTS, worker_id, moment),
        raw(DEMAND, moment, worker_id),
        raw(RECOMMENDABLE, moment, worker_id),
    )
    place = worker_place(found[0])
    mine = {r["occupation"] for r in occupations}
    booked = [(_utc(r["starts_at"]), _utc(r["ends_at"])) for r in shifts]
    wanted = {r["occupation"]: r["n"] for r in demand}
    scored = []
    for row in courses:
        course = {**row, "starts_at": _utc(row["starts_at"]), "ends_at": _utc(row["ends_at"])}
        if any(s < course["ends_at"] and e > course["starts_at"] for s, e in booked):
            continue
        match = score_course(place, mine, wanted, course, moment)
        if match is not None:
            scored.append((match, course["id"]))
    page = best_first(scored, first)
    cards = {}
    if page:
        for r in await raw_in(RECOMMENDED_CARDS, [i for _, i in page]):
            cards[r["course"]] = _card(r, moment)
    for match, i in page:
        cards[i]["distanceKm"] = match.nearby_km
    return {"recommendedTrainings": matches_connection(scored, first, "training", cards)}
