"""`workloadReportSubmit`: authorization, isolation, validation and contract periods."""

from __future__ import annotations

import json
from datetime import date

from resolvers.global_ids import encode_id
from services.assessment import periods
from tables.assessment import WorkloadReport
from tables.audit import AuditLog
from tests.assessment.mutations.submit import (
    NOT_FOUND,
    SUBMIT,
    denied,
    refused,
    report_input,
    stored,
)
from tests.fixtures.assessment import FULL, LAST, matrix_tokens, period_before, token
from tests.fixtures.market import make_operator
from tests.fixtures.operator import contracted_market, make_contract


async def test_authorization_matrix(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    tokens = await matrix_tokens(operator_id)
    gid = encode_id("Market", market_id)
    expected = {
        "anonymous": denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "staff": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "other_operator": refused(NOT_FOUND),
        "operator": stored(gid),
    }

    # when
    bodies = {role: await gql(SUBMIT, report_input(gid), token=t) for role, t in tokens.items()}

    # then
    assert bodies == expected
    assert await WorkloadReport.count() == 1
    assert await AuditLog.count().where(AuditLog.action == "workload_report.submit") == 1


async def test_a_submission_is_stored_and_audited(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid = encode_id("Market", market_id)

    # when
    body = await gql(
        SUBMIT, report_input(gid, notes="含线下登记"), token=await token("OPERATOR", operator_id)
    )

    # then
    assert body == stored(gid, notes="含线下登记")
    row = await WorkloadReport.select().first()
    assert (row["operator"], row["is_current"], row["locked_at"]) == (operator_id, 1, None)
    audit = await AuditLog.select().first()
    assert (audit["actor_type"], audit["actor_id"], audit["action"], audit["entity_id"]) == (
        "OPERATOR",
        operator_id,
        "workload_report.submit",
        row["id"],
    )
    assert audit["before"] == ""
    assert json.loads(audit["after"]) == {
        "market": market_id,
        "period": LAST,
        "version": 1,
        "notes": "含线下登记",
        **FULL,
    }


async def test_another_operators_market_answers_exactly_like_a_missing_one(gql):
    # given: A runs one market, B another
    operator_a, _, _ = await contracted_market()
    _, market_b, _ = await contracted_market()
    token_a = await token("OPERATOR", operator_a)
    unknown = encode_id("Market", market_b + 1000)

    # when
    answers = [
        await gql(SUBMIT, report_input(gid, key=f"k-{n}"), token=token_a)
        for n, gid in enumerate(
            [encode_id("Market", market_b), unknown, encode_id("Operator", market_b), "bogus"]
        )
    ]

    # then
    assert answers == [refused(NOT_FOUND)] * 4
    assert await WorkloadReport.count() == 0
    assert await AuditLog.count() == 0


async def test_a_missing_or_blank_key_is_refused(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    required = refused(
        ("IDEMPOTENCY_KEY_REQUIRED", "idempotencyKey", "请提供幂等键（每次新提交使用新的键）")
    )

    # when
    bodies = [
        await gql(SUBMIT, report_input(gid, key=key), token=operator)
        for key in (..., None, "", "  ")
    ]

    # then
    assert bodies == [required] * 4
    assert await WorkloadReport.count() == 0


async def test_every_problem_with_the_input_is_listed_at_once(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)
    now = periods.current()
    future = f"{int(now[:4]) + 1}{now[4:]}"

    # when
    bad = await gql(
        SUBMIT,
        report_input(
            gid,
            key="x" * 101,
            registrations=-1,
            postings_published=100_001,
            workers_onboarded=3,
            assisted_workers_placed=4,
            notes="长" * 2001,
        ),
        token=operator,
    )
    formats = [
        await gql(SUBMIT, report_input(gid, period=p, key=f"p-{p}"), token=operator)
        for p in ("2026-13", "2026-1", "2022-12", " 2026-01", future)
    ]

    # then
    assert bad == refused(
        ("INVALID_IDEMPOTENCY_KEY", "idempotencyKey", "幂等键最长 100 个字符，且不能含控制字符"),
        ("COUNT_OUT_OF_RANGE", "registrations", "数量须在 0 到 100000 之间"),
        ("COUNT_OUT_OF_RANGE", "postingsPublished", "数量须在 0 到 100000 之间"),
        ("INCONSISTENT_COUNTS", "assistedWorkersPlaced", "困难人员就业数不能超过到岗人数"),
        ("NOTES_TOO_LONG", "notes", "说明最长 2000 个字"),
    )
    invalid = ("INVALID_PERIOD", "period", "月份格式须为 YYYY-MM，且不早于 2023 年")
    assert formats == [refused(invalid)] * 4 + [
        refused(("FUTURE_PERIOD", "period", "不能填报未来月份（按北京时间）"))
    ]
    assert await WorkloadReport.count() == 0
    assert await AuditLog.count() == 0


async def test_months_outside_the_contract_are_refused(gql):
    # given: a contract for 2025 only
    operator_id, market_id, _ = await contracted_market(
        starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )
    gid, operator = encode_id("Market", market_id), await token("OPERATOR", operator_id)

    # when
    outside = await gql(SUBMIT, report_input(gid, period="2024-12"), token=operator)
    inside = await gql(SUBMIT, report_input(gid, period="2025-12", key="k-2"), token=operator)

    # then
    assert outside == refused(
        ("NOT_UNDER_CONTRACT", "period", "该月份不在贵机构对该市场的运营合同期内")
    )
    assert inside == stored(gid, period="2025-12", key="k-2")


async def test_in_a_hand_over_month_the_incoming_operator_reports(gql):
    # given: A until 2025-06-15, B from 2025-06-16
    operator_a, market_id, _ = await contracted_market(
        starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 15)
    )
    operator_b = await make_operator()
    await make_contract(operator_b, market_id, date(2025, 6, 16), date(2026, 6, 15))
    gid = encode_id("Market", market_id)

    # when
    outgoing = await gql(
        SUBMIT, report_input(gid, period="2025-06"), token=await token("OPERATOR", operator_a)
    )
    incoming = await gql(
        SUBMIT, report_input(gid, period="2025-06"), token=await token("OPERATOR", operator_b)
    )

    # then
    assert outgoing == refused(
        ("NOT_UNDER_CONTRACT", "period", "该月份不在贵机构对该市场的运营合同期内")
    )
    assert incoming == stored(gid, period="2025-06")


async def test_an_earlier_month_can_be_reported_late(gql):
    # given
    operator_id, market_id, _ = await contracted_market()
    gid = encode_id("Market", market_id)
    earlier = period_before(5)

    # when
    body = await gql(
        SUBMIT, report_input(gid, period=earlier), token=await token("OPERATOR", operator_id)
    )

    # then
    assert body == stored(gid, period=earlier)
