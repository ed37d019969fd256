"""Two staff members deciding at the same moment: exactly one decision, exactly one payout."""

from __future__ import annotations

import asyncio

from services.assessment import decisions
from services.audit.rules import verify_chain
from services.problems import ServiceError
from tables.assessment import Assessment, AssessmentScheme, ContractBudgetUsage, Payout
from tables.audit import AuditLog
from tests.fixtures.assessment import assessed, make_staff

ROUNDS = 50


def outcome(results: list) -> list[str]:
    out = []
    for r in results:
        if isinstance(r, ServiceError):
            out.append(r.problems[0].code)
        elif isinstance(r, BaseException):
            raise r
        else:
            out.append("PAID")
    return sorted(out)


async def test_fifty_rounds_of_two_simultaneous_approvals_pay_exactly_once_each():
    # given
    runner, first, second = await make_staff(), await make_staff(), await make_staff()
    cases = [await assessed("2025-03", runner=runner) for _ in range(ROUNDS)]

    for case in cases:
        row = case["assessment"]

        # when
        results = await asyncio.gather(
            decisions.approve(row["id"], row["version"], first, "已核实"),
            decisions.approve(row["id"], row["version"], second, "已核实"),
            return_exceptions=True,
        )

        # then
        assert outcome(results) == ["ALREADY_DECIDED", "PAID"], results
        assert await Payout.count().where(Payout.assessment == row["id"]) == 1

    assert await Payout.count() == ROUNDS
    assert await Assessment.count().where(Assessment.status == "APPROVED") == ROUNDS
    assert await AssessmentScheme.select(AssessmentScheme.committed_fen) == [
        {"committed_fen": ROUNDS * 1_000_000}
    ]
    assert (
        sorted(u["committed_fen"] for u in await ContractBudgetUsage.select())
        == [1_000_000] * ROUNDS
    )
    assert await AuditLog.count().where(AuditLog.action == "assessment.approve") == ROUNDS
    assert (await verify_chain()).ok


async def test_an_approval_and_a_rejection_at_the_same_moment_make_one_decision():
    # given
    runner, first, second = await make_staff(), await make_staff(), await make_staff()
    cases = [await assessed("2025-03", runner=runner) for _ in range(10)]

    for case in cases:
        row = case["assessment"]

        # when
        results = await asyncio.gather(
            decisions.approve(row["id"], row["version"], first, "已核实"),
            decisions.reject(row["id"], row["version"], second, "不予奖励"),
            return_exceptions=True,
        )

        # then: whichever came first decided; the other was told so
        approval, rejection = results
        decided = await Assessment.select().where(Assessment.id == row["id"]).first()
        paid = await Payout.count().where(Payout.assessment == row["id"])
        if decided["status"] == "APPROVED":
            assert (approval["amount_fen"], paid) == (1_000_000, 1)
            assert outcome([rejection]) == ["ALREADY_DECIDED"]
        else:
            assert (decided["status"], rejection, paid) == ("REJECTED", None, 0)
            assert outcome([approval]) == ["ALREADY_DECIDED"]
    assert (await verify_chain()).ok


async def test_without_the_chain_lock_the_conditional_update_still_lets_one_through(monkeypatch):
    # given: the up-front lock switched off, so both decisions read the DRAFT (on PostgreSQL;
    # SQLite's IMMEDIATE transactions still queue them)
    async def no_lock() -> None:
        return None

    monkeypatch.setattr(decisions.audit, "serialise", no_lock)
    runner, first, second = await make_staff(), await make_staff(), await make_staff()
    cases = [await assessed("2025-03", runner=runner) for _ in range(20)]

    for case in cases:
        row = case["assessment"]

        # when
        results = await asyncio.gather(
            decisions.approve(row["id"], row["version"], first, "已核实"),
            decisions.approve(row["id"], row["version"], second, "已核实"),
            return_exceptions=True,
        )

        # then
        assert outcome(results) == ["ALREADY_DECIDED", "PAID"], results
    assert await Payout.count() == 20
    assert (await verify_chain()).ok
