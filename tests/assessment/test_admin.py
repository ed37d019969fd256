"""The staff back office over HTTP: run, approve and reject forms (four-eyes), guarded tables."""

from __future__ import annotations

import itertools
from datetime import date

import httpx
import pytest
from piccolo.apps.user.tables import BaseUser

from resolvers.assessment.services import decisions, periods
from tables.assessment import (
    Assessment,
    AssessmentIndicator,
    AssessmentScheme,
    ContractBudgetUsage,
    Payout,
    WorkloadReport,
)
from tables.audit import AuditLog
from tables.operator import OperatingContract
from tests.fixtures.assessment import LAST, assessed, make_scheme, submit
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.operator import contracted_market

PASSWORD = "Passw0rd!x"
USE_FORMS = "该表由考核流程自动维护，只读；请使用“考核与绩效奖励”中的表单办理"
_addresses = itertools.count(1)


@pytest.fixture
async def browser(app):
    """A factory of admin clients, each from its own address (the login rate limiter counts
    per address for the whole session)."""
    clients: list[httpx.AsyncClient] = []

    def make() -> httpx.AsyncClient:
        n = next(_addresses)
        transport = httpx.ASGITransport(app=app, client=(f"172.20.{n // 250}.{n % 250}", 40000))
        c = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        clients.append(c)
        return c

    yield make
    for c in clients:
        await c.aclose()


