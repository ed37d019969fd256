"""The admin's 查看完整信息: lists stay masked; the full values once, with a reason, audited."""

from __future__ import annotations

import json

from tables.audit import AuditLog
from tables.worker import Worker
from tests.fixtures.account import next_resident_id
from tests.fixtures.employer import make_employer
from tests.fixtures.worker import make_worker
from tests.job_posting.admin_helpers import admin_form, staff_session

PHONE = "13955558888"
REASON = "核实补贴申请人身份"


async def test_the_worker_list_shows_personal_data_masked(client):
    worker_id, _ = await make_worker(phone=PHONE, resident_id=next_resident_id())
    headers = await staff_session(client)

    listed = await client.get("/admin/api/tables/worker/?__page=1", headers=headers)

    assert listed.status_code == 200
    assert PHONE not in listed.text
    row = next(r for r in listed.json()["rows"] if r["id"] == worker_id)
    assert row["phone_masked"] == "139****8888"


async def test_staff_reveal_a_worker_in_the_admin_once_with_a_reason(client):
    # given
    resident_id = next_resident_id()
    worker_id, _ = await make_worker(
        name="王五", phone=PHONE, resident_id=resident_id, assistance=("DISABLED", "OLDER")
    )
    headers = await staff_session(client)

    # when
    shown = await admin_form(
        client, headers, "查看零工完整信息", {"worker_id": worker_id, "reason": REASON}
    )

    # then: the values in the answer, and the reveal in the audit trail (without them)
    assert shown.status_code == 200, shown.text
    assert shown.json() == {
        "custom_form_success": f"王五：手机号 {PHONE}；公民身份号码 {resident_id}；"
        "援助类别 残疾、大龄（仅本次显示，查看已记入审计日志）"
    }
    rows = await AuditLog.select(
        AuditLog.actor_type, AuditLog.entity_type, AuditLog.entity_id, AuditLog.after
    ).where(AuditLog.action == "personal_data.reveal")
    assert [(r["actor_type"], r["entity_type"], r["entity_id"]) for r in rows] == [
        ("STAFF", "worker", worker_id)
    ]
    assert json.loads(rows[0]["after"])["reason"] == REASON
    assert PHONE not in rows[0]["after"]


async def test_the_admin_refuses_a_reveal_without_a_real_reason(client):
    worker_id, _ = await make_worker(phone=PHONE)
    headers = await staff_session(client)
    before = await AuditLog.count()

    refused = await admin_form(
        client, headers, "查看零工完整信息", {"worker_id": worker_id, "reason": "看看"}
    )

    assert refused.status_code == 422
    assert "请写明查看完整信息的具体事由" in refused.text
    assert PHONE not in refused.text
    assert await AuditLog.count() == before
    assert await Worker.count() == 1


async def test_staff_reveal_an_employers_phone_in_the_admin(client):
    employer_id, _ = await make_employer(name="杭州望江仓储有限公司", phone=PHONE)
    headers = await staff_session(client)

    shown = await admin_form(
        client, headers, "查看用工主体完整信息", {"employer_id": employer_id, "reason": REASON}
    )

    assert shown.json() == {
        "custom_form_success": f"杭州望江仓储有限公司：手机号 {PHONE}（仅本次显示，查看已记入审计日志）"
    }
