"""Assistance cases in the admin (issue 10): opened from the worker's record and worked from the
case's record (add a step, offer, follow-up, close; a step marked done from its own row), each
step audited; staff outside the worker's region and read-only staff are refused and nothing
changes; the queue puts cases with an overdue step first; the tables are read-only."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest
from piccolo.apps.user.tables import BaseUser

from admin.site import row_actions
from services.timeutil import local, now
from tables import assistance as a
from tables.audit import AuditLog
from tables.auth import StaffScope
from tables.region import Region
from tests.fixtures.assistance import make_case, public_welfare_posting, snapshot
from tests.fixtures.employer import make_employer
from tests.fixtures.worker import make_worker
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)


@pytest.fixture
async def client(app):
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.95.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _limit_last_user(region_code: str, read_only: bool = False) -> None:
    user = await BaseUser.select(BaseUser.id).order_by(BaseUser.id, ascending=False).first()
    region = await Region.select(Region.id).where(Region.code == region_code).first()
    await StaffScope.insert(StaffScope(user=user["id"], region=region["id"], read_only=read_only))


def _ok(response) -> str:
    assert response.status_code == 200, response.text
    return response.json()["custom_form_success"]


def test_the_forms_start_from_the_records():
    actions = row_actions()
    assert [x["label"] for x in actions["worker"]] == [
        "调整服务等级",
        "建立援助档案",
        "查看完整信息",
    ]
    assert [x["label"] for x in actions["assistance_case"]] == [
        "添加援助步骤",
        "推荐岗位或培训",
        "记录回访",
        "结案",
    ]
    assert actions["assistance_step"] == [
        {"label": "标记步骤完成", "form": "assistance-step-done", "values": {"step_id": "$id"}}
    ]


async def test_staff_work_a_case_from_opening_to_closing(client):
    # given: an assisted worker and an open public-welfare job
    worker_id, _ = await make_worker(name="杨军", assistance=("DISABLED",))
    employer_id, _ = await make_employer()
    posting_id = await public_welfare_posting(employer_id)
    headers = await staff_session(client)
    today = local(now()).date()

    # when
    opened = _ok(
        await admin_form(client, headers, "assistance-case-open", {"worker_id": worker_id})
    )
    case_id = (await a.AssistanceCase.select(a.AssistanceCase.id).first())["id"]
    case = {"case_id": case_id}
    step = _ok(
        await admin_form(
            client,
            headers,
            "assistance-step-add",
            {**case, "title": "推荐公益性岗位", "due_on": str(today + timedelta(days=3))},
        )
    )
    step_id = (await a.AssistanceStep.select(a.AssistanceStep.id).first())["id"]
    offered = _ok(
        await admin_form(
            client,
            headers,
            "assistance-offer",
            {**case, "kind": "POSTING", "target_id": posting_id, "note": "离家近"},
        )
    )
    followed = _ok(
        await admin_form(
            client,
            headers,
            "assistance-follow-up",
            {**case, "happened_on": str(today), "channel": "VISIT", "note": "上门走访，愿意试试"},
        )
    )
    done = _ok(await admin_form(client, headers, "assistance-step-done", {"step_id": step_id}))
    closed = _ok(
        await admin_form(
            client,
            headers,
            "assistance-case-close",
            {**case, "outcome": "EMPLOYED", "note": "已上岗"},
        )
    )

    # then
    assert [opened, step, offered, followed, done, closed] == [
        f"已为零工 {worker_id} 建立第 {case_id} 号援助档案，请添加援助步骤",
        f"已为第 {case_id} 号援助档案添加步骤“推荐公益性岗位”，期限 {today + timedelta(days=3)}",
        f"已向第 {case_id} 号援助档案的零工推荐岗位 {posting_id}，待本人答复",
        f"已记录第 {case_id} 号援助档案 {today} 的上门走访回访",
        f"第 {case_id} 号援助档案的步骤 {step_id} 已标记完成",
        f"第 {case_id} 号援助档案已结案：已就业",
    ]
    row = await a.AssistanceCase.select().first()
    assert (row["status"], row["outcome"], row["outcome_note"], row["open_key"]) == (
        "CLOSED",
        "EMPLOYED",
        "已上岗",
        None,
    )
    actions = (
        await AuditLog.select(AuditLog.action)
        .where(AuditLog.entity_type == "assistance_case")
        .order_by(AuditLog.id)
    )
    assert [r["action"] for r in actions] == [
        "assistance.case_open",
        "assistance.step_add",
        "assistance.offer",
        "assistance.follow_up",
        "assistance.step_done",
        "assistance.case_close",
    ]


async def test_refusals_are_shown_and_change_nothing(client):
    worker_id, _ = await make_worker(name="杨军", assistance=("DISABLED",))  # 上城区, 杭州
    case_id, _ = await make_case(worker_id)
    employer_id, _ = await make_employer()
    ordinary, _ = await make_worker(name="张三")
    headers = await staff_session(client)
    before = await snapshot()
    case = {"case_id": case_id}

    twice = await admin_form(client, headers, "assistance-case-open", {"worker_id": worker_id})
    blank = await admin_form(
        client, headers, "assistance-case-close", {**case, "outcome": "OTHER", "note": " "}
    )
    missing = await admin_form(
        client, headers, "assistance-offer", {**case, "kind": "POSTING", "target_id": 999999}
    )
    future = await admin_form(
        client,
        headers,
        "assistance-follow-up",
        {
            **case,
            "happened_on": str(local(now()).date() + timedelta(days=2)),
            "channel": "PHONE",
            "note": "提前登记",
        },
    )

    assert [
        (r.status_code, r.json()["custom_form_error"]) for r in (twice, blank, missing, future)
    ] == [
        (422, "该零工已有进行中的援助档案"),
        (422, "请填写此项"),
        (422, "招工信息不存在"),
        (422, "回访日期不能晚于今天"),
    ]
    assert await snapshot() == before
    # a public-welfare job is offered only to an eligible worker
    other_case, _ = await make_case(ordinary)
    posting_id = await public_welfare_posting(employer_id)
    before = await snapshot()
    refused = await admin_form(
        client,
        headers,
        "assistance-offer",
        {"case_id": other_case, "kind": "POSTING", "target_id": posting_id},
    )
    assert refused.json()["custom_form_error"].startswith("该岗位为公益性岗位")
    assert await snapshot() == before


@pytest.mark.parametrize(("region", "read_only"), [("330200", False), ("330100", True)])
async def test_staff_outside_the_region_and_readers_are_refused(client, region, read_only):
    worker_id, _ = await make_worker(name="杨军", assistance=("DISABLED",))
    case_id, _ = await make_case(worker_id)
    headers = await staff_session(client)
    await _limit_last_user(region, read_only)
    before = await snapshot()

    response = await admin_form(
        client,
        headers,
        "assistance-step-add",
        {"case_id": case_id, "title": "回访", "due_on": "2030-01-01"},
    )
    listed = await client.get("/admin/api/tables/assistance_case/")

    expected = (
        "只读账号不能办理业务"
        if read_only
        else f"第 {case_id} 号援助档案不存在或不在您的管辖范围内"
    )
    assert (response.status_code, response.json()["custom_form_error"]) == (422, expected)
    assert len(listed.json()["rows"]) == (1 if read_only else 0)
    assert await snapshot() == before


async def test_the_queue_puts_cases_with_an_overdue_step_first(client):
    on_time, _ = await make_worker(name="甲")
    late, _ = await make_worker(name="乙")
    closed, _ = await make_worker(name="丙")
    staff = None
    first, staff = await make_case(on_time)
    await a.AssistanceStep.update({a.AssistanceStep.done: True}).where(
        a.AssistanceStep.case == first
    )
    from services.assistance.cases import close_case, refresh_next_due

    await refresh_next_due(first)
    await a.AssistanceStep.update({a.AssistanceStep.done: False}).where(
        (a.AssistanceStep.case == first) & (a.AssistanceStep.title == "上岗后回访")
    )
    await refresh_next_due(first)  # only the step due in a week is left
    second, _ = await make_case(late)  # a step due yesterday
    third, _ = await make_case(closed)
    await close_case(staff, third, "DECLINED", "")
    await staff_session(client)

    queue = await client.get("/admin/api/tables/assistance_case/")
    overdue = await client.get("/admin/api/tables/assistance_case/?overdue=true")

    rows = queue.json()["rows"]
    assert [r["id"] for r in rows] == [second, first, third]
    assert [r["status"] for r in rows] == ["援助中", "援助中", "已结案"]
    assert [r["id"] for r in overdue.json()["rows"]] == [second]


async def test_the_tables_cannot_be_written_directly(client):
    worker_id, _ = await make_worker(assistance=("DISABLED",))
    case_id, _ = await make_case(worker_id)
    headers = await staff_session(client)
    before = await snapshot()

    patched = await client.patch(
        f"/admin/api/tables/assistance_case/{case_id}/", json={"status": "CLOSED"}, headers=headers
    )

    assert patched.status_code == 403
    assert patched.json()["detail"].startswith("援助档案请从零工记录的“建立援助档案”建立")
    assert await snapshot() == before
