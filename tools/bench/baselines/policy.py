"""Baseline of Policies (first: N) for an anonymous client: published items in effect today
(Asia/Shanghai), the newest in effect first. And of RecommendedPolicies (first: N) for the worker
of the token: the items in effect for workers scored against the worker's profile, and the
subsidy programmes they qualify for now, best first."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from typing import Any

from tools.bench.baselines.common import cursor, global_id, raw

IN_EFFECT = (
    "status = 'PUBLISHED' AND effective_from <= {} AND (effective_to IS NULL OR effective_to >= {})"
)
PAGE = f"""
SELECT id, title, summary, issuing_document, clause, effective_from, effective_to
FROM policy_item WHERE {IN_EFFECT}
ORDER BY effective_from DESC, id DESC
LIMIT {{}}
"""
COUNT = f"SELECT COUNT(*) AS n FROM policy_item WHERE {IN_EFFECT}"


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return (value if isinstance(value, date) else date.fromisoformat(str(value))).isoformat()


async def policies(first: int) -> dict:
    """The `data` of Policies(first: N)."""
    from services.policy.rules import today

    day = today()
    page, counted = await asyncio.gather(raw(PAGE, day, day, first + 1), raw(COUNT, day, day))
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "policies": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_day(last["effective_from"]), last["id"]) if last else None,
            },
            "nodes": [_card(r) for r in rows],
        }
    }


# RecommendedPolicies: the candidates (items in effect for workers, by id, 500 at most, as the
# API caps them) side by side with the worker's row (home county, sealed assistance categories,
# what the tier is derived from, staff's override), their occupations, and the programmes they
# qualify for (services/subsidy/qualifying); the tier by its rule
# (services/assistance/tier.tier_from_row) when an item names one; scored by
# services/policy/matching: the rules, not a copy.
CANDIDATE_LIMIT = 500
CANDIDATES = f"""
SELECT id, title, summary, issuing_document, clause, effective_from, effective_to, regions,
       roles, assistance_categories, occupations, service_tiers
FROM policy_item WHERE {IN_EFFECT} AND @worker_role
ORDER BY id
LIMIT {CANDIDATE_LIMIT}
"""
WORKER_ROLE = {
    "postgres": "'WORKER' = ANY(roles)",
    "sqlite": "EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'WORKER')",
}
READER = """
SELECT r.code, w.assistance_encrypted, w.birth_year, w.created_at,
       (SELECT MAX(a.completed_at) FROM job_application a
        WHERE a.worker = w.id AND a.status = 'COMPLETED') AS last_completed,
       (SELECT s.tier FROM worker_service_tier s WHERE s.worker = w.id) AS overridden
FROM worker w LEFT JOIN region r ON r.id = w.home_region
WHERE w.id = {}
"""
READER_OCCUPATIONS = """
SELECT o.name FROM worker_occupation wo JOIN occupation o ON o.id = wo.occupation
WHERE wo.worker = {}
"""
ARRAYS = ("regions", "roles", "assistance_categories", "occupations", "service_tiers")
PROGRAMME_SCORE = 1000.0  # resolvers/policy/queries.PROGRAMME_SCORE: money first


def _arrays(row: dict) -> dict:
    """A candidate with its arrays as lists (SQLite's column holds their JSON text)."""
    return {
        **row,
        **{k: json.loads(row[k]) if isinstance(row[k], str) else row[k] for k in ARRAYS},
        "effective_to": _date(row["effective_to"]),
    }


def _instant(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(_day(value) or "")


async def recommended_policies(first: int, token: str | None = None) -> dict:
    """The `data` of RecommendedPolicies(first: N) for the worker whose token it is."""
    from dataclasses import replace

    from services.assistance import tier
    from services.db import current_engine
    from services.policy.audience import worker_profile_of
    from services.policy.matching import score_policy
    from services.policy.rules import today
    from services.subsidy.qualifying import qualifying
    from services.timeutil import now
    from tools.bench.baselines.worker import signed_in

    worker_id = await signed_in(token, "WORKER")
    day = today()
    candidates = CANDIDATES.replace("@worker_role", WORKER_ROLE[current_engine().engine_type])
    found, reader, occupations, programmes = await asyncio.gather(
        raw(candidates, day, day),
        raw(READER, worker_id),
        raw(READER_OCCUPATIONS, worker_id),
        qualifying(worker_id),
    )
    rows = [_arrays(r) for r in found]
    me = reader[0] if reader else {"code": None, "assistance_encrypted": None}
    profile = worker_profile_of(
        me["code"], me["assistance_encrypted"], [r["name"] for r in occupations]
    )
    if any(r["service_tiers"] for r in rows) and reader:
        # The tier's rule (services/assistance/tier) on the facts read with the worker's row;
        # staff's override first.
        me = {**me, "created_at": _instant(me["created_at"])}
        derived = tier.tier_from_row(me, me["last_completed"], now()).derived
        profile = replace(profile, tier=me["overridden"] or derived)
    matched = {}
    for row in rows:
        match = score_policy(profile, row, day)
        if match is not None:
            matched[row["id"]] = (row, match)
    qualified = {-eligible.programme["id"]: eligible for eligible in programmes}
    scored = [(m.score, i) for i, (_, m) in matched.items()]
    scored += [(PROGRAMME_SCORE, i) for i in qualified]
    scored.sort(key=lambda item: (-item[0], item[1]))
    page = scored[:first]
    last = page[-1] if page else None
    nodes = []
    for _, i in page:  # only the page's nodes are written
        if i in qualified:
            met = [c for c in qualified[i].checks if c.met]
            reasons = [{"code": "QUALIFIES", "message": c.text} for c in met]
            nodes.append(_recommended("SUBSIDY_PROGRAMME", PROGRAMME_SCORE, reasons, None))
        else:
            row, match = matched[i]
            reasons = [{"code": r.code, "message": r.text} for r in match.reasons]
            nodes.append(_recommended("POLICY_ITEM", match.score, reasons, row))
    return {
        "recommendedPolicies": {
            "totalCount": len(scored),
            "pageInfo": {
                "hasNextPage": len(scored) > first,
                "endCursor": cursor(last[0], last[1]) if last else None,
            },
            "nodes": nodes,
        }
    }


def _recommended(kind: str, score: float, reasons: list[dict], row: dict | None) -> dict:
    """A node of RecommendedPolicies: the item's card, or null for a programme (the document
    asks for no programme card)."""
    return {
        "kind": kind,
        "score": score,
        "reasons": reasons,
        "policy": None if row is None else _card(row),
    }


def _card(r: dict) -> dict:
    """The PolicyCard of one row (Policies' nodes and RecommendedPolicies' policies)."""
    return {
        "id": global_id("Policy", r["id"]),
        "title": r["title"],
        "summary": r["summary"],
        "issuingDocument": r["issuing_document"],
        "clause": r["clause"] or None,
        "effectiveFrom": _day(r["effective_from"]),
        "effectiveTo": _day(r["effective_to"]),
    }
