"""Baselines of the operators' two lists. MyAssessments (first: 20): their assessments, newest
month first, each with its market, report version, payout and the reconciliation the run stored
(JSON text, read as it was written). WorkloadReports (first: 20): their current reports, newest
month first, each reconciled now against the platform's records by the same rules the API uses
(services/assessment: what counts as observed, the year's tolerance, what is flagged), which a
hand-written endpoint would call too."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from tools.bench.baselines.common import cursor, global_id, raw

PAGE = """
SELECT a.id, a.period, a.status, a.score_basis_points, a.proposed_reward_fen, a.flagged,
       a.computed_at, a.decided_at, a.reject_reason, a.reconciliation,
       m.id AS market_id, m.name AS market_name, r.id AS report_id, r.version AS report_version,
       y.amount_fen AS paid_fen, y.created_at AS paid_at
FROM assessment a
JOIN market m ON m.id = a.market
LEFT JOIN workload_report r ON r.id = a.report
LEFT JOIN payout y ON y.assessment = a.id
WHERE a.operator = {}
ORDER BY a.period DESC, a.id DESC
LIMIT {}
"""
COUNT = "SELECT COUNT(*) AS n FROM assessment WHERE operator = {}"


def _instant(value: Any) -> str | None:
    if value is None:
        return None
    return (
        value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    ).isoformat()


def _yuan(fen: int) -> str:
    return format(Decimal(fen).scaleb(-2), "f")


def _reconciliation(text: str | None) -> dict:
    details = json.loads(text or "{}")
    lines = [
        {
            "indicator": line["indicator"].upper(),
            "reported": line["reported"],
            "observed": line["observed"],
            "difference": None
            if line["reported"] is None or line["observed"] is None
            else line["reported"] - line["observed"],
            "flagged": line["flagged"],
        }
        for line in details.get("lines", [])
    ]
    return {
        "tolerancePercent": details.get("tolerance_percent", 0),
        "flagged": any(line["flagged"] for line in lines),
        "lines": lines,
    }


async def operator_assessments(first: int, token: str | None = None) -> dict:
    """The `data` of MyAssessments(first: N) for the operator whose token it is."""
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    page, counted = await asyncio.gather(raw(PAGE, operator, first + 1), raw(COUNT, operator))
    rows = page[:first]
    last = rows[-1] if rows else None
    return {
        "myAssessments": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(last["period"], last["id"]) if last else None,
            },
            "nodes": [
                {
                    "id": global_id("Assessment", r["id"]),
                    "period": r["period"],
                    "status": r["status"],
                    "score": _yuan(r["score_basis_points"]),
                    "scoreBasisPoints": r["score_basis_points"],
                    "proposedReward": _yuan(r["proposed_reward_fen"]),
                    "flagged": bool(r["flagged"]),
                    "computedAt": _instant(r["computed_at"]),
                    "decidedAt": _instant(r["decided_at"]),
                    "rejectReason": r["reject_reason"] or None,
                    "market": {"id": global_id("Market", r["market_id"]), "name": r["market_name"]},
                    "report": None
                    if r["report_id"] is None
                    else {
                        "id": global_id("WorkloadReport", r["report_id"]),
                        "version": r["report_version"],
                    },
                    "payout": None
                    if r["paid_fen"] is None
                    else {"amount": _yuan(r["paid_fen"]), "createdAt": _instant(r["paid_at"])},
                    "reconciliation": _reconciliation(r["reconciliation"]),
                }
                for r in rows
            ],
        }
    }


# The year's tolerance is the rule's own SQL (services/assessment/rules.tolerance_subquery).
REPORTS = """
SELECT r.id, r.period, r.version, r.is_current, r.submitted_at, r.locked_at, r.notes, r.market,
       m.name AS market_name, {figures}, {tolerance} AS tolerance_percent
FROM workload_report r
JOIN market m ON m.id = r.market
WHERE r.operator = {{}} AND r.is_current = 1
ORDER BY r.period DESC, r.id DESC
LIMIT {{}}
"""
REPORT_COUNT = "SELECT COUNT(*) AS n FROM workload_report WHERE operator = {} AND is_current = 1"


def _reports_sql() -> str:
    from services.assessment.rules import INDICATORS, tolerance_subquery

    figures = ", ".join(f"r.{name}" for name in INDICATORS)
    return REPORTS.format(figures=figures, tolerance=tolerance_subquery("r.period"))


def _report(r: dict, observed: dict) -> dict:
    from services.assessment.rules import INDICATORS, reconcile

    lines = reconcile({name: r[name] for name in INDICATORS}, observed, r["tolerance_percent"])
    return {
        "id": global_id("WorkloadReport", r["id"]),
        "period": r["period"],
        "version": r["version"],
        "isCurrent": bool(r["is_current"]),
        "submittedAt": _instant(r["submitted_at"]),
        "lockedAt": _instant(r["locked_at"]),
        "notes": r["notes"],
        "market": {"id": global_id("Market", r["market"]), "name": r["market_name"]},
        "reconciliation": {
            "tolerancePercent": r["tolerance_percent"],
            "flagged": any(line.flagged for line in lines),
            "lines": [
                {
                    "indicator": line.indicator.upper(),
                    "reported": line.reported,
                    "observed": line.observed,
                    "difference": line.difference,
                    "flagged": line.flagged,
                }
                for line in lines
            ],
        },
    }


async def workload_reports(first: int, token: str | None = None) -> dict:
    """The `data` of WorkloadReports(first: N) for the operator whose token it is: the page and
    its count side by side, then the page's observed figures in the service's one statement."""
    from services.assessment.observed import observe_many
    from tools.bench.baselines.worker import signed_in

    operator = await signed_in(token, "OPERATOR")
    page, counted = await asyncio.gather(
        raw(_reports_sql(), operator, first + 1), raw(REPORT_COUNT, operator)
    )
    rows = page[:first]
    observed = await observe_many([(r["market"], r["period"]) for r in rows])
    last = rows[-1] if rows else None
    return {
        "workloadReports": {
            "totalCount": counted[0]["n"],
            "pageInfo": {
                "hasNextPage": len(page) > first,
                "endCursor": cursor(last["period"], last["id"]) if last else None,
            },
            "nodes": [_report(r, observed[(r["market"], r["period"])]) for r in rows],
        }
    }
