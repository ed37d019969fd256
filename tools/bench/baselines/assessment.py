"""Baseline of MyAssessments (first: 20) for the operator of the token: their assessments,
newest month first, each with its market, report version, payout and the reconciliation the
run stored (JSON text, read as it was written)."""

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
