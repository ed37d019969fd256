"""Assessment runs: one DRAFT per public-welfare market under contract; safe to run again."""

from __future__ import annotations

import json
from datetime import date

import pytest

from services.assessment import decisions, periods, runs
from services.audit.rules import Actor
from services.problems import ServiceError
from tables.assessment import Assessment, AssessmentIndicator
from tables.audit import AuditLog
from tests.fixtures.assessment import LAST, make_scheme, make_staff, submit
from tests.fixtures.operator import contracted_market

YEAR = periods.year(LAST)


async def _markets() -> dict[str, tuple[int, int, int]]:
    return {
        "reported": await contracted_market(),
        "silent": await contracted_market(),
        "market_operated": await contracted_market(public_welfare=False),
        "ended": await contracted_market(starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31)),
    }


def _codes(exc: pytest.ExceptionInfo) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, p.field) for p in exc.value.problems]


async def test_a_run_creates_a_draft_for_every_public_welfare_market_under_contract():
    # given
    await make_scheme(YEAR)
    markets = await _markets()
    operator_id, market_id, contract_id = markets["reported"]
    report = await submit(operator_id, market_id, registrations=50)
    runner = await make_staff()

    # when
    result = await runs.run(LAST, Actor("STAFF", runner))

    # then
    assert (result.created, result.updated, result.unchanged, result.decided) == (2, 0, 0, 0)
    rows = await Assessment.select().order_by(Assessment.market)
    assert [
        (
            r["market"],
            r["contract"],
            r["report"],
            r["score_basis_points"],
            r["proposed_reward_fen"],
            r["status"],
            r["version"],
            r["last_edited_by"],
        )
        for r in rows
    ] == [
        (market_id, contract_id, report["id"], 9000, 900_000, "DRAFT", 1, runner),
        (markets["silent"][1], markets["silent"][2], None, 0, 0, "DRAFT", 1, runner),
    ]
    audits = await AuditLog.select().order_by(AuditLog.id)
    assert [(a["action"], a["actor_type"], a["actor_id"]) for a in audits[-2:]] == [
        ("assessment.run", "STAFF", runner),
        ("assessment.run", "STAFF", runner),
    ]
    assert json.loads(audits[-2]["after"])["score_basis_points"] == 9000


async def test_running_again_updates_drafts_in_place_and_never_touches_decided_ones():
    # given: a run, then a correction of one report
    await make_scheme(YEAR)
    operator_id, market_id, _ = await contracted_market()
    silent = (await contracted_market())[1]
    await submit(operator_id, market_id)
    first_runner, second_runner = await make_staff(), await make_staff()
    await runs.run(LAST, Actor("STAFF", first_runner))
    corrected = await submit(operator_id, market_id, registrations=0)

    # when
    again = await runs.run(LAST, Actor("STAFF", second_runner))

    # then: the corrected one moved on, the silent one stayed as it was
    assert (again.created, again.updated, again.unchanged, again.decided) == (0, 1, 1, 0)
    row = await Assessment.select().where(Assessment.market == market_id).first()
    assert (row["report"], row["score_basis_points"], row["version"], row["last_edited_by"]) == (
        corrected["id"],
        8000,
        2,
        second_runner,
    )
    untouched = await Assessment.select().where(Assessment.market == silent).first()
    assert (untouched["version"], untouched["last_edited_by"]) == (1, first_runner)
    rerun = await AuditLog.select().where(AuditLog.action == "assessment.rerun").first()
    assert json.loads(rerun["before"])["score_basis_points"] == 10000
    assert json.loads(rerun["after"])["score_basis_points"] == 8000

    # when: one is approved, then everything runs a third time
    await decisions.approve(row["id"], row["version"], first_runner, "已核实")
    approved = await Assessment.select().where(Assessment.id == row["id"]).first()
    third = await runs.run(LAST, Actor("STAFF", first_runner))

    # then
    assert (third.created, third.updated, third.unchanged, third.decided) == (0, 0, 1, 1)
    assert await Assessment.select().where(Assessment.id == row["id"]).first() == approved
    assert await Assessment.count() == 2


async def test_a_run_for_one_market_leaves_the_others_alone():
    await make_scheme(YEAR)
    _, first, _ = await contracted_market()
    await contracted_market()

    result = await runs.run(LAST, Actor("STAFF", await make_staff()), [first])

    assert result.created == 1
    assert [r["market"] for r in await Assessment.select(Assessment.market)] == [first]


async def test_only_ended_months_with_a_valid_scheme_can_be_run():
    # given
    await contracted_market()
    staff = Actor("STAFF", await make_staff())

    # when / then: the current month, a malformed one, no scheme yet
    for period, expected in [
        (periods.current(), [("PERIOD_NOT_ENDED", ("period",))]),
        ("2025/03", [("INVALID_PERIOD", ("period",))]),
        (LAST, [("SCHEME_MISSING", ("period",))]),
    ]:
        with pytest.raises(ServiceError) as exc:
            await runs.run(period, staff)
        assert _codes(exc) == expected

    # given: weights adding up to 95 and a zero target
    await make_scheme(YEAR)
    await AssessmentIndicator.update({AssessmentIndicator.weight: 15}).where(
        AssessmentIndicator.indicator == "registrations"
    )
    await AssessmentIndicator.update({AssessmentIndicator.target: 0}).where(
        AssessmentIndicator.indicator == "disputes_mediated"
    )

    # when / then
    with pytest.raises(ServiceError) as exc:
        await runs.run(LAST, staff)
    assert [p.message for p in exc.value.problems] == [
        "每项指标的月度目标值须大于 0",
        "各指标权重须为非负整数且合计为 100",
    ]
    assert await Assessment.count() == 0
    assert await AuditLog.count() == 0