async def signed_in(browser, username: str) -> tuple[httpx.AsyncClient, dict, int]:
    """A staff member logged in through /admin/ with the CSRF double-submit cookie."""
    user = await BaseUser.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.invalid",
        admin=True,
        active=True,
    )
    client = browser()
    await client.get("/admin/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"]}
    response = await client.post(
        "/admin/public/login/", json={"username": username, "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 200, response.text
    return client, headers, user.id


async def form(client, headers, slug: str, data: dict) -> tuple[int, dict]:
    response = await client.post(f"/admin/api/forms/{slug}/", json=data, headers=headers)
    return response.status_code, response.json()


async def test_one_staff_member_runs_and_another_approves_through_the_forms(browser):
    # given
    await make_scheme(periods.year(LAST))
    operator_id, market_id, _ = await contracted_market()
    await submit(operator_id, market_id)
    alice, alice_headers, alice_id = await signed_in(browser, "alice")
    bob, bob_headers, bob_id = await signed_in(browser, "bob")

    # when: alice runs the month
    ran = await form(alice, alice_headers, "assessment-run", {"period": LAST})

    # then
    assert ran == (
        200,
        {
            "custom_form_success": f"{LAST} 考核已运行：新建 1 条，更新 0 条，未变 0 条，"
            "已审定跳过 0 条。审批须由另一名工作人员办理"
        },
    )
    row = await Assessment.select().first()
    assert (row["last_edited_by"], row["status"], row["version"]) == (alice_id, "DRAFT", 1)
    decision = {"assessment_id": row["id"], "version": 1}

    # when: alice tries to approve her own run, bob forgets the justification
    own = await form(alice, alice_headers, "assessment-approve", {**decision, "justification": "x"})
    bare = await form(bob, bob_headers, "assessment-approve", decision)

    # then
    assert own == (422, {"custom_form_error": "审批人不能是运行或最后修改该考核的工作人员"})
    assert bare == (
        422,
        {"custom_form_error": "报告与平台观测数据差异超出容忍度，批准须填写说明"},
    )
    assert await Payout.count() == 0
    assert await Assessment.select().first() == row

    # when: bob approves with a justification
    approved = await form(
        bob, bob_headers, "assessment-approve", {**decision, "justification": "线下登记台账已核实"}
    )

    # then
    payout = await Payout.select().first()
    assert approved == (
        200,
        {
            "custom_form_success": f"考核 {row['id']} 已批准，发放绩效奖励 10,000.00 元"
            f"（发放记录 {payout['id']}），该月报告已锁定"
        },
    )
    decided = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert (decided["status"], decided["decided_by"], payout["approved_by"]) == (
        "APPROVED",
        bob_id,
        bob_id,
    )
    actions = [a["action"] for a in await AuditLog.select(AuditLog.action).order_by(AuditLog.id)]
    assert actions == ["workload_report.submit", "assessment.run", "assessment.approve"]


async def test_the_reject_form_and_malformed_form_input(browser):
    # given
    case = await assessed()
    client, headers, staff_id = await signed_in(browser, "carol")
    row = case["assessment"]

    # when
    incomplete = await client.post(
        "/admin/api/forms/assessment-reject/",
        json={"assessment_id": row["id"], "reason": "不实"},
        headers=headers,
    )
    stale = await form(
        client,
        headers,
        "assessment-reject",
        {"assessment_id": row["id"], "version": 7, "reason": "不实"},
    )
    rejected = await form(
        client,
        headers,
        "assessment-reject",
        {"assessment_id": row["id"], "version": 1, "reason": "不实"},
    )

    # then
    assert incomplete.status_code == 422
    assert [e["loc"] for e in incomplete.json()["detail"]] == [["version"]]
    assert stale == (
        422,
        {"custom_form_error": "考核已更新为第 1 版，请核对最新内容后再处理"},
    )
    assert rejected == (
        200,
        {"custom_form_success": f"考核 {row['id']} 已驳回，该月报告已锁定"},
    )
    decided = await Assessment.select().where(Assessment.id == row["id"]).first()
    assert (decided["status"], decided["decided_by"], decided["reject_reason"]) == (
        "REJECTED",
        staff_id,
        "不实",
    )


async def test_forms_need_a_signed_in_staff_member(browser):
    client = browser()
    await client.get("/admin/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"]}

    response = await client.post(
        "/admin/api/forms/assessment-run/", json={"period": LAST}, headers=headers
    )

    assert (response.status_code, response.json()) == (401, {"error": "Auth failed"})


async def test_workflow_tables_are_read_only(browser):
    # given: one approved assessment with its payout, usage, reports and audit rows
    case = await assessed()
    _, _, approver = await signed_in(browser, "dave")
    await decisions.approve(case["assessment"]["id"], 1, approver, "已核实")
    client, headers, _ = await signed_in(browser, "erin")
    ids = {
        "assessment": case["assessment"]["id"],
        "workload_report": case["report"],
        "payout": (await Payout.select(Payout.id).first())["id"],
        "audit_log": (await AuditLog.select(AuditLog.id).first())["id"],
        "contract_budget_usage": (await ContractBudgetUsage.select().first())["id"],
    }
    tables = [Assessment, WorkloadReport, Payout, AuditLog, ContractBudgetUsage]
    before = [await table.select().order_by(table.id) for table in tables]
    edits = {
        "assessment": {"status": "DRAFT", "decided_by": None},
        "workload_report": {"locked_at": None},
        "payout": {"amount_fen": 1},
        "audit_log": {"after": "{}"},
        "contract_budget_usage": {"committed_fen": 0},
    }

    for table, row_id in ids.items():
        url = f"/admin/api/tables/{table}/"
        # when
        answers = [
            await client.patch(f"{url}{row_id}/", json=edits[table], headers=headers),
            await client.delete(f"{url}{row_id}/", headers=headers),
            await client.post(url, json=edits[table], headers=headers),
        ]

        # then
        assert [(a.status_code, a.json()) for a in answers] == [(403, {"detail": USE_FORMS})] * 3, (
            table
        )
    put = await client.put(
        f"/admin/api/tables/assessment/{ids['assessment']}/", json={}, headers=headers
    )
    assert put.status_code == 405
    assert [await table.select().order_by(table.id) for table in tables] == before


async def test_scheme_workflow_columns_cannot_be_edited(browser):
    # given: a scheme with 10 000 yuan committed
    case = await assessed()
    scheme = await AssessmentScheme.select().first()
    client, headers, staff_id = await signed_in(browser, "frank")
    url = f"/admin/api/tables/assessment_scheme/{scheme['id']}/"
    await decisions.approve(case["assessment"]["id"], 1, staff_id, "已核实")

    # when
    forged = await client.patch(url, json={"committed_fen": 0}, headers=headers)
    too_low = await client.patch(url, json={"budget_fen": 999_999}, headers=headers)
    renamed = await client.patch(
        url, json={"name": "修订后的考核办法", "committed_fen": 1_000_000}, headers=headers
    )

    # then
    assert (forged.status_code, forged.json()) == (
        403,
        {"detail": "committed_fen 由审批流程维护，不能直接修改"},
    )
    assert (too_low.status_code, too_low.json()) == (
        422,
        {"detail": "年度预算不能低于已批准的奖励总额"},
    )
    assert renamed.status_code == 200, renamed.text
    after = await AssessmentScheme.select().first()
    assert (after["name"], after["committed_fen"], after["last_edited_by"]) == (
        "修订后的考核办法",
        1_000_000,
        staff_id,
    )

    # when: a new scheme claiming money already committed, and an invalid indicator
    new = (await client.get("/admin/api/tables/assessment_scheme/new/")).json()
    new.pop("id")
    claimed = await client.post(
        "/admin/api/tables/assessment_scheme/",
        json={**new, "year": 2030, "name": "2030", "committed_fen": 5},
        headers=headers,
    )
    created = await client.post(
        "/admin/api/tables/assessment_scheme/",
        json={**new, "year": 2030, "name": "2030 年办法", "budget_fen": 100},
        headers=headers,
    )
    heavy = await client.post(
        "/admin/api/tables/assessment_indicator/",
        json={"scheme": scheme["id"], "indicator": "registrations", "weight": 120, "target": 0},
        headers=headers,
    )

    # then
    assert (claimed.status_code, claimed.json()) == (
        403,
        {"detail": "已批准奖励由审批自动累计，不能手工填写"},
    )
    assert created.status_code == 201, created.text
    fresh = await AssessmentScheme.select().where(AssessmentScheme.year == 2030).first()
    assert (fresh["committed_fen"], fresh["last_edited_by"]) == (0, staff_id)
    assert (heavy.status_code, heavy.json()) == (
        422,
        {"detail": "权重须在 0 到 100 之间（各指标合计 100，运行考核时检查）；月度目标值须大于 0"},
    )
    assert await AssessmentIndicator.count().where(AssessmentIndicator.scheme == scheme["id"]) == 7


async def test_contracts_follow_the_same_rules_in_the_admin(browser):
    # given: an assessed contract on one market
    case = await assessed()
    client, headers, _ = await signed_in(browser, "grace")
    new = (await client.get("/admin/api/tables/operating_contract/new/")).json()
    new.pop("id")
    other_operator, free_market = await make_operator(), await make_market()

    def contract(**values) -> dict:
        return {
            **new,
            "operator": other_operator,
            "market": free_market,
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
            "yearly_budget_fen": 100,
            **values,
        }

    url = "/admin/api/tables/operating_contract/"
    before = await OperatingContract.count()

    # when
    overlapping = await client.post(
        url,
        json=contract(market=case["market"], starts_on="2026-01-01", ends_on="2026-12-31"),
        headers=headers,
    )
    backwards = await client.post(url, json=contract(ends_on="2024-12-31"), headers=headers)
    created = await client.post(url, json=contract(), headers=headers)
    moved = await client.patch(
        f"{url}{case['contract']}/", json={"operator": other_operator}, headers=headers
    )
    deleted = await client.delete(f"{url}{case['contract']}/", headers=headers)

    # then
    assert (overlapping.status_code, overlapping.json()) == (
        422,
        {"detail": f"与该市场的第 {case['contract']} 号合同日期重叠"},
    )
    assert (backwards.status_code, backwards.json()) == (
        422,
        {"detail": "合同结束日期不能早于开始日期"},
    )
    assert created.status_code == 201, created.text
    assert (moved.status_code, moved.json()) == (
        422,
        {"detail": "该合同已有考核记录，不能更换运营机构或市场"},
    )
    assert (deleted.status_code, deleted.json()) == (
        422,
        {"detail": "该合同已有考核记录，不能删除"},
    )
    assert await OperatingContract.count() == before + 1
    kept = await OperatingContract.select().where(OperatingContract.id == case["contract"]).first()
    assert (kept["operator"], kept["starts_on"]) == (case["operator"], date(2024, 1, 1))
