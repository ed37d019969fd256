"""Staff rights work in the admin (issue 11, item 6): the case queue per department with open
and overdue cases first, case steps from the row, the moderation queue, take-downs and the
gathering-place register. Every form: the Chinese success message, or the Chinese refusal
with nothing written."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest

from admin.site import row_actions
from services.job_posting import rules as postings
from services.rights_case import gathering, moderation
from services.timeutil import local, now
from tables import rights_case as t
from tables.audit import AuditLog
from tables.employer import WageArrearsFlag
from tables.job_posting import JobPosting
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import make_market, region_id
from tests.fixtures.rights_case import advance, file_case, make_scene, snapshot
from tests.job_posting.admin_helpers import admin_form, staff_session
from tests.rights_case.mutations.test_job_posting_publish_screening import draft

_n = itertools.count(1)


@pytest.fixture
async def client(app):
    # Own client address per test: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.92.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def refused(response, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"custom_form_error": message})


def succeeded(response, message: str) -> None:
    assert (response.status_code, response.json()) == (200, {"custom_form_success": message})


async def case(case_id: int) -> dict:
    row = await t.RightsCase.select().where(t.RightsCase.id == case_id).first()
    assert row is not None
    return row


def shown(moment) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


async def a_case(kind: str = "WAGE_ARREARS") -> tuple[int, object]:
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, kind=kind, application_id=scene.application_id)
    return case_id, scene


def test_case_and_review_actions_start_from_their_rows():
    actions = row_actions()
    assert [a["label"] for a in actions["rights_case"]] == [
        "受理",
        "开始调解",
        "办结",
        "转办",
        "移送",
        "关闭",
    ]
    assert all(a["values"] == {"case_id": "$id"} for a in actions["rights_case"])
    assert {
        "label": "下架招工信息",
        "form": "posting-take-down",
        "values": {"posting_id": "$row.posting"},
    } in actions["posting_review"]
    assert actions["job_posting"] == [
        {"label": "下架招工信息", "form": "posting-take-down", "values": {"posting_id": "$id"}}
    ]


async def test_staff_accept_a_case_and_see_its_handling_deadline(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)

    response = await admin_form(client, headers, "case-accept", {"case_id": case_id, "note": ""})

    row = await case(case_id)
    assert row["status"] == "ACCEPTED"
    succeeded(response, f"案件 {case_id} 已受理，须在 {shown(row['step_due_at'])} 前办结")
    step = (
        await t.RightsCaseStep.select(t.RightsCaseStep.action, t.RightsCaseStep.actor_role)
        .order_by(t.RightsCaseStep.id, ascending=False)
        .first()
    )
    assert step == {"action": "ACCEPT", "actor_role": "STAFF"}
    audit = (
        await AuditLog.select(AuditLog.action, AuditLog.actor_type)
        .order_by(AuditLog.id, ascending=False)
        .first()
    )
    assert audit == {"action": "rights_case.accept", "actor_type": "STAFF"}


async def test_accepting_twice_is_refused_and_changes_nothing(client):
    case_id, _ = await a_case()
    await advance(case_id, "ACCEPTED")
    headers = await staff_session(client)
    before = await snapshot()

    again = await admin_form(client, headers, "case-accept", {"case_id": case_id})
    missing = await admin_form(client, headers, "case-accept", {"case_id": 999999})

    refused(again, "案件当前为“已受理”，不能受理")
    refused(missing, "案件不存在")
    assert await snapshot() == before


async def test_staff_start_mediation(client):
    case_id, _ = await a_case("CONTRACT_DISPUTE")
    await advance(case_id, "ACCEPTED")
    headers = await staff_session(client)

    response = await admin_form(client, headers, "case-mediate", {"case_id": case_id})

    row = await case(case_id)
    assert (row["status"], row["mediator_role"]) == ("MEDIATING", "STAFF")
    succeeded(response, f"案件 {case_id} 开始调解，须在 {shown(row['step_due_at'])} 前结束")


async def test_mediating_a_filed_case_is_refused_and_changes_nothing(client):
    case_id, _ = await a_case("CONTRACT_DISPUTE")
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(client, headers, "case-mediate", {"case_id": case_id})

    refused(response, "案件当前为“已登记”，不能开始调解")
    assert await snapshot() == before


async def test_staff_substantiate_wage_arrears_and_the_employer_is_flagged(client):
    case_id, scene = await a_case()
    await advance(case_id, "ACCEPTED")
    headers = await staff_session(client)

    response = await admin_form(
        client,
        headers,
        "case-resolve",
        {
            "case_id": case_id,
            "outcome": "SUBSTANTIATED",
            "note": "经核查拖欠一天工资",
            "amount_recovered": "220.00",
        },
    )

    succeeded(response, f"案件 {case_id} 已办结：查实")
    row = await case(case_id)
    assert (row["status"], row["outcome"], row["amount_recovered_fen"]) == (
        "RESOLVED",
        "SUBSTANTIATED",
        22000,
    )
    assert await WageArrearsFlag.exists().where(
        (WageArrearsFlag.employer == scene.cast.employer_id) & WageArrearsFlag.cleared_at.is_null()
    )


async def test_a_resolution_with_a_bad_amount_or_no_note_is_refused(client):
    case_id, _ = await a_case()
    await advance(case_id, "ACCEPTED")
    headers = await staff_session(client)
    before = await snapshot()

    not_money = await admin_form(
        client,
        headers,
        "case-resolve",
        {
            "case_id": case_id,
            "outcome": "SUBSTANTIATED",
            "note": "查实",
            "amount_recovered": "两百",
        },
    )
    not_found_amount = await admin_form(
        client,
        headers,
        "case-resolve",
        {
            "case_id": case_id,
            "outcome": "NOT_SUBSTANTIATED",
            "note": "",
            "amount_recovered": "10",
        },
    )
    not_mediating = await admin_form(
        client,
        headers,
        "case-resolve",
        {"case_id": case_id, "outcome": "MEDIATED", "note": "双方和解"},
    )

    refused(not_money, "追回金额须为金额数字，如 220.00")
    refused(not_found_amount, "请填写说明；不成立的案件没有追回金额")
    refused(not_mediating, "案件当前为“已受理”，不能以调解结案")
    assert await snapshot() == before


async def test_staff_route_a_case_to_another_department(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)

    response = await admin_form(
        client,
        headers,
        "case-route",
        {"case_id": case_id, "department": "PUBLIC_SECURITY", "note": "涉及威胁人身安全"},
    )

    row = await case(case_id)
    assert (row["status"], row["department"]) == ("FILED", "PUBLIC_SECURITY")
    succeeded(response, f"案件 {case_id} 已转交公安，须在 {shown(row['step_due_at'])} 前受理")


async def test_routing_to_the_same_department_is_refused(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(
        client,
        headers,
        "case-route",
        {"case_id": case_id, "department": "LABOUR_INSPECTION", "note": "重复"},
    )

    refused(response, "案件已在该部门")
    assert await snapshot() == before


async def test_staff_refer_a_case_and_a_referral_needs_a_note(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)
    before = await snapshot()

    empty = await admin_form(
        client,
        headers,
        "case-refer",
        {"case_id": case_id, "referred_to": "上城区劳动人事争议仲裁委员会", "note": " "},
    )
    assert await snapshot() == before
    response = await admin_form(
        client,
        headers,
        "case-refer",
        {"case_id": case_id, "referred_to": "上城区劳动人事争议仲裁委员会", "note": "申请仲裁"},
    )

    refused(empty, "请填写说明")
    succeeded(response, f"案件 {case_id} 已移送上城区劳动人事争议仲裁委员会")
    row = await case(case_id)
    assert (row["status"], row["referred_to"]) == ("REFERRED", "上城区劳动人事争议仲裁委员会")


async def test_staff_close_a_case_once(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)

    response = await admin_form(
        client, headers, "case-close", {"case_id": case_id, "note": "重复登记"}
    )
    before = await snapshot()
    again = await admin_form(
        client, headers, "case-close", {"case_id": case_id, "note": "重复登记"}
    )

    succeeded(response, f"案件 {case_id} 已关闭")
    assert (await case(case_id))["status"] == "CLOSED"
    refused(again, "案件当前为“已关闭”，不能关闭")
    assert await snapshot() == before


async def test_the_case_queue_puts_open_cases_first_most_overdue_at_the_top(client):
    late, _ = await a_case()
    fresh, _ = await a_case("CONTRACT_DISPUTE")
    done, _ = await a_case("OTHER")
    await t.RightsCase.update({t.RightsCase.step_due_at: now() - timedelta(days=2)}).where(
        t.RightsCase.id == late
    )
    headers = await staff_session(client)
    await admin_form(client, headers, "case-close", {"case_id": done, "note": "重复登记"})

    queue = await client.get("/admin/api/tables/rights_case/?__order=step_due_at")
    overdue = await client.get("/admin/api/tables/rights_case/?overdue=true")
    labour = await client.get("/admin/api/tables/rights_case/?department=LABOUR_INSPECTION")

    assert [r["id"] for r in queue.json()["rows"]] == [late, fresh, done]
    assert [r["id"] for r in overdue.json()["rows"]] == [late]
    assert [r["id"] for r in labour.json()["rows"]] == [late]
    assert queue.json()["rows"][0]["status"] == "已登记"


async def test_cases_and_review_items_cannot_be_written_directly(client):
    case_id, _ = await a_case()
    headers = await staff_session(client)
    before = await snapshot()

    patched = await client.patch(
        f"/admin/api/tables/rights_case/{case_id}/", json={"status": "RESOLVED"}, headers=headers
    )

    assert patched.status_code == 403
    assert patched.json()["detail"].startswith("案件只能通过案件行的受理")
    assert await snapshot() == before


async def held_review(employer_id: int) -> int:
    posting_id = await draft(employer_id, "保洁（限女性）", "")
    await postings.publish(employer_id, posting_id)
    row = await t.PostingReview.select(t.PostingReview.id).where(
        t.PostingReview.posting == posting_id
    )
    return row[0]["id"]


async def posting_status(posting_id: int) -> str:
    row = await JobPosting.select(JobPosting.status).where(JobPosting.id == posting_id)
    return row[0]["status"]


async def test_staff_release_a_held_posting_from_the_moderation_queue(client):
    scene = await make_scene()
    review_id = await held_review(scene.cast.employer_id)
    headers = await staff_session(client)

    response = await admin_form(
        client,
        headers,
        "posting-review-decide",
        {"review_id": review_id, "decision": "APPROVE", "note": "女浴室保洁，属法定例外"},
    )

    succeeded(response, f"审核事项 {review_id} 不成立，招工信息已发布")
    review = await t.PostingReview.select(t.PostingReview.status, t.PostingReview.posting).where(
        t.PostingReview.id == review_id
    )
    assert review[0]["status"] == "DISMISSED"
    assert await posting_status(review[0]["posting"]) == "OPEN"


async def test_staff_uphold_a_report_and_the_posting_is_taken_down(client):
    scene = await make_scene()
    review_id = await moderation.report(scene.cast.worker_id, scene.posting_id, "UNPAID", "")
    headers = await staff_session(client)
    before = await snapshot()

    no_reason = await admin_form(
        client, headers, "posting-review-decide", {"review_id": review_id, "decision": "REMOVE"}
    )
    assert await snapshot() == before
    response = await admin_form(
        client,
        headers,
        "posting-review-decide",
        {"review_id": review_id, "decision": "REMOVE", "note": "多名零工反映不付工资"},
    )

    refused(no_reason, "请填写审核意见")
    succeeded(response, f"审核事项 {review_id} 成立，招工信息已下架")
    assert await posting_status(scene.posting_id) == "REMOVED"


async def test_staff_take_a_posting_down_once(client):
    scene = await make_scene()
    headers = await staff_session(client)

    response = await admin_form(
        client,
        headers,
        "posting-take-down",
        {"posting_id": scene.posting_id, "reason": "招工信息要求“35岁以下”"},
    )
    before = await snapshot()
    again = await admin_form(
        client, headers, "posting-take-down", {"posting_id": scene.posting_id, "reason": "再次"}
    )

    succeeded(response, f"招工信息 {scene.posting_id} 已下架")
    assert await posting_status(scene.posting_id) == "REMOVED"
    refused(again, "招工信息已关闭、过期或已下架")
    assert await snapshot() == before


PLACE = {
    "name": "望江路口",
    "address": "杭州市上城区望江路与秋涛路交叉口",
    "typical_hours": "05:00-08:00",
    "typical_size": 40,
    "measures": "张贴零工市场指引",
    "status": "ACTIVE",
    "latitude": 30.24,
    "longitude": 120.19,
    "market": None,
}


async def test_staff_keep_the_gathering_place_register(client):
    headers = await staff_session(client)
    region = await region_id("330102")

    created = await client.post(
        "/admin/api/tables/gathering_place/",
        json={**PLACE, "region": region, "name": " 望江路口 "},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    place_id = created.json()[0]["id"]
    patched = await client.patch(
        f"/admin/api/tables/gathering_place/{place_id}/",
        json={"status": "CLEARED", "measures": "已引导进入零工市场"},
        headers=headers,
    )

    assert patched.status_code == 200, patched.text
    row = await t.GatheringPlace.select().where(t.GatheringPlace.id == place_id).first()
    assert row is not None
    assert (row["name"], row["status"], row["version"]) == ("望江路口", "CLEARED", 1)
    assert row["recorded_by"] is not None
    actions = (
        await AuditLog.select(AuditLog.action)
        .where(AuditLog.entity_type == "gathering_place")
        .order_by(AuditLog.id)  # chain order; PostgreSQL has no implicit one
    )
    assert [a["action"] for a in actions] == ["admin.create", "admin.update"]


async def test_the_register_refuses_what_the_platform_refuses(client):
    headers = await staff_session(client)
    region = await region_id("330102")
    created = await client.post(
        "/admin/api/tables/gathering_place/", json={**PLACE, "region": region}, headers=headers
    )
    place_id = created.json()[0]["id"]
    scene = await make_scene()
    await t.RightsCase.update({t.RightsCase.gathering_place: place_id}).where(
        t.RightsCase.id
        == await file_case(
            scene.cast.worker_id, kind="OTHER", application_id=scene.application_id, amount=None
        )
    )
    before = await snapshot()

    too_many = await client.post(
        "/admin/api/tables/gathering_place/",
        json={**PLACE, "region": region, "typical_size": -1, "name": ""},
        headers=headers,
    )
    recorder = await client.patch(
        f"/admin/api/tables/gathering_place/{place_id}/",
        json={"recorded_by": 999},
        headers=headers,
    )
    deleted = await client.delete(f"/admin/api/tables/gathering_place/{place_id}/", headers=headers)

    assert (too_many.status_code, too_many.json()) == (
        422,
        {"detail": "请填写此项；聚集人数须为 0 到 10000"},
    )
    assert (recorder.status_code, recorder.json()) == (
        422,
        {"detail": "登记人、登记时间和版本由系统记录，不能修改"},
    )
    assert (deleted.status_code, deleted.json()) == (
        422,
        {"detail": "该聚集点已有事件（维权案件）记录，不能删除；疏导后请将状态改为“已疏导”"},
    )
    assert await snapshot() == before


async def test_staff_file_an_incident_at_a_gathering_place_from_a_phone_call(client):
    headers = await staff_session(client)
    place_id = await gathering.register(
        1,
        gathering.PlaceDraft(name="望江路口", address="杭州市上城区望江路口", region_code="330102"),
    )
    assert {"label": "登记聚集点事件", "form": "case-file-phone"} == {
        k: v for k, v in row_actions()["gathering_place"][0].items() if k != "values"
    }

    response = await admin_form(
        client,
        headers,
        "case-file-phone",
        {
            "kind": "GATHERING",
            "worker_id": (await make_cast()).worker_id,
            "summary": "清晨约四十人占用非机动车道等活",
            "gathering_place_id": place_id,
            "market_id": await make_market(),
        },
    )

    row = await t.RightsCase.select().order_by(t.RightsCase.id, ascending=False).first()
    assert row is not None
    succeeded(
        response,
        f"已登记案件 {row['id']}，交公安办理，须在 {shown(row['step_due_at'])} 前受理",
    )
    assert (row["channel"], row["gathering_place"], row["place_address"], row["status"]) == (
        "PHONE",
        place_id,
        "杭州市上城区望江路口",
        "FILED",
    )
    assert row["recorded_by"] is not None


async def test_a_phone_case_without_a_place_or_with_a_bad_amount_is_refused(client):
    worker_id = (await make_cast()).worker_id
    headers = await staff_session(client)
    before = await snapshot()

    no_place = await admin_form(
        client,
        headers,
        "case-file-phone",
        {
            "kind": "GATHERING",
            "summary": "路边聚集",
            "worker_id": worker_id,
            "market_id": await make_market(),
        },
    )
    bad_amount = await admin_form(
        client,
        headers,
        "case-file-phone",
        {
            "kind": "WAGE_ARREARS",
            "summary": "欠薪",
            "worker_id": worker_id,
            "amount_claimed": "两百",
        },
    )

    refused(no_place, "占道零散聚集须填写地点")
    refused(bad_amount, "主张金额须为金额数字，如 220.00")
    assert await snapshot() == before


def test_every_row_action_opens_a_form_with_those_fields():
    from admin.rights_case.forms import ROW_ACTIONS
    from admin.site import all_forms

    models = {f.slug: f.pydantic_model for f in all_forms()}
    for actions in ROW_ACTIONS.values():
        for action in actions:
            assert action.form in models, action
            assert action.values.keys() <= models[action.form].model_fields.keys(), action
