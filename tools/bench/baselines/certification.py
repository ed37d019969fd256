"""Baseline of DemonstrationMarkets (first: N): the markets holding a valid certificate, by id."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime
from typing import Any

from tools.bench.baselines.common import SHANGHAI, cursor, global_id, raw, raw_in
from tools.bench.baselines.market import PERIODS, open_at

HOLDERS = "m.id IN (SELECT market FROM demonstration_certificate WHERE revoked_on IS NULL)"
PAGE = f"""
SELECT m.id, m.name, m.ownership, m.address, m.contact_phone, m.latitude, m.longitude,
       r.code AS region_code, r.name AS region_name, rp.code AS region_parent_code
FROM market m
JOIN region r ON r.id = m.region
LEFT JOIN region rp ON rp.id = r.parent
WHERE {HOLDERS} AND m.status <> 'CLOSED'
ORDER BY m.id
LIMIT {{}}
"""
COUNT = f"SELECT COUNT(*) AS n FROM market m WHERE {HOLDERS} AND m.status <> 'CLOSED'"
CERTIFICATES = """
SELECT market, year, certified_at, certificate_no FROM demonstration_certificate
WHERE market IN (@ids) AND revoked_on IS NULL ORDER BY year
"""


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def demonstration_markets(first: int) -> dict:
    """The `data` of DemonstrationMarkets(first: N), every year."""
    here = datetime.now(SHANGHAI)
    page, counted = await asyncio.gather(raw(PAGE, first + 1), raw(COUNT))
    rows = page[:first]
    ids = [r["id"] for r in rows]
    hours: dict[int, list] = defaultdict(list)
    latest: dict[int, dict] = {}
    if ids:
        p_rows, c_rows = await asyncio.gather(raw_in(PERIODS, ids), raw_in(CERTIFICATES, ids))
        for r in p_rows:
            hours[r["market"]].append(r)
        for r in c_rows:
            latest[r["market"]] = r  # ordered by year: the latest wins
    nodes = []
    for r in rows:
        mid = r["id"]
        certificate = latest.get(mid)
        nodes.append(
            {
                "id": global_id("Market", mid),
                "name": r["name"],
                "ownership": r["ownership"],
                "address": r["address"],
                "contactPhone": r["contact_phone"],
                "isOpenNow": open_at(hours.get(mid, []), here),
                "region": {
                    "code": r["region_code"],
                    "name": r["region_name"],
                    "parentCode": r["region_parent_code"],
                },
                "location": {"latitude": r["latitude"], "longitude": r["longitude"]},
                "demonstration": None
                if certificate is None
                else {
                    "year": certificate["year"],
                    "certifiedAt": _utc(certificate["certified_at"]).isoformat(),
                    "certificateNo": certificate["certificate_no"],
                },
            }
        )
    return {
        "demonstrationMarkets": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": nodes,
        }
    }


# MyCertificationApplications: the applications of the markets the operator of the token runs,
# newest first, each with its market, standard, scores (by item, then criterion) and evidence.
APPLICATIONS = """
SELECT a.id, a.year, a.status, a.submitted_at, a.city_recommended_at, a.assessed_at,
       a.total_score, a.publicity_starts_on, a.publicity_ends_on, a.decided_at, a.decision_note,
       m.id AS market_id, m.name AS market_name,
       s.name AS standard_name, s.pass_score, s.relaxed_pass_score, d.certificate_no
FROM certification_application a
JOIN market m ON m.id = a.market
JOIN certification_standard s ON s.id = a.standard
LEFT JOIN demonstration_certificate d ON d.application = a.id
WHERE m.operator = {}
ORDER BY a.id DESC
LIMIT {}
"""
APPLICATIONS_COUNT = """
SELECT COUNT(*) AS n FROM certification_application a JOIN market m ON m.id = a.market
WHERE m.operator = {}
"""
SCORES = """
SELECT s.application, s.self_score, s.assessor_score, c.id, c.text, c.max_score
FROM certification_score s
JOIN certification_criterion c ON c.id = s.criterion
JOIN certification_item i ON i.id = c.item
WHERE s.application IN (@ids)
ORDER BY s.application, i.position, c.position, c.id
"""
EVIDENCE = """
SELECT application, title, file FROM certification_evidence
WHERE application IN (@ids) ORDER BY application, id
"""


def _instant(value: Any) -> str | None:
    return None if value is None else _utc(value).isoformat()


def _day(value: Any) -> str | None:
    # asyncpg gives a date; SQLite the ISO text Piccolo stored.
    return None if value is None else str(value)[:10]


async def caller_applications(first: int, token: str | None = None) -> dict:
    """The `data` of MyCertificationApplications(first: N) for the operator whose token it is."""
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    page, counted = await asyncio.gather(
        raw(APPLICATIONS, operator, first + 1), raw(APPLICATIONS_COUNT, operator)
    )
    rows = page[:first]
    ids = [r["id"] for r in rows]
    scores: dict[int, list] = defaultdict(list)
    evidence: dict[int, list] = defaultdict(list)
    if ids:
        marks, documents = await asyncio.gather(raw_in(SCORES, ids), raw_in(EVIDENCE, ids))
        for s in marks:
            scores[s["application"]].append(
                {
                    "criterion": {
                        "id": global_id("CertificationCriterion", s["id"]),
                        "text": s["text"],
                        "maxScore": s["max_score"],
                    },
                    "selfScore": s["self_score"],
                    "assessorScore": s["assessor_score"],
                }
            )
        for e in documents:
            evidence[e["application"]].append({"title": e["title"], "hasFile": bool(e["file"])})
    nodes = [
        {
            "id": global_id("CertificationApplication", r["id"]),
            "year": r["year"],
            "status": r["status"],
            "submittedAt": _instant(r["submitted_at"]),
            "cityRecommendedAt": _instant(r["city_recommended_at"]),
            "assessedAt": _instant(r["assessed_at"]),
            "totalScore": r["total_score"],
            "publicityStartsOn": _day(r["publicity_starts_on"]),
            "publicityEndsOn": _day(r["publicity_ends_on"]),
            "decidedAt": _instant(r["decided_at"]),
            "decisionNote": r["decision_note"] or None,
            "certificateNo": r["certificate_no"],
            "market": {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
            "standard": {
                "name": r["standard_name"],
                "passScore": r["pass_score"],
                "relaxedPassScore": r["relaxed_pass_score"],
            },
            "scores": scores.get(r["id"], []),
            "evidence": evidence.get(r["id"], []),
        }
        for r in rows
    ]
    return {
        "myCertificationApplications": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(ids[-1]) if ids else None,
            },
            "nodes": nodes,
        }
    }
