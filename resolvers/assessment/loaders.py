"""Rows to GraphQL objects, and batch loaders for reconciliations, reports and payouts."""

from __future__ import annotations

import json
from decimal import Decimal

from schema.assessment.enums import AssessmentStatus, Indicator
from schema.assessment.types import (
    Assessment,
    Payout,
    Reconciliation,
    ReconciliationLine,
    WorkloadReport,
)
from services.assessment import periods
from services.assessment.observed import observe_many
from services.assessment.rules import (
    INDICATORS,
    Line,
    lines_from_json,
    reconcile,
    tolerances,
)
from tables import assessment as t


def fen_to_yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def to_reconciliation(lines: list[Line], tolerance_percent: int) -> Reconciliation:
    return Reconciliation(
        tolerance_percent=tolerance_percent,
        flagged=any(line.flagged for line in lines),
        lines=[
            ReconciliationLine(
                indicator=Indicator(line.indicator),
                reported=line.reported,
                observed=line.observed,
                difference=line.difference,
                flagged=line.flagged,
            )
            for line in lines
        ],
    )


def to_workload_report(row: dict) -> WorkloadReport:
    counts = tuple(row[name] for name in INDICATORS)
    return WorkloadReport(
        id=row["id"],
        period=row["period"],
        version=row["version"],
        is_current=bool(row["is_current"]),
        idempotency_key=row["idempotency_key"],
        notes=row["notes"],
        submitted_at=row["submitted_at"],
        locked_at=row["locked_at"],
        market_id=row["market"],
        reconciliation_key=(row["market"], row["period"], counts),
        **{name: row[name] for name in INDICATORS},
    )


def to_assessment(row: dict) -> Assessment:
    details = json.loads(row["reconciliation"] or "{}")
    lines = lines_from_json(details.get("lines", []))
    return Assessment(
        id=row["id"],
        period=row["period"],
        status=AssessmentStatus(row["status"]),
        score=Decimal(row["score_basis_points"]).scaleb(-2),
        score_basis_points=row["score_basis_points"],
        proposed_reward=fen_to_yuan(row["proposed_reward_fen"]),
        flagged=bool(row["flagged"]),
        reconciliation=to_reconciliation(lines, details.get("tolerance_percent", 0)),
        computed_at=row["computed_at"],
        decided_at=row["decided_at"],
        reject_reason=row["reject_reason"] or None,
        market_id=row["market"],
        report_id=row["report"],
    )


async def load_reconciliations(keys: list[tuple]) -> list[Reconciliation]:
    """Keys are (market, period, reported counts): observed figures are counted in one batch
    for every market and month asked about, tolerances read once for all years."""
    observed = await observe_many([(market, period) for market, period, _ in keys])
    tolerance = await tolerances(sorted({periods.year(period) for _, period, _ in keys}))
    out = []
    for market, period, counts in keys:
        percent = tolerance[periods.year(period)]
        reported = dict(zip(INDICATORS, counts, strict=True))
        lines = reconcile(reported, observed[(market, period)], percent)
        out.append(to_reconciliation(lines, percent))
    return out


async def load_reports(ids: list[int]) -> list[WorkloadReport | None]:
    rows = await t.WorkloadReport.select().where(t.WorkloadReport.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_workload_report(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_payouts(assessment_ids: list[int]) -> list[Payout | None]:
    rows = await t.Payout.select().where(t.Payout.assessment.is_in(list(set(assessment_ids))))
    by_assessment = {
        r["assessment"]: Payout(
            id=r["id"], amount=fen_to_yuan(r["amount_fen"]), created_at=r["created_at"]
        )
        for r in rows
    }
    return [by_assessment.get(i) for i in assessment_ids]
