"""Baseline of SubsidyProgrammes (first: N) for an anonymous client: active programmes whose
application period has not ended, ending soonest first. And of MySubsidyApplications (first: N)
for the worker of the token: their applications, newest submitted first, each with its
programme's card, its training enrolment (course id and title) and its market."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

from tools.bench.baselines.common import CENT, cursor, global_id, raw
from tools.bench.baselines.training import _instant, _utc

# services/subsidy/programmes.CLAUSES: the policy clause each kind implements.
CLAUSES = {
    "TRAINING_SUBSIDY": "（九）",
    "TRAINING_LIVING_ALLOWANCE": "（九）",
    "PUBLIC_WELFARE_JOB_SUBSIDY": "（十）",
    "EMPLOYMENT_SERVICE_SUBSIDY": "（十一）",
}
# The SubsidyProgrammeCard fragment's columns, as both documents read them.
CARD = """
       p.id AS programme, p.name, p.kind, p.amount_rule, p.amount_fen AS rate_fen,
       p.assistance_categories, p.training_category, p.training_within_months,
       p.market_ownership, p.starts_at, p.ends_at, p.budget_fen, p.committed_fen,
       r.code AS region_code, r.name AS region_name"""
OPEN = "p.active = {} AND p.ends_at > {}"
PROGRAMME_PAGE = f"""
SELECT {CARD}
FROM subsidy_programme p
LEFT JOIN region r ON r.id = p.region
WHERE {OPEN}
ORDER BY p.ends_at, p.id
LIMIT {{}}
"""
PROGRAMME_COUNT = f"SELECT COUNT(*) AS n FROM subsidy_programme p WHERE {OPEN}"
APPLICATION_PAGE = f"""
SELECT a.id, a.status, a.amount_fen, a.quantity, a.submitted_at, a.decided_at,
       a.reject_reason, a.payment_reference, a.paid_at,
       a.enrolment, e.certificate_no, e.course, c.title AS course_title,
       a.market, m.name AS market_name, {CARD}
FROM subsidy_application a
JOIN subsidy_programme p ON p.id = a.programme
LEFT JOIN region r ON r.id = p.region
LEFT JOIN training_enrolment e ON e.id = a.enrolment
LEFT JOIN training_course c ON c.id = e.course
LEFT JOIN market m ON m.id = a.market
WHERE a.worker = {{}}
ORDER BY a.submitted_at DESC, a.id DESC
LIMIT {{}}
"""
APPLICATION_COUNT = "SELECT COUNT(*) AS n FROM subsidy_application WHERE worker = {}"


def _yuan(fen: int) -> str:
    return str((Decimal(fen) / 100).quantize(CENT))


def _names(value: Any) -> list[str]:
    """An array column: a list on PostgreSQL, its JSON text on SQLite."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _card(r: dict) -> dict:
    """The SubsidyProgrammeCard fragment of a row of CARD's columns."""
    return {
        "id": global_id("SubsidyProgramme", r["programme"]),
        "name": r["name"],
        "kind": r["kind"],
        "policyClause": CLAUSES[r["kind"]],
        "amountRule": r["amount_rule"],
        "amount": _yuan(r["rate_fen"]),
        "assistanceCategories": _names(r["assistance_categories"]),
        "trainingCategory": r["training_category"] or None,
        "trainingWithinMonths": r["training_within_months"],
        "region": {"code": r["region_code"], "name": r["region_name"]}
        if r["region_code"]
        else None,
        "marketOwnership": r["market_ownership"] or None,
        "startsAt": _instant(r["starts_at"]),
        "endsAt": _instant(r["ends_at"]),
        "budgetRemaining": _yuan(r["budget_fen"] - r["committed_fen"]),
    }


async def subsidy_programmes(first: int) -> dict:
    """The `data` of SubsidyProgrammes(first: N)."""
    from services.timeutil import now

    moment = now()
    page, counted = await asyncio.gather(
        raw(PROGRAMME_PAGE, True, moment, first + 1), raw(PROGRAMME_COUNT, True, moment)
    )
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "subsidyProgrammes": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["ends_at"]), last["programme"]) if last else None,
            },
            "nodes": [_card(r) for r in rows],
        }
    }


async def worker_subsidy_applications(first: int, token: str | None = None) -> dict:
    """The `data` of MySubsidyApplications(first: N) for the worker whose token it is."""
    from tools.bench.baselines.worker import signed_in

    worker = await signed_in(token, "WORKER")
    page, counted = await asyncio.gather(
        raw(APPLICATION_PAGE, worker, first + 1), raw(APPLICATION_COUNT, worker)
    )
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "mySubsidyApplications": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(_utc(last["submitted_at"]), last["id"]) if last else None,
            },
            "nodes": [
                {
                    "id": global_id("SubsidyApplication", r["id"]),
                    "status": r["status"],
                    "amount": _yuan(r["amount_fen"]),
                    "quantity": r["quantity"],
                    "submittedAt": _instant(r["submitted_at"]),
                    "decidedAt": _instant(r["decided_at"]),
                    "rejectReason": r["reject_reason"] or None,
                    "paymentReference": r["payment_reference"] or None,
                    "paidAt": _instant(r["paid_at"]),
                    "programme": _card(r),
                    "trainingEnrolment": None
                    if r["enrolment"] is None
                    else {
                        "id": global_id("TrainingEnrolment", r["enrolment"]),
                        "certificateNo": r["certificate_no"],
                        "training": {
                            "id": global_id("Training", r["course"]),
                            "title": r["course_title"],
                        },
                    },
                    "market": None
                    if r["market"] is None
                    else {"id": global_id("Market", r["market"]), "name": r["market_name"]},
                }
                for r in rows
            ],
        }
    }
