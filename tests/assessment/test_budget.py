"""Budgets are never exceeded: the scheme's yearly total and each contract's yearly budget."""

from __future__ import annotations

from datetime import date

import pytest

from services.assessment import decisions, runs
from services.audit.rules import Actor
from services.problems import ServiceError
from tables.assessment import Assessment, AssessmentScheme, ContractBudgetUsage, Payout
from tables.audit import AuditLog
from tests.fixtures.assessment import assessed, make_scheme, make_staff, submit
from tests.fixtures.operator import contracted_market


async def state() -> dict:
    return {
        "assessments": await Assessment.select().order_by(Assessment.id),
        "payouts": await Payout.count(),
        "committed": await AssessmentScheme.select(AssessmentScheme.committed_fen),
        "usage": await ContractBudgetUsage.select().order_by(ContractBudgetUsage.id),
        "audit": await AuditLog.count(),
    }


async def test_the_schemes_yearly_budget_is_never_exceeded():
    # given: 15 000 yuan for the year, two full rewards of 10 000 yuan
    await make_scheme(2025, budget_fen=1_500_000)
    first = await assessed("2025-03")
    second = await assessed("2025-03")
    approver = await make_staff()
    await decisions.approve(first["assessment"]["id"], 1, approver, "已核实")
    before = await state()

    # when
    with pytest.raises(ServiceError) as exc:
        await decisions.approve(second["assessment"]["id"], 1, approver, "已核实")

    # then
    assert [(p.code, p.message) for p in exc.value.problems] == [
        (
            "SCHEME_BUDGET_EXCEEDED",
            "超出 2025 年考核奖励总预算：剩余 5,000.00 元，本次 10,000.00 元",
        )
    ]
    assert await state() == before
    assert before["committed"] == [{"committed_fen": 1_000_000}]


async def test_exactly_the_remaining_budget_can_be_paid():
    await make_scheme(2025, budget_fen=2_000_000)
    approver = await make_staff()

    for _ in range(2):
        case = await assessed("2025-03")
        await decisions.approve(case["assessment"]["id"], 1, approver, "已核实")

    assert await AssessmentScheme.select(AssessmentScheme.committed_fen) == [
        {"committed_fen": 2_000_000}
    ]


async def test_each_contracts_yearly_budget_is_never_exceeded_and_resets_each_year():
    # given: a contract with 15 000 yuan a year, full marks in March, April and next January
    for year in (2025, 2026):
        await make_scheme(year)
    operator_id, market_id, contract_id = await contracted_market(
        starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31), yearly_budget_fen=1_500_000
    )
    runner, approver = Actor("STAFF", await make_staff()), await make_staff()
    ids = {}
    for period in ("2025-03", "2025-04", "2026-01"):
        await submit(operator_id, market_id, period)
        await runs.run(period, runner, [market_id])
        row = await Assessment.select().where(Assessment.period == period).first()
        ids[period] = row["id"]
    await decisions.approve(ids["2025-03"], 1, approver, "已核实")
    before = await state()

    # when
    with pytest.raises(ServiceError) as exc:
        await decisions.approve(ids["2025-04"], 1, approver, "已核实")

    # then
    assert [(p.code, p.message) for p in exc.value.problems] == [
        (
            "CONTRACT_BUDGET_EXCEEDED",
            "超出运营合同 2025 年奖励预算：剩余 5,000.00 元，本次 10,000.00 元",
        )
    ]
    assert await state() == before

    # when: the next year has a fresh budget
    await decisions.approve(ids["2026-01"], 1, approver, "已核实")

    # then
    usage = await ContractBudgetUsage.select(
        ContractBudgetUsage.contract, ContractBudgetUsage.year, ContractBudgetUsage.committed_fen
    ).order_by(ContractBudgetUsage.year)
    assert usage == [
        {"contract": contract_id, "year": 2025, "committed_fen": 1_000_000},
        {"contract": contract_id, "year": 2026, "committed_fen": 1_000_000},
    ]


async def two_months_of_one_contract(yearly_budget_fen: int) -> dict[str, int]:
    """Full marks (10 000 yuan each) in March and April 2025 under one contract: the ids of
    the two assessments, March already approved."""
    await make_scheme(2025)
    operator_id, market_id, _ = await contracted_market(
        starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), yearly_budget_fen=yearly_budget_fen
    )
    runner = Actor("STAFF", await make_staff())
    ids = {}
    for period in ("2025-03", "2025-04"):
        await submit(operator_id, market_id, period)
        await runs.run(period, runner, [market_id])
        row = await Assessment.select().where(Assessment.period == period).first()
        ids[period] = row["id"]
    await decisions.approve(ids["2025-03"], 1, await make_staff(), "已核实")
    return ids


async def test_exactly_the_contracts_remaining_yearly_budget_can_be_paid():
    # given: 20 000 yuan a year, 10 000 already paid for March
    ids = await two_months_of_one_contract(yearly_budget_fen=2_000_000)

    # when: April's 10 000 yuan is exactly what is left
    payout = await decisions.approve(ids["2025-04"], 1, await make_staff(), "已核实")

    # then
    assert payout["amount_fen"] == 1_000_000
    usage = await ContractBudgetUsage.select(
        ContractBudgetUsage.year, ContractBudgetUsage.committed_fen
    )
    assert usage == [{"year": 2025, "committed_fen": 2_000_000}]


async def test_one_fen_more_than_the_contracts_remaining_yearly_budget_is_refused():
    # given: 19 999.99 yuan a year, 10 000 already paid for March
    ids = await two_months_of_one_contract(yearly_budget_fen=1_999_999)
    before = await state()

    # when: April's 10 000 yuan is one fen more than what is left
    with pytest.raises(ServiceError) as exc:
        await decisions.approve(ids["2025-04"], 1, await make_staff(), "已核实")

    # then
    assert [(p.code, p.message) for p in exc.value.problems] == [
        (
            "CONTRACT_BUDGET_EXCEEDED",
            "超出运营合同 2025 年奖励预算：剩余 9,999.99 元，本次 10,000.00 元",
        )
    ]
    assert await state() == before
    assert before["usage"][0]["committed_fen"] == 1_000_000
