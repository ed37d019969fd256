"""`workloadReportSubmit` over time: idempotent retries, corrections, locks, simultaneous calls."""

from __future__ import annotations

import asyncio
import json

from resolvers.global_ids import encode_id
from services.assessment import decisions, reports
from tables.assessment import WorkloadReport
from tables.audit import AuditLog
from tests.assessment.mutations.submit import SUBMIT, refused, report_input, stored
from tests.fixtures.assessment import assessed, draft, make_staff, submit, token
from tests.fixtures.operator import contracted_market


async def test_a_retry_with_the_same_key_and_payload_returns_the_same_report(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    first = await gql(SUBMIT, report_input(gid), token=operator)

    # when
    retry = await gql(SUBMIT, report_input(gid), token=operator)

    # then
    assert first == retry == stored(gid)
    assert await WorkloadReport.count() == 1
    assert await AuditLog.count() == 1


async def test_the_same_key_with_another_payload_is_refused_and_changes_nothing(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    await gql(SUBMIT, report_input(gid), token=operator)
    before = await WorkloadReport.select()

    # when
    body = await gql(SUBMIT, report_input(gid, registrations=99), token=operator)

    # then
    assert body == refused(
        (
            "IDEMPOTENCY_KEY_REUSED",
            "idempotencyKey",
            "该幂等键已用于内容不同的提交；更正请使用新的键",
        )
    )
    assert await WorkloadReport.select() == before
    assert await AuditLog.count() == 1


async def test_the_same_key_with_other_notes_is_refused_and_changes_nothing(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    await gql(SUBMIT, report_input(gid), token=operator)
    before = await WorkloadReport.select()

    # when: the same figures, only the notes differ
    body = await gql(SUBMIT, report_input(gid, notes="含线下登记"), token=operator)

    # then
    assert body == refused(
        (
            "IDEMPOTENCY_KEY_REUSED",
            "idempotencyKey",
            "该幂等键已用于内容不同的提交；更正请使用新的键",
        )
    )
    assert await WorkloadReport.select() == before
    assert await AuditLog.count() == 1


async def test_two_operators_using_the_same_key_each_get_their_own_report(gql):
    # given: A and B each run a market; A has submitted with the key "k-1"
    operator_a, market_a, _ = await contracted_market()
    operator_b, market_b, _ = await contracted_market()
    gid_a, gid_b = encode_id("Market", market_a), encode_id("Market", market_b)
    token_a, token_b = await token("OPERATOR", operator_a), await token("OPERATOR", operator_b)
    first_a = await gql(SUBMIT, report_input(gid_a, notes="A"), token=token_a)

    # when: B sends the same key string, then both retry
    first_b = await gql(SUBMIT, report_input(gid_b, notes="B"), token=token_b)
    retry_a = await gql(SUBMIT, report_input(gid_a, notes="A"), token=token_a)
    retry_b = await gql(SUBMIT, report_input(gid_b, notes="B"), token=token_b)

    # then
    assert first_a == retry_a == stored(gid_a, notes="A")
    assert first_b == retry_b == stored(gid_b, notes="B")
    rows = await WorkloadReport.select(
        WorkloadReport.operator,
        WorkloadReport.market,
        WorkloadReport.idempotency_key,
        WorkloadReport.notes,
    ).order_by(WorkloadReport.id)
    assert rows == [
        {"operator": operator_a, "market": market_a, "idempotency_key": "k-1", "notes": "A"},
        {"operator": operator_b, "market": market_b, "idempotency_key": "k-1", "notes": "B"},
    ]
    assert await AuditLog.count() == 2


async def test_a_correction_adds_a_version_and_keeps_the_history(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    await gql(SUBMIT, report_input(gid), token=operator)

    # when
    body = await gql(SUBMIT, report_input(gid, key="k-2", registrations=90), token=operator)

    # then
    assert body == stored(gid, version=2, key="k-2", registrations=90)
    rows = await WorkloadReport.select(
        WorkloadReport.version, WorkloadReport.is_current, WorkloadReport.registrations
    ).order_by(WorkloadReport.version)
    assert rows == [
        {"version": 1, "is_current": 0, "registrations": 100},
        {"version": 2, "is_current": 1, "registrations": 90},
    ]
    amend = await AuditLog.select().where(AuditLog.action == "workload_report.amend").first()
    assert json.loads(amend["before"])["registrations"] == 100
    assert json.loads(amend["after"])["registrations"] == 90


async def test_a_decided_month_is_locked_but_a_retry_still_answers(gql):
    # given: approved assessment of the month
    case = await assessed()
    row = case["assessment"]
    await decisions.approve(row["id"], row["version"], await make_staff(), "已核实")
    gid, operator = encode_id("Market", case["market"]), await token("OPERATOR", case["operator"])
    original = await WorkloadReport.select().first()
    before = await WorkloadReport.select()

    # when
    correction = await gql(SUBMIT, report_input(gid, key="late"), token=operator)
    retry = await gql(SUBMIT, report_input(gid, key=original["idempotency_key"]), token=operator)

    # then
    assert correction == refused(
        ("PERIOD_LOCKED", "period", "该月考核已审定，报告已锁定，不能再更正")
    )
    assert retry["data"]["workloadReportSubmit"]["userErrors"] == []
    assert retry["data"]["workloadReportSubmit"]["workloadReport"]["lockedAt"] is not None
    assert await WorkloadReport.select() == before


async def test_two_identical_submissions_at_the_same_moment_store_one_row():
    # given
    operator_id, market_id, _ = await contracted_market()
    same = draft(market_id, key="twin")

    # when
    first, second = await asyncio.gather(
        reports.submit(operator_id, same), reports.submit(operator_id, same)
    )

    # then
    assert first["id"] == second["id"]
    assert await WorkloadReport.count() == 1
    assert await AuditLog.count() == 1


async def test_two_corrections_at_the_same_moment_get_consecutive_versions():
    # given
    operator_id, market_id, _ = await contracted_market()
    await submit(operator_id, market_id)

    # when
    await asyncio.gather(
        reports.submit(operator_id, draft(market_id, key="a", registrations=1)),
        reports.submit(operator_id, draft(market_id, key="b", registrations=2)),
    )

    # then
    rows = await WorkloadReport.select(WorkloadReport.version, WorkloadReport.is_current).order_by(
        WorkloadReport.version
    )
    assert rows == [
        {"version": 1, "is_current": 0},
        {"version": 2, "is_current": 0},
        {"version": 3, "is_current": 1},
    ]
