"""Baselines of PostingSearch (first: N): open ordinary postings, soonest start first; and of
EmployerPostings (first: 20): the signed-in employer's own postings, newest first."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any

from schema.common import COUNT_CAP
from tools.bench.baselines.common import (
    CENT,
    SHANGHAI,
    best_first,
    cursor,
    global_id,
    matches_connection,
    raw,
    raw_in,
)

POSTING_PAGE = """
SELECT j.id, j.title, j.headcount, j.confirmed_count, j.same_day, j.prefer_assisted,
       j.starts_at, j.ends_at, j.wage_fen, j.wage_unit, j.daily_wage_fen, j.address,
       j.latitude, j.longitude, r.code AS region_code, r.name AS region_name,
       oc.id AS occupation_id, oc.code AS occupation_code, oc.name AS occupation_name,
       m.id AS market_id, m.name AS market_name,
       e.id AS employer_id, e.name AS employer_name, e.kind AS employer_kind,
       e.verification_status
FROM job_posting j
JOIN region r ON r.id = j.region
JOIN occupation oc ON oc.id = j.occupation
LEFT JOIN market m ON m.id = j.market
JOIN employer e ON e.id = j.employer
WHERE j.status = 'OPEN' AND j.ends_at > {} AND j.public_welfare = {}
ORDER BY j.starts_at, j.id
LIMIT {}
"""
# Counts at most COUNT_CAP + 1 rows, as the API's capped totalCount does.
POSTING_COUNT = f"""
SELECT COUNT(*) AS n FROM (SELECT 1 FROM job_posting
WHERE status = 'OPEN' AND ends_at > {{}} AND public_welfare = {{}} LIMIT {COUNT_CAP + 1}) AS capped
"""


def _yuan(fen: int) -> str:
    return str((Decimal(fen) / 100).quantize(CENT))


def _masked(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def _public_name(kind: str, name: str) -> str:
    # A private person's name is masked for the public (王*), as the API does.
    return _masked(name) if kind == "INDIVIDUAL" else name


def _utc(value: Any) -> datetime:
    # asyncpg and Piccolo's SQLite converter both give aware UTC datetimes; text is accepted.
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def posting_search(first: int) -> dict:
    """The `data` of PostingSearch(first: N) for an anonymous client, default order."""
    from services.timeutil import now

    moment = now()
    page, counted = await asyncio.gather(
        raw(POSTING_PAGE, moment, False, first + 1), raw(POSTING_COUNT, moment, False)
    )
    rows = page[:first]
    nodes = [_card(r, "OPEN", _public_name(r["employer_kind"], r["employer_name"])) for r in rows]
    last = rows[-1] if rows else None
    return {
        "jobPostings": {
            "totalCount": min(counted[0]["n"], COUNT_CAP),
            "totalCountIsExact": counted[0]["n"] <= COUNT_CAP,
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["starts_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }


def _card(r: dict, status: str, employer_name: str) -> dict:
    """The JobPostingCard fragment of a row of POSTING_PAGE's columns."""
    starts, ends = _utc(r["starts_at"]), _utc(r["ends_at"])
    located = r["latitude"] is not None and r["longitude"] is not None
    daily = r["daily_wage_fen"]
    return {
        "id": global_id("JobPosting", r["id"]),
        "title": r["title"],
        "status": status,
        "headcount": r["headcount"],
        "remaining": max(r["headcount"] - r["confirmed_count"], 0),
        "sameDay": bool(r["same_day"]),
        "preferAssisted": bool(r["prefer_assisted"]),
        "startsAt": starts.isoformat(),
        "endsAt": ends.isoformat(),
        "workDate": starts.astimezone(SHANGHAI).date().isoformat(),
        "distanceKm": None,
        "wage": {
            "amount": _yuan(r["wage_fen"]),
            "unit": r["wage_unit"],
            "dailyEquivalent": None if daily is None else _yuan(daily),
        },
        "place": {
            "address": r["address"],
            "region": {"code": r["region_code"], "name": r["region_name"]},
            "location": {"latitude": r["latitude"], "longitude": r["longitude"]}
            if located
            else None,
        },
        "occupation": {
            "id": global_id("Occupation", r["occupation_id"]),
            "code": r["occupation_code"],
            "name": r["occupation_name"],
        },
        "market": None
        if r["market_id"] is None
        else {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
        "employer": {
            "id": global_id("Employer", r["employer_id"]),
            "name": employer_name,
            "verificationStatus": r["verification_status"],
        },
    }


# EmployerPostings (first: 20), for the employer of the token: every status, newest first.
EMPLOYER_PAGE = (
    POSTING_PAGE.split("WHERE")[0]
    + """
WHERE j.employer = {}
ORDER BY j.created_at DESC, j.id DESC
LIMIT {}
"""
)
EMPLOYER_COUNT = "SELECT COUNT(*) AS n FROM job_posting WHERE employer = {}"
COUNTS = """
SELECT posting, status, COUNT(*) AS n FROM job_application WHERE posting IN (@ids)
GROUP BY posting, status
"""
# Windows that end turn these into EXPIRED as readers see them.
ENDING = ("DRAFT", "HELD", "OPEN")
COUNT_KEYS = {
    "applied": "APPLIED",
    "confirmed": "CONFIRMED",
    "checkedIn": "CHECKED_IN",
    "completed": "COMPLETED",
    "cancelled": "CANCELLED",
    "noShow": "NO_SHOW",
}


async def employer_postings(first: int, token: str | None = None) -> dict:
    """The `data` of EmployerPostings(first: N) for the employer whose token it is."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    employer = await signed_in(token, "EMPLOYER")
    moment = now()
    page, counted = await asyncio.gather(
        raw(EMPLOYER_PAGE.replace("SELECT j.id,", "SELECT j.id, j.status, j.created_at, "
            "j.published_at, j.confirmed_count AS confirmed,"), employer, first + 1),
        raw(EMPLOYER_COUNT, employer),
    )  # fmt: skip
    rows = page[:first]
    ids = [r["id"] for r in rows]
    by_status: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        for c in await raw_in(COUNTS, ids):
            by_status[c["posting"]][c["status"]] = c["n"]
    nodes = []
    for r in rows:
        status = r["status"]
        if status in ENDING and _utc(r["ends_at"]) <= moment:
            status = "EXPIRED"
        card = _card(r, status, r["employer_name"])  # their own name, unmasked
        card["confirmedCount"] = r["confirmed"]
        published = r["published_at"]
        card["publishedAt"] = None if published is None else _utc(published).isoformat()
        card["applicationCounts"] = {k: by_status[r["id"]].get(v, 0) for k, v in COUNT_KEYS.items()}
        nodes.append(card)
    last = rows[-1] if rows else None
    return {
        "myJobPostings": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["created_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }


# MyApplications (first: 20), for the worker of the token: every status, newest first, each
# with its posting's card.
APPLICATION_PAGE = """
SELECT a.id, a.status, a.channel, a.applied_at, a.confirmed_at, a.checked_in_at,
       a.completed_at, a.cancelled_at, a.cancel_reason, a.posting_change, a.posting_changed_at,
       j.id AS posting_id, j.title, j.status AS posting_status, j.starts_at, j.ends_at,
       j.wage_fen, j.wage_unit, j.address, e.name AS employer_name, e.kind AS employer_kind
FROM job_application a
JOIN job_posting j ON j.id = a.posting
JOIN employer e ON e.id = j.employer
WHERE a.worker = {}
ORDER BY a.applied_at DESC, a.id DESC
LIMIT {}
"""
APPLICATION_COUNT = "SELECT COUNT(*) AS n FROM job_application WHERE worker = {}"


def _instant(value: Any) -> str | None:
    return None if value is None else _utc(value).isoformat()


async def worker_applications(first: int, token: str | None = None) -> dict:
    """The `data` of MyApplications(first: N) for the worker whose token it is."""
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    worker = await signed_in(token, "WORKER")
    moment = now()
    page, counted = await asyncio.gather(
        raw(APPLICATION_PAGE, worker, first + 1), raw(APPLICATION_COUNT, worker)
    )
    rows = page[:first]
    nodes = []
    for r in rows:
        status = r["posting_status"]
        if status in ENDING and _utc(r["ends_at"]) <= moment:
            status = "EXPIRED"
        changed = r["posting_changed_at"]
        nodes.append(
            {
                "id": global_id("JobApplication", r["id"]),
                "status": r["status"],
                "channel": r["channel"],
                "appliedAt": _instant(r["applied_at"]),
                "confirmedAt": _instant(r["confirmed_at"]),
                "checkedInAt": _instant(r["checked_in_at"]),
                "completedAt": _instant(r["completed_at"]),
                "cancelledAt": _instant(r["cancelled_at"]),
                "cancelReason": r["cancel_reason"] or None,
                "postingChange": None
                if changed is None
                else {"summary": r["posting_change"], "changedAt": _instant(changed)},
                "jobPosting": {
                    "id": global_id("JobPosting", r["posting_id"]),
                    "title": r["title"],
                    "status": status,
                    "startsAt": _instant(r["starts_at"]),
                    "endsAt": _instant(r["ends_at"]),
                    "wage": {"amount": _yuan(r["wage_fen"]), "unit": r["wage_unit"]},
                    "place": {"address": r["address"]},
                    "employer": {"name": _public_name(r["employer_kind"], r["employer_name"])},
                },
            }
        )
    last = rows[-1] if rows else None
    return {
        "myJobApplications": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["applied_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }


# Candidates (first: 20) of the employer's posting: the posting, the free workers near it (its
# occupation, county or city; not applied to it; no booked shift in its window), scored by the
# same rules the API uses (services/job_posting/matching.py: the rules, not a copy), then the
# page's occupations and which of its workers applied to the employer (their names whole).
CANDIDATE_FIRST = 20
CANDIDATE_POSTING = """
SELECT j.id, j.occupation, oc.name AS "occupation.name", j.region, r.code AS "region.code",
       r.name AS "region.name", rp.code AS "region.parent.code", j.latitude, j.longitude,
       j.starts_at, j.ends_at, j.prefer_assisted
FROM job_posting j
JOIN occupation oc ON oc.id = j.occupation
JOIN region r ON r.id = j.region
LEFT JOIN region rp ON rp.id = r.parent
WHERE j.id = {} AND j.employer = {}
"""
SUITED = "EXISTS (SELECT 1 FROM worker_occupation so WHERE so.worker = w.id AND so.occupation = {})"
# One probe per booked status, not `status IN (…)` (nor its OR form, which SQLite rewrites to
# IN): SQLite 3.40.1 answers `worker = ? AND status IN (…) AND starts_at < ?` through
# job_application_worker_window with rows outside the range (resolvers/job_posting/pages.
# free_conditions). On a generated province that left out workers whose only shift was days
# later, and the baseline's candidates differed from the API's.
BOOKED_PROBE = """NOT EXISTS (SELECT 1 FROM job_application b WHERE b.worker = w.id
                  AND b.status = '@status' AND b.starts_at < {} AND b.ends_at > {})"""
CANDIDATES = f"""
SELECT w.id, w.name, w.availability, w.prioritised, w.latitude, w.longitude,
       hr.code AS "home_region.code", hr.name AS "home_region.name",
       hp.code AS "home_region.parent.code", {SUITED} AS suited
FROM worker w
LEFT JOIN region hr ON hr.id = w.home_region
LEFT JOIN region hp ON hp.id = hr.parent
WHERE (w.home_region = {{}} OR hp.code = {{}} OR {SUITED})
  AND w.id NOT IN (SELECT worker FROM job_application WHERE posting = {{}})
  AND {BOOKED_PROBE.replace("@status", "CONFIRMED")}
  AND {BOOKED_PROBE.replace("@status", "CHECKED_IN")}
ORDER BY w.id
LIMIT 1000
"""
CANDIDATE_OCCUPATIONS = """
SELECT wo.worker, oc.id, oc.name FROM worker_occupation wo
JOIN occupation oc ON oc.id = wo.occupation
WHERE wo.worker IN (@ids) ORDER BY wo.worker, oc.id
"""
APPLIED_TO = """
SELECT DISTINCT a.worker FROM job_application a JOIN job_posting j ON j.id = a.posting
WHERE j.employer = {} AND a.worker IN (@ids)
"""


async def candidates(posting_id: int, token: str | None = None) -> dict:
    """The `data` of Candidates(jobPostingId, first: 20) for the posting's employer."""
    from services.job_posting import matching
    from tools.bench.baselines.worker import signed_in

    employer = await signed_in(token, "EMPLOYER")
    found = await raw(CANDIDATE_POSTING, posting_id, employer)
    if not found:
        return {"candidateWorkers": None}
    posting = found[0]
    occupation = posting["occupation"]
    city = posting["region.parent.code"]
    window = (posting["ends_at"], posting["starts_at"])
    rows = await raw(
        CANDIDATES, occupation, posting["region"], city, occupation, posting["id"], *window,
        *window,
    )  # fmt: skip
    place = matching.posting_place(posting)
    prefer = bool(posting["prefer_assisted"])
    scored, rows_by_id = [], {}
    for row in rows:
        match = matching.score_worker(place, posting, row, bool(row["suited"]), prefer)
        if match is not None:
            scored.append((match, row["id"]))
            rows_by_id[row["id"]] = row
    ids = [i for _, i in best_first(scored, CANDIDATE_FIRST)]
    jobs: dict[int, list] = {i: [] for i in ids}
    applied: set[int] = set()
    if ids:
        occupations, applicants = await asyncio.gather(
            raw_in(CANDIDATE_OCCUPATIONS, ids),
            raw(APPLIED_TO.replace("@ids", ",".join("{}" for _ in ids)), employer, *ids),
        )
        for r in occupations:
            jobs[r["worker"]].append({"id": global_id("Occupation", r["id"]), "name": r["name"]})
        applied = {r["worker"] for r in applicants}
    cards = {}
    for i in ids:
        row = rows_by_id[i]
        cards[i] = {
            "id": global_id("Worker", i),
            "name": row["name"] if i in applied else _masked(row["name"]),
            "prioritised": bool(row["prioritised"]),
            "availability": row["availability"] or "",
            "homeRegion": {"code": row["home_region.code"], "name": row["home_region.name"]}
            if row["home_region.code"]
            else None,
            "occupations": jobs[i],
        }
    return {"candidateWorkers": matches_connection(scored, CANDIDATE_FIRST, "worker", cards)}


# RecommendedPostings (first: 20) for the worker of the token: their row (with what their
# service tier is made of), occupations and applications, and the open postings they have not
# applied to, soonest first (500 at most), side by side; scored by the same rules the API uses
# (services/job_posting/matching.py; public-welfare jobs by services/assistance: the rules, not
# a copy); then the page's cards.
RECOMMENDED_FIRST = 20
RECOMMENDING_WORKER = """
SELECT w.id, w.latitude, w.longitude, w.birth_year, w.created_at, w.assistance_encrypted,
       hr.code AS "home_region.code", hr.name AS "home_region.name",
       hp.code AS "home_region.parent.code",
       (SELECT MAX(a.completed_at) FROM job_application a
        WHERE a.worker = w.id AND a.status = 'COMPLETED') AS last_completed,
       (SELECT s.tier FROM worker_service_tier s WHERE s.worker = w.id) AS override
FROM worker w
LEFT JOIN region hr ON hr.id = w.home_region
LEFT JOIN region hp ON hp.id = hr.parent
WHERE w.id = {}
"""
WORKER_OCCUPATIONS = "SELECT occupation FROM worker_occupation WHERE worker = {}"
WORKER_APPLICATIONS = "SELECT status, starts_at, ends_at FROM job_application WHERE worker = {}"
RECOMMENDABLE = """
SELECT j.id, j.occupation, oc.name AS "occupation.name", r.code AS "region.code",
       r.name AS "region.name", rp.code AS "region.parent.code", j.latitude, j.longitude,
       j.starts_at, j.ends_at, j.same_day, j.daily_wage_fen, j.public_welfare
FROM job_posting j
JOIN occupation oc ON oc.id = j.occupation
JOIN region r ON r.id = j.region
LEFT JOIN region rp ON rp.id = r.parent
WHERE j.status = 'OPEN' AND j.ends_at > {}
  AND j.id NOT IN (SELECT posting FROM job_application WHERE worker = {})
ORDER BY j.starts_at
LIMIT 500
"""
RECOMMENDED_CARDS = POSTING_PAGE.split("WHERE")[0] + "WHERE j.id IN (@ids)"


async def recommended_postings(first: int, token: str | None = None) -> dict:
    """The `data` of RecommendedPostings(first: N) for the worker whose token it is."""
    from services.assistance.eligibility import ELIGIBLE_TIERS
    from services.assistance.tier import tier_from_row
    from services.job_posting import matching
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    worker_id = await signed_in(token, "WORKER")
    moment = now()
    found, occupations, applications, candidates = await asyncio.gather(
        raw(RECOMMENDING_WORKER, worker_id),
        raw(WORKER_OCCUPATIONS, worker_id),
        raw(WORKER_APPLICATIONS, worker_id),
        raw(RECOMMENDABLE, moment, worker_id),
    )
    worker = found[0]
    if any(p["public_welfare"] for p in candidates):
        tier = worker["override"]
        if tier is None:
            tier = tier_from_row(worker, worker["last_completed"], moment).tier
        if tier not in ELIGIBLE_TIERS:
            candidates = [p for p in candidates if not p["public_welfare"]]
    booked = [
        (_utc(a["starts_at"]), _utc(a["ends_at"]))
        for a in applications
        if a["status"] in ("CONFIRMED", "CHECKED_IN")
    ]
    place = matching.worker_place(worker)
    mine = {r["occupation"] for r in occupations}
    scored = []
    for posting in candidates:
        starts, ends = _utc(posting["starts_at"]), _utc(posting["ends_at"])
        if any(s < ends and e > starts for s, e in booked):
            continue
        match = matching.score_posting(place, mine, posting, moment)
        if match is not None:
            scored.append((match, posting["id"]))
    page = best_first(scored, first)
    cards = {}
    if page:
        for r in await raw_in(RECOMMENDED_CARDS, [i for _, i in page]):
            cards[r["id"]] = _card(r, "OPEN", _public_name(r["employer_kind"], r["employer_name"]))
    for match, i in page:
        cards[i]["distanceKm"] = match.nearby_km
    return {"recommendedJobPostings": matches_connection(scored, first, "jobPosting", cards)}


# Applicants (first: 20) of the employer's posting, oldest application first: each worker's
# name, priority and occupations, and the phone of a worker the employer confirmed (on any of
# its postings), decrypted for them alone.
APPLICANTS_FIRST = 20
APPLICANTS_POSTING = "SELECT employer FROM job_posting WHERE id = {}"
APPLICANTS_PAGE = f"""
SELECT a.id, a.status, a.applied_at, a.confirmed_at, w.id AS worker, w.name, w.prioritised,
       w.phone_encrypted,
       EXISTS (SELECT 1 FROM job_application c JOIN job_posting cp ON cp.id = c.posting
               WHERE c.worker = w.id AND cp.employer = {{}}
               AND c.status IN ('CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')) AS confirmed
FROM job_application a JOIN worker w ON w.id = a.worker
WHERE a.posting = {{}}
ORDER BY a.applied_at, a.id
LIMIT {APPLICANTS_FIRST + 1}
"""
APPLICANTS_COUNT = "SELECT COUNT(*) AS n FROM job_application WHERE posting = {}"


async def applicants(posting_id: int, token: str | None = None) -> dict:
    """The `data` of Applicants(jobPostingId, first: 20) for the posting's employer."""
    from services.crypto import decrypt
    from tools.bench.baselines.worker import signed_in

    employer = await signed_in(token, "EMPLOYER")
    found, page, counted = await asyncio.gather(
        raw(APPLICANTS_POSTING, posting_id),
        raw(APPLICANTS_PAGE, employer, posting_id),
        raw(APPLICANTS_COUNT, posting_id),
    )
    if not found or found[0]["employer"] != employer:
        return {"jobApplications": None}
    rows = page[:APPLICANTS_FIRST]
    workers = [r["worker"] for r in rows]
    jobs: dict[int, list] = {w: [] for w in workers}
    if workers:
        for r in await raw_in(CANDIDATE_OCCUPATIONS, workers):
            jobs[r["worker"]].append({"id": global_id("Occupation", r["id"]), "name": r["name"]})
    nodes = [
        {
            "id": global_id("JobApplication", r["id"]),
            "status": r["status"],
            "appliedAt": _instant(r["applied_at"]),
            "confirmedAt": _instant(r["confirmed_at"]),
            "worker": {
                "id": global_id("Worker", r["worker"]),
                "name": r["name"],
                "phone": decrypt(r["phone_encrypted"]) if r["confirmed"] else None,
                "prioritised": bool(r["prioritised"]),
                "occupations": jobs[r["worker"]],
            },
        }
        for r in rows
    ]
    last = rows[-1] if rows else None
    return {
        "jobApplications": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > APPLICANTS_FIRST,
                "endCursor": cursor(_utc(last["applied_at"]), last["id"]) if last else None,
            },
            "nodes": nodes,
        }
    }
