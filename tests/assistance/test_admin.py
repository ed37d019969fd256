"""Staff adjust a worker's service tier from the worker's record (issue 10, item 4): a reason is
required, the step is audited, refusals change nothing; overrides are read-only in the list."""

from __future__ import annotations

import itertools

import httpx
import pytest

from admin.site import row_actions
from tables.assistance import WorkerServiceTier
from tables.audit import AuditLog
from tests.fixtures.worker import make_worker
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)


@pytest.fixture
async def client(app):
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.94.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def test_the_form_starts_from_the_worker_row():
    assert {"label": "调整服务等级", "form": "assistance-tier", "values": {"worker_id": "$id"}} in (
        row_actions()["worker"]
    )


async def test_staff_set_and_remove_an_override(client):
    worker_id, _ = await make_worker(assistance=("LOW_INCOME",))
    headers = await staff_session(client)

    set_ = await admin_form(
        client,
        headers,
        "assistance-tier",
        {"worker_id": worker_id, "tier": "ASSISTED", "reason": "家中两人失业，需一对一帮扶"},
    )
    removed = await admin_form(
        client,
        headers,
        "assistance-tier",
        {"worker_id": worker_id, "tier": "RULES", "reason": "已就业"},
    )

    assert set_.json() == {
        "custom_form_success": f"零工 {worker_id} 的服务等级已设为援助服务（按规则认定为重点服务）"
    }
    assert removed.json() == {
        "custom_form_success": f"零工 {worker_id} 的服务等级已恢复按规则认定：重点服务"
    }
    assert await WorkerServiceTier.count() == 0
    actions = await AuditLog.select(AuditLog.action).order_by(AuditLog.id)
    assert [a["action"] for a in actions] == [
        "assistance.tier_override",
        "assistance.tier_override_removed",
    ]


async def test_a_refusal_is_shown_and_changes_nothing(client):
    worker_id, _ = await make_worker()
    headers = await staff_session(client)

    no_reason = await admin_form(
        client, headers, "assistance-tier", {"worker_id": worker_id, "tier": "KEY", "reason": ""}
    )
    unknown = await admin_form(
        client,
        headers,
        "assistance-tier",
        {"worker_id": 999999, "tier": "KEY", "reason": "理由充分"},
    )

    assert (no_reason.status_code, no_reason.json()) == (
        422,
        {"custom_form_error": "请填写 2 到 200 个字的理由"},
    )
    assert (unknown.status_code, unknown.json()) == (422, {"custom_form_error": "零工不存在"})
    assert await WorkerServiceTier.count() == 0
    assert await AuditLog.count() == 0


async def test_overrides_cannot_be_written_in_the_list(client):
    worker_id, _ = await make_worker()
    headers = await staff_session(client)

    response = await client.post(
        "/admin/api/tables/worker_service_tier/",
        json={"worker": worker_id, "tier": "KEY", "reason": "直接写", "decided_by": 1},
        headers=headers,
    )

    assert response.status_code == 403
    assert response.json()["detail"].startswith("服务等级请从零工记录的“调整服务等级”设置")
    assert await WorkerServiceTier.count() == 0
