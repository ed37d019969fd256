"""The staff back office over HTTP: run, approve and reject forms, four-eyes between staff."""

from __future__ import annotations

from services.assessment import periods
from tables.assessment import Assessment, Payout
from tables.audit import AuditLog
from tests.assessment.admin_helpers import form, signed_in
from tests.fixtures.assessment import LAST, assessed, make_scheme, submit
from tests.fixtures.operator import contracted_market


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
