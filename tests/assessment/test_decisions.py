"""Approval and rejection: four-eyes, justification, staleness, one payout, locks, audit."""

from __future__ import annotations

import json

import pytest

from services.assessment import decisions, runs
from services.audit.rules import Actor, verify_chain
from services.problems import ServiceError
from tables.assessment import (
    Assessment,
    AssessmentScheme,
    ContractBudgetUsage,
    Payout,
    WorkloadReport,
)
from tables.audit import AuditLog
from tests.fixtures.assessment import (
    LAST,
    assessed,
    make_staff,
    make_worker,
    moment_in,
    submit,
)
from tests.fixtures.operator import contracted_market


async def snapshot() -> dict:
    """Everything a decision may change, to prove a refused one changed nothing."""
    return {
        "assessments": await Assessment.select().order_by(Assessment.id),
        "reports": await WorkloadReport.select().order_by(WorkloadReport.id),
        "payouts": await Payout.select(),
        "schemes": await AssessmentScheme.select(
            AssessmentScheme.id, AssessmentScheme.committed_fen
        ),
        "usage": await ContractBudgetUsage.select(),
        "audit": await AuditLog.count(),
    }


async def refused(call) -> list[tuple[str, tuple[str, ...]]]:
    with pytest.raises(ServiceError) as exc:
        await call
    return [(p.code, p.field) for p in exc.value.problems]


async def test_approval_pays_once_commits_both_budgets_locks_the_month_and_is_audited():
    # given
    case = await assessed()
    row, approver = case["assessment"], await make_staff()

    # when
    payout = await decisions.approve(row["id"], row["version"], approver, "  线下登记已核实 ")

    # then
    assert (payout["assessment"], payout["amount_fen"], payout["approved_by"]) == (
        row["id"],
        1_000_000,
        approver,
    )
    after = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert (after["status"], after["version"], after["decided_by"], after["justification"]) == (
        "APPROVED",
        2,
        approver,
        "线下登记已核实",
    )
    assert await AssessmentScheme.select(AssessmentScheme.committed_fen) == [
        {"committed_fen": 1_000_000}
    ]
    usage = await ContractBudgetUsage.select(
        ContractBudgetUsage.contract, ContractBudgetUsage.year, ContractBudgetUsage.committed_fen
    )
    assert usage == [
        {"contract": case["contract"], "year": int(LAST[:4]), "committed_fen": 1_000_000}
    ]
    report = await WorkloadReport.select().where(WorkloadReport.id == case["report"]).first()
    assert report["locked_at"] == after["decided_at"]
    audit = await AuditLog.select().where(AuditLog.action == "assessment.approve").first()
    assert (audit["actor_type"], audit["actor_id"], audit["entity_id"]) == (
        "STAFF",
        approver,
        row["id"],
    )
    assert json.loads(audit["before"])["status"] == "DRAFT"
    assert json.loads(audit["after"]) == {
        **json.loads(audit["before"]),
        "status": "APPROVED",
        "version": 2,
        "justification": "线下登记已核实",
        "payout": payout["id"],
        "amount_fen": 1_000_000,
    }
    assert (await verify_chain()).ok


async def test_whoever_ran_the_assessment_cannot_decide_on_it():
    # given
    case = await assessed()
    row, runner = case["assessment"], case["runner"]
    before = await snapshot()

    # when / then
    assert await refused(decisions.approve(row["id"], 1, runner, "说明")) == [
        ("FOUR_EYES", ("assessment_id",))
    ]
    assert await refused(decisions.reject(row["id"], 1, runner, "理由")) == [
        ("FOUR_EYES", ("assessment_id",))
    ]
    assert await snapshot() == before


