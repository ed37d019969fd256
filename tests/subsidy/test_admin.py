"""Staff keep subsidy programmes in the admin (issue 10, item 6): created and changed in yuan
under the service rules, refusals in Chinese with nothing written, tables read-only."""

from __future__ import annotations

import itertools

import httpx
import pytest

from admin.site import row_actions
from tables import subsidy as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import make_cast
from tests.fixtures.subsidy import (
    apply,
    make_completed_training,
    make_programme,
    snapshot,
)
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)


def _client(app) -> httpx.AsyncClient:
    # Own client address per client: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.92.{n % 250}.{n // 250 + 1}", 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def client(app):
    async with _client(app) as c:
        yield c


def refused(response, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"custom_form_error": message})


PROGRAMME = {
    "name": "2026年上城区职业培训补贴",
    "kind": "TRAINING_SUBSIDY",
    "amount_rule": "PER_TRAINING_HOUR",
    "amount": "12.50",
    "budget": "50000",
    "approval_threshold": "500",
    "starts_on": "2026-01-01",
    "ends_on": "2098-12-31",
    "description": "（九）对符合条件的按规定落实职业培训补贴",
    "only_low_income": True,
    "training_category": "URGENT_SKILL",
    "training_within_months": 6,
    "region_code": "330102",
}


def test_actions_start_from_the_programme_and_application_rows():
    actions = row_actions()
    assert actions["subsidy_programme"] == [
        {
            "label": "修改补贴项目",
            "form": "subsidy-programme-edit",
            "values": {"programme_id": "$id"},
        }
    ]
    assert [a["label"] for a in actions["subsidy_application"]] == ["批准", "驳回", "登记发放"]


async def test_staff_create_a_programme_in_yuan(client):
    headers = await staff_session(client)

    response = await admin_form(client, headers, "subsidy-programme-create", PROGRAMME)

    assert response.status_code == 200, response.text
    row = await t.SubsidyProgramme.select(
        t.SubsidyProgramme.id,
        t.SubsidyProgramme.amount_fen,
        t.SubsidyProgramme.budget_fen,
        t.SubsidyProgramme.approval_threshold_fen,
        t.SubsidyProgramme.assistance_categories,
        t.SubsidyProgramme.starts_at,
        t.SubsidyProgramme.ends_at,
    ).first()
    assert row is not None
    assert response.json() == {
        "custom_form_success": f"补贴项目 {row['id']}「2026年上城区职业培训补贴」已创建"
    }
    assert {k: v for k, v in row.items() if k not in ("id", "starts_at", "ends_at")} == {
        "amount_fen": 1250,
        "budget_fen": 5000000,
        "approval_threshold_fen": 50000,
        "assistance_categories": ["LOW_INCOME"],
    }
    # 2026-01-01 00:00 and 2099-01-01 00:00 in Asia/Shanghai
    assert row["starts_at"].isoformat() == "2025-12-31T16:00:00+00:00"
    assert row["ends_at"].isoformat() == "2098-12-31T16:00:00+00:00"
    audit = await AuditLog.select(AuditLog.action, AuditLog.actor_type).where(
        AuditLog.entity_type == "subsidy_programme"
    )
    assert audit == [{"action": "subsidy_programme.create", "actor_type": "STAFF"}]

    # the list shows money in yuan and codes in Chinese
    rows = (await client.get("/admin/api/tables/subsidy_programme/")).json()["rows"]
    assert {k: rows[0][k] for k in ("kind", "amount_rule", "amount_fen", "budget_fen")} == {
        "kind": "职业培训补贴",
        "amount_rule": "按培训课时",
        "amount_fen": "12.50 元",
        "budget_fen": "50,000.00 元",
    }


async def test_a_programme_against_the_rules_is_refused_with_every_problem(client):
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(
        client,
        headers,
        "subsidy-programme-create",
        {
            **PROGRAMME,
            "amount_rule": "PER_PLACEMENT",
            "amount": "0.005",
            "ends_on": "2025-12-31",
            "market_ownership": "MARKET_OPERATED",
            "region_code": "999999",
        },
    )

    refused(
        response,
        "该补贴类型不能使用此计发方式；补贴标准最多保留两位小数（精确到分）；"
        "申请截止时间须晚于开始时间；只有就业创业服务补贴可以限定零工市场性质；"
        "地区须为浙江省、设区市或县（市、区）的六位区划代码",
    )
    assert await snapshot() == before


async def test_the_budget_never_drops_below_what_was_approved(client):
    headers = await staff_session(client)
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    programme = await make_programme(amount="400", budget="1000")
    application = await apply(cast.worker_id, programme)
    ok = await admin_form(client, headers, "subsidy-approve", {"application_id": application})
    assert ok.status_code == 200, ok.text
    before = await snapshot()

    low = await admin_form(
        client, headers, "subsidy-programme-edit", {"programme_id": programme, "budget": "300"}
    )
    refused(low, "预算不能低于已批准金额 400.00 元")
    assert await snapshot() == before
    raised = await admin_form(
        client,
        headers,
        "subsidy-programme-edit",
        {"programme_id": programme, "budget": "2000.50", "ends_on": "2030-06-30", "active": "NO"},
    )
    assert raised.json() == {
        "custom_form_success": f"补贴项目 {programme} 已修改：预算 2,000.50 元，申请截止 2030-06-30"
    }
    row = await t.SubsidyProgramme.select(
        t.SubsidyProgramme.budget_fen, t.SubsidyProgramme.committed_fen, t.SubsidyProgramme.active
    ).first()
    assert row == {"budget_fen": 200050, "committed_fen": 40000, "active": False}


@pytest.mark.parametrize("table", ["subsidy_programme", "subsidy_application"])
async def test_the_tables_cannot_be_written_directly(client, table):
    headers = await staff_session(client)
    await make_programme()
    before = await snapshot()

    response = await client.post(f"/admin/api/tables/{table}/", json={}, headers=headers)

    assert response.status_code == 403
    assert await snapshot() == before


async def test_staff_change_the_eligibility_rules_of_a_programme(client):
    headers = await staff_session(client)
    programme = await make_programme(
        assistance_categories=["LOW_INCOME"],
        training_category="URGENT_SKILL",
        training_within_months=6,
        region_code="330102",
    )
    before = await snapshot()

    unknown = await admin_form(
        client,
        headers,
        "subsidy-programme-edit",
        {"programme_id": programme, "assistance": "大龄、退役军人"},
    )
    refused(unknown, "援助对象只能是 大龄、残疾、低收入家庭、长期待工（无法识别：退役军人）")
    assert await snapshot() == before
    changed = await admin_form(
        client,
        headers,
        "subsidy-programme-edit",
        {
            "programme_id": programme,
            "assistance": "残疾、大龄",
            "training_category": "",
            "training_within_months": 0,
            "region_code": "330000",
            "description": "扩大到全省",
        },
    )

    assert changed.status_code == 200, changed.text
    row = await t.SubsidyProgramme.select(
        t.SubsidyProgramme.assistance_categories,
        t.SubsidyProgramme.training_category,
        t.SubsidyProgramme.training_within_months,
        t.SubsidyProgramme.region,
        t.SubsidyProgramme.description,
        t.SubsidyProgramme.budget_fen,
    ).first()
    assert row == {
        "assistance_categories": ["DISABLED", "OLDER"],
        "training_category": None,
        "training_within_months": None,
        "region": None,
        "description": "扩大到全省",
        "budget_fen": 10000000,
    }
    audit = await AuditLog.select(AuditLog.action).where(AuditLog.entity_id == programme)
    assert {"action": "subsidy_programme.update"} in audit
