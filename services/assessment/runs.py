"""Assessment runs: score every public-welfare market under contract for a month, as DRAFTs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from services.assessment import periods
from services.assessment.observed import observe
from services.assessment.rules import (
    INDICATORS,
    Scheme,
    check_scheme,
    lines_to_json,
    load_scheme,
    reconcile,
    reward_fen,
    score_basis_points,
)
from services.audit import rules as audit
from services.db import write_transaction
from services.operator.rules import responsible_contracts
from services.problems import Problems
from services.retry import retrying
from services.timeutil import now
from tables.assessment import Assessment, WorkloadReport

ENTITY = "assessment"


@dataclass(frozen=True)
class Evaluation:
    """What an assessment of one market and month says, before anyone decides on it."""

    contract_id: int
    operator_id: int
    report_id: int | None
    score_bp: int
    reward_fen: int
    flagged: bool
    reconciliation: str  # canonical JSON: tolerance, lines, the scheme's targets

    def same_as(self, row: dict[str, Any]) -> bool:
        return (
            row["contract"] == self.contract_id
            and row["operator"] == self.operator_id
            and row["report"] == self.report_id
            and row["score_basis_points"] == self.score_bp
            and row["proposed_reward_fen"] == self.reward_fen
            and bool(row["flagged"]) == self.flagged
        )


def evaluate(scheme: Scheme, contract: dict, report: dict | None, observed: dict) -> Evaluation:
    reported = {n: report[n] for n in INDICATORS} if report is not None else None
    lines = reconcile(reported, observed, scheme.tolerance_percent)
    score = score_basis_points(reported, scheme.targets)
    details = {
        "tolerance_percent": scheme.tolerance_percent,
        "pass_score": scheme.pass_score,
        "monthly_reward_cap_fen": scheme.monthly_reward_cap_fen,
        "targets": [asdict(t) for t in scheme.targets],
        "lines": lines_to_json(lines),
    }
    return Evaluation(
        contract_id=contract["id"],
        operator_id=contract["operator"],
        report_id=report["id"] if report is not None else None,
        score_bp=score,
        reward_fen=reward_fen(score, scheme),
        flagged=any(line.flagged for line in lines),
        reconciliation=audit.canonical(details),
    )


async def evaluations(
    period: str, scheme: Scheme, market_ids: list[int] | None = None
) -> dict[int, Evaluation]:
    """One evaluation per public-welfare market whose contract answers for the month; other
    contracts are paid through the employment service subsidy instead (（十一））."""
    contracts = {
        market: c
        for market, c in (await responsible_contracts(period, market_ids)).items()
        if c["public_welfare"]
    }
    if not contracts:
        return {}
    markets = sorted(contracts)
    reports = await WorkloadReport.select().where(
        WorkloadReport.market.is_in(markets),
        WorkloadReport.period == period,
        WorkloadReport.is_current == 1,
    )
    by_market = {r["market"]: r for r in reports}
    observed = await observe(period, markets)
    return {m: evaluate(scheme, contracts[m], by_market.get(m), observed[m]) for m in markets}


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """The audited content of an assessment."""
    return {
        k: row[k]
        for k in (
            "market",
            "period",
            "contract",
            "report",
            "score_basis_points",
            "proposed_reward_fen",
            "flagged",
            "status",
            "version",
        )
    }


@dataclass
class RunResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    decided: int = 0  # approved or rejected earlier: never touched again

    def __str__(self) -> str:
        return (
            f"新建 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条，"
            f"已审定跳过 {self.decided} 条"
        )


async def scheme_for(period: str, problems: Problems) -> Scheme | None:
    scheme = await load_scheme(periods.year(period))
    if scheme is None:
        problems.add("SCHEME_MISSING", f"尚未制定 {periods.year(period)} 年考核办法", "period")
    else:
        check_scheme(scheme, problems)
    return scheme


async def run(period: str, actor: audit.Actor, market_ids: list[int] | None = None) -> RunResult:
    """Create or refresh DRAFT assessments for the month (all markets, or those given).
    Re-running is safe: DRAFTs are updated in place, decided ones are left alone."""
    problems = Problems()
    if periods.parse(period) is None:
        problems.add("INVALID_PERIOD", "月份格式须为 YYYY-MM", "period")
    elif not periods.has_ended(period):
        problems.add("PERIOD_NOT_ENDED", "只能考核已结束的月份（按北京时间）", "period")
    problems.raise_if_any()
    return await retrying(lambda: _run(period, actor, market_ids))


async def _run(period: str, actor: audit.Actor, market_ids: list[int] | None) -> RunResult:
    result = RunResult()
    async with write_transaction():
        await audit.serialise()
        problems = Problems()
        scheme = await scheme_for(period, problems)
        problems.raise_if_any()
        assert scheme is not None
        found = await evaluations(period, scheme, market_ids)
        existing = {}
        if found:
            rows = await Assessment.select().where(
                Assessment.market.is_in(list(found)), Assessment.period == period
            )
            existing = {r["market"]: r for r in rows}
        for market, evaluation in found.items():
            row = existing.get(market)
            if row is None:
                await _create(period, market, scheme, evaluation, actor)
                result.created += 1
            elif row["status"] != "DRAFT":
                result.decided += 1
            elif (
                evaluation.same_as(row)
                and row["scheme"] == scheme.id
                and row["reconciliation"] == evaluation.reconciliation
            ):
                result.unchanged += 1
            elif await _refresh(row, scheme, evaluation, actor):
                result.updated += 1
            else:
                result.decided += 1
    return result


def _columns(scheme: Scheme, evaluation: Evaluation, actor: audit.Actor) -> dict:
    return {
        Assessment.scheme: scheme.id,
        Assessment.contract: evaluation.contract_id,
        Assessment.operator: evaluation.operator_id,
        Assessment.report: evaluation.report_id,
        Assessment.score_basis_points: evaluation.score_bp,
        Assessment.proposed_reward_fen: evaluation.reward_fen,
        Assessment.flagged: int(evaluation.flagged),
        Assessment.reconciliation: evaluation.reconciliation,
        Assessment.last_edited_by: actor.id,
        Assessment.computed_at: now(),
    }


async def _create(
    period: str, market: int, scheme: Scheme, evaluation: Evaluation, actor: audit.Actor
) -> None:
    values = {c._meta.name: v for c, v in _columns(scheme, evaluation, actor).items()}
    inserted = await Assessment.insert(
        Assessment(market=market, period=period, status="DRAFT", version=1, **values)
    ).returning(Assessment.id)
    row = await Assessment.select().where(Assessment.id == inserted[0]["id"]).first()
    assert row is not None  # inserted just above, in the caller's write transaction
    await audit.record(actor, f"{ENTITY}.run", ENTITY, row["id"], after=summary(row))


async def _refresh(row: dict, scheme: Scheme, evaluation: Evaluation, actor: audit.Actor) -> bool:
    # Conditional on status and version: an approval that got there first wins cleanly.
    updated = (
        await Assessment.update(
            {**_columns(scheme, evaluation, actor), Assessment.version: row["version"] + 1}
        )
        .where(
            (Assessment.id == row["id"])
            & (Assessment.status == "DRAFT")
            & (Assessment.version == row["version"])
        )
        .returning(Assessment.id)
    )
    if not updated:
        return False
    after = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert after is not None  # updated just above, in the caller's write transaction
    await audit.record(
        actor, f"{ENTITY}.rerun", ENTITY, row["id"], before=summary(row), after=summary(after)
    )
    return True