async def test_a_flagged_report_needs_a_justification_and_a_clean_one_does_not():
    # given: one report nothing supports, one matching the platform's records exactly
    flagged = await assessed(
        scheme={"targets": {"registrations": (100, 1)}, "monthly_reward_cap_fen": 50_000}
    )
    operator_id, market_id, _ = await contracted_market()
    await make_worker(market_id, moment_in(LAST))
    zero = dict.fromkeys(
        [
            "postings_published",
            "matches_confirmed",
            "workers_onboarded",
            "assisted_workers_placed",
            "trainings_delivered",
            "disputes_mediated",
        ],
        0,
    )
    await submit(operator_id, market_id, registrations=1, **zero)
    runner, approver = await make_staff(), await make_staff()
    await runs.run(LAST, Actor("STAFF", runner), [market_id])
    clean = await Assessment.select().where(Assessment.market == market_id).first()
    row = flagged["assessment"]
    before = await snapshot()

    # when / then
    assert (row["flagged"], clean["flagged"]) == (1, 0)
    assert await refused(decisions.approve(row["id"], 1, approver, "   ")) == [
        ("JUSTIFICATION_REQUIRED", ("justification",))
    ]
    assert await snapshot() == before
    assert (await decisions.approve(clean["id"], 1, approver))["amount_fen"] == 50_000
    assert (await decisions.approve(row["id"], 1, approver, "现场核查属实"))["amount_fen"] == 50_000


async def test_approval_refuses_what_changed_since_the_run():
    # given: the operator corrects the report after the run
    case = await assessed()
    row, approver = case["assessment"], await make_staff()
    await submit(case["operator"], case["market"], registrations=10)
    before = await snapshot()

    # when / then
    assert await refused(decisions.approve(row["id"], 1, approver, "说明")) == [
        ("ASSESSMENT_STALE", ("assessment_id",))
    ]
    assert await snapshot() == before

    # when: run again, then approve the new version
    await runs.run(LAST, Actor("STAFF", case["runner"]), [case["market"]])
    assert await refused(decisions.approve(row["id"], 1, approver, "说明")) == [
        ("STALE_VERSION", ("version",))
    ]
    payout = await decisions.approve(row["id"], 2, approver, "说明")

    # then: the corrected figures are what was paid for
    assert payout["amount_fen"] == 820_000  # 10 of 100 registrations: 82.00 points


async def test_without_a_report_an_assessment_can_only_be_rejected():
    # given: a market under contract that reported nothing
    _, market_id, _ = await contracted_market()
    case = await assessed()
    await runs.run(LAST, Actor("STAFF", case["runner"]), [market_id])
    row = await Assessment.select().where(Assessment.market == market_id).first()
    approver = await make_staff()

    # when / then
    assert await refused(decisions.approve(row["id"], 1, approver, "说明")) == [
        ("NO_REPORT", ("assessment_id",))
    ]
    assert await refused(decisions.reject(row["id"], 1, approver, "  ")) == [
        ("REASON_REQUIRED", ("reason",))
    ]
    await decisions.reject(row["id"], 1, approver, "未报送工作量报告")
    after = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert (after["status"], after["reject_reason"], after["decided_by"]) == (
        "REJECTED",
        "未报送工作量报告",
        approver,
    )
    assert await Payout.count() == 0


async def test_a_decision_is_final():
    # given
    case = await assessed()
    row, approver = case["assessment"], await make_staff()
    await decisions.reject(row["id"], 1, approver, "数据不实")
    before = await snapshot()

    # when / then
    assert await refused(decisions.approve(row["id"], 1, await make_staff(), "说明")) == [
        ("ALREADY_DECIDED", ("assessment_id",))
    ]
    assert await refused(decisions.reject(row["id"], 2, await make_staff(), "再驳回")) == [
        ("ALREADY_DECIDED", ("assessment_id",))
    ]
    assert await refused(decisions.approve(10**6, 1, approver)) == [
        ("NOT_FOUND", ("assessment_id",))
    ]
    assert await snapshot() == before
    locked = await WorkloadReport.select(WorkloadReport.locked_at).first()
    assert locked["locked_at"] is not None
