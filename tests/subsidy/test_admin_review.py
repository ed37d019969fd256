"""Staff review subsidy applications in the admin (issue 10, item 6): two different approvers
above the threshold and the payment from the row, rejection with a reason, the home page's
work list, and the staff member's region."""

from __future__ import annotations

import itertools

import httpx
import pytest
from piccolo.apps.user.tables import BaseUser

from resolvers.global_ids import encode_id
from services.subsidy import review
from tables import subsidy as t
from tables.audit import AuditLog
from tables.auth import StaffScope
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import region_id
from tests.fixtures.subsidy import (
    apply,
    make_approver,
    make_completed_training,
    make_programme,
    snapshot,
)
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)


def _client(app) -> httpx.AsyncClient:
    # Own client address per client: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.93.{n % 250}.{n // 250 + 1}", 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def client(app):
    async with _client(app) as c:
        yield c


def refused(response, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"custom_form_error": message})


SUBMIT = """
mutation($p: ID!) {
  subsidyApplicationSubmit(input: {programmeId: $p}) {
    application { id status amount }
    userErrors { code }
  }
}"""
MINE = "{ mySubsidyApplications { nodes { status amount paymentReference programme { name } } } }"


async def test_a_trainee_is_approved_by_two_different_staff_members_and_paid(app, client, gql):
    # given: a worker who completed a subsidised course applies for both training subsidies
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    subsidy = await make_programme("职业培训补贴", amount="800", threshold="500")
    allowance = await make_programme(
        "培训期间生活费补贴", kind="TRAINING_LIVING_ALLOWANCE", amount="300", threshold="500"
    )
    ids = []
    for programme in (subsidy, allowance):
        body = await gql(
            SUBMIT, {"p": encode_id("SubsidyProgramme", programme)}, token=cast.token["worker"]
        )
        assert body["data"]["subsidyApplicationSubmit"]["userErrors"] == []
        ids.append(
            (
                await t.SubsidyApplication.select(t.SubsidyApplication.id)
                .order_by(t.SubsidyApplication.id, ascending=False)
                .first()
            )["id"]
        )
    big, small = ids
    first = await staff_session(client)

    # when: the first approver approves both; the 800-yuan one needs a second approver
    one = await admin_form(client, first, "subsidy-approve", {"application_id": big})
    same = await admin_form(client, first, "subsidy-approve", {"application_id": big})
    other = await admin_form(client, first, "subsidy-approve", {"application_id": small})
    async with _client(app) as second_client:
        second = await staff_session(second_client)
        two = await admin_form(second_client, second, "subsidy-approve", {"application_id": big})
        paid = await admin_form(
            second_client,
            second,
            "subsidy-pay",
            {"application_id": big, "payment_reference": "ZJCZ-2026-000123"},
        )

    # then
    assert one.json() == {
        "custom_form_success": f"补贴申请 {big} 初审通过，金额超过复核金额线，须由另一位审批人复核"
    }
    refused(same, "金额超过 500.00 元，须由另一位审批人复核")
    assert other.json() == {"custom_form_success": f"补贴申请 {small} 已批准，金额已计入项目预算"}
    assert two.json() == {"custom_form_success": f"补贴申请 {big} 已批准，金额已计入项目预算"}
    assert paid.json() == {
        "custom_form_success": f"补贴申请 {big} 已登记发放，支付凭证号 ZJCZ-2026-000123"
    }
    mine = await gql(MINE, token=cast.token["worker"])
    assert mine == {
        "data": {
            "mySubsidyApplications": {
                "nodes": [
                    {
                        "status": "APPROVED",
                        "amount": "300.00",
                        "paymentReference": None,
                        "programme": {"name": "培训期间生活费补贴"},
                    },
                    {
                        "status": "PAID",
                        "amount": "800.00",
                        "paymentReference": "ZJCZ-2026-000123",
                        "programme": {"name": "职业培训补贴"},
                    },
                ]
            }
        }
    }
    actions = [
        r["action"]
        for r in await AuditLog.select(AuditLog.action)
        .where((AuditLog.entity_type == "subsidy_application") & (AuditLog.entity_id == big))
        .order_by(AuditLog.id)
    ]
    assert actions == [
        "subsidy_application.submit",
        "subsidy_application.first_approve",
        "subsidy_application.approve",
        "subsidy_application.pay",
    ]
    # the queue names the approvers
    rows = (await client.get("/admin/api/tables/subsidy_application/", params={"id": big})).json()[
        "rows"
    ]
    assert rows[0]["status"] == "已发放" and rows[0]["amount_fen"] == "800.00 元"
    assert rows[0]["first_approved_by"] != rows[0]["decided_by"]


async def test_reject_from_the_row_needs_a_reason(client):
    headers = await staff_session(client)
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    application = await apply(cast.worker_id, await make_programme())
    before = await snapshot()

    blank = await admin_form(
        client, headers, "subsidy-reject", {"application_id": application, "reason": " "}
    )
    refused(blank, "驳回须填写理由")
    assert await snapshot() == before
    done = await admin_form(
        client, headers, "subsidy-reject", {"application_id": application, "reason": "证书无效"}
    )
    assert done.json() == {"custom_form_success": f"补贴申请 {application} 已驳回"}


async def test_the_home_page_counts_applications_waiting_within_the_region(client):
    # given: one application waiting for review, one for its second approver (上城区, 杭州市)
    cast = await make_cast()
    programme = await make_programme(amount="800", threshold="500")
    waiting = []
    for _ in range(2):
        await make_completed_training(cast.market_id, cast.worker_id)
        waiting.append(await apply(cast.worker_id, programme))
    await review.approve(waiting[0], await make_approver())
    headers = await staff_session(client)
    assert headers

    # when
    items = (await client.get("/admin/worklist/")).json()["items"]

    # then
    mine = {i["label"]: (i["count"], i["href"]) for i in items if "补贴" in i["label"]}
    assert mine == {
        "待审批的补贴申请": (1, "#/subsidy_application?status=SUBMITTED"),
        "待复核的补贴申请": (1, "#/subsidy_application?status=FIRST_APPROVED"),
    }


async def test_city_staff_see_only_applications_of_their_city(client):
    # given: an application from 上城区 (杭州市); a staff member scoped to 宁波市
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    application = await apply(cast.worker_id, await make_programme())
    headers = await staff_session(client)
    user = await BaseUser.select(BaseUser.id).order_by(BaseUser.id, ascending=False).first()
    await StaffScope.insert(
        StaffScope(user=user["id"], region=await region_id("330200"), approver=True)
    )
    before = await snapshot()

    # when
    listed = (await client.get("/admin/api/tables/subsidy_application/")).json()["rows"]
    single = await client.get(f"/admin/api/tables/subsidy_application/{application}/")
    approve = await admin_form(client, headers, "subsidy-approve", {"application_id": application})

    # then
    assert listed == []
    assert single.status_code == 404
    refused(approve, f"第 {application} 号补贴申请不存在或不在您的管辖范围内")
    assert await snapshot() == before
