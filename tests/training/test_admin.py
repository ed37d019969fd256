"""Staff training work in the admin (issue 9, item 8): publish and close a course, record
attendance, complete an enrolment — each form from the record, refusals in Chinese and
nothing written; institutions edited under the platform's rules; the rest read-only."""

from __future__ import annotations

import itertools

import httpx
import pytest

from admin.site import row_actions
from tables import training as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import make_market, make_operator, valid_uscc
from tests.fixtures.training import (
    enrol,
    make_course,
    make_institution,
    shift_into_past,
    snapshot,
)
from tests.job_posting.admin_helpers import admin_form, staff_session

_n = itertools.count(1)


@pytest.fixture
async def client(app):
    # Own client address per test: the admin rate-limits logins per address.
    n = next(_n)
    transport = httpx.ASGITransport(app=app, client=(f"10.91.{n % 250}.{n // 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def refused(response, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"custom_form_error": message})


async def last_audit() -> dict:
    return (
        await AuditLog.select(
            AuditLog.action, AuditLog.actor_type, AuditLog.entity_type, AuditLog.entity_id
        )
        .order_by(AuditLog.id, ascending=False)
        .first()
    )


async def course_status(course_id: int) -> str:
    row = await t.TrainingCourse.select(t.TrainingCourse.status).where(
        t.TrainingCourse.id == course_id
    )
    return row[0]["status"]


async def finished_course_with_trainee() -> tuple[int, int]:
    """(course, enrolment) of a two-session course that has finished."""
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=5)
    enrolment_id = await enrol(cast.worker_id, course_id)
    await shift_into_past(course_id)
    return course_id, enrolment_id


def test_actions_start_from_the_course_and_the_enrolment_rows():
    actions = row_actions()
    assert {"label": "发布课程", "form": "training-publish", "values": {"course_id": "$id"}} in (
        actions["training_course"]
    )
    assert [a["label"] for a in actions["training_enrolment"]] == ["记录出勤", "记录缺勤", "结业"]
    assert actions["training_enrolment"][1]["values"] == {
        "enrolment_id": "$id",
        "attendance": "ABSENT",
    }


async def test_staff_publish_a_draft_course(client):
    market_id = await make_market(operator_id=await make_operator())
    course_id = await make_course(market_id, publish=False)
    headers = await staff_session(client)

    response = await admin_form(client, headers, "training-publish", {"course_id": course_id})

    assert response.status_code == 200, response.text
    assert response.json() == {"custom_form_success": f"培训课程 {course_id} 已发布，开始接受报名"}
    assert await course_status(course_id) == "OPEN"
    assert await last_audit() == {
        "action": "training.publish",
        "actor_type": "STAFF",
        "entity_type": "training_course",
        "entity_id": course_id,
    }


async def test_publishing_a_published_course_is_refused_and_changes_nothing(client):
    course_id = await make_course(await make_market(operator_id=await make_operator()))
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(client, headers, "training-publish", {"course_id": course_id})
    missing = await admin_form(client, headers, "training-publish", {"course_id": 999999})

    refused(response, "只有草稿可以发布")
    refused(missing, "培训课程不存在")
    assert await snapshot() == before


async def test_staff_close_a_course_and_its_trainees_are_withdrawn(client):
    cast = await make_cast()
    course_id = await make_course(cast.market_id)
    enrolment_id = await enrol(cast.worker_id, course_id)
    headers = await staff_session(client)

    response = await admin_form(client, headers, "training-close", {"course_id": course_id})

    assert response.json() == {
        "custom_form_success": f"培训课程 {course_id} 已关闭，报名和候补已全部退出"
    }
    assert await course_status(course_id) == "CLOSED"
    row = await t.TrainingEnrolment.select(
        t.TrainingEnrolment.status, t.TrainingEnrolment.withdrawn_by
    ).where(t.TrainingEnrolment.id == enrolment_id)
    assert row == [{"status": "WITHDRAWN", "withdrawn_by": "SYSTEM"}]


async def test_closing_a_finished_course_is_refused_and_changes_nothing(client):
    course_id, _ = await finished_course_with_trainee()
    headers = await staff_session(client)
    before = await snapshot()

    response = await admin_form(client, headers, "training-close", {"course_id": course_id})

    refused(response, "该课程已关闭或已结束")
    assert await snapshot() == before


async def test_staff_record_attendance_by_session_number(client):
    _, enrolment_id = await finished_course_with_trainee()
    headers = await staff_session(client)

    present = await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 1, "attendance": "PRESENT"},
    )
    absent = await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 2, "attendance": "ABSENT"},
    )

    assert present.json() == {"custom_form_success": f"报名 {enrolment_id} 第 1 次课已记录为出勤"}
    assert absent.json() == {"custom_form_success": f"报名 {enrolment_id} 第 2 次课已记录为缺勤"}
    rows = (
        await t.TrainingAttendance.select(
            t.TrainingAttendance.session.seq.as_alias("seq"),
            t.TrainingAttendance.present,
            t.TrainingAttendance.recorded_by,
        )
        .where(t.TrainingAttendance.enrolment == enrolment_id)
        .order_by(t.TrainingAttendance.session.seq)
    )
    assert rows == [
        {"seq": 1, "present": True, "recorded_by": "STAFF"},
        {"seq": 2, "present": False, "recorded_by": "STAFF"},
    ]


async def test_attendance_before_the_session_or_for_no_session_is_refused(client):
    cast = await make_cast()
    enrolment_id = await enrol(cast.worker_id, await make_course(cast.market_id))
    headers = await staff_session(client)
    before = await snapshot()

    early = await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 1, "attendance": "PRESENT"},
    )
    no_such = await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 7, "attendance": "PRESENT"},
    )

    refused(early, "这次课还没有开始")
    refused(no_such, "该课程没有这次课")
    assert await snapshot() == before


async def test_staff_complete_an_enrolment_with_its_certificate_number(client):
    _, enrolment_id = await finished_course_with_trainee()
    headers = await staff_session(client)
    for seq in (1, 2):
        marked = await admin_form(
            client,
            headers,
            "training-attendance",
            {"enrolment_id": enrolment_id, "session_seq": seq, "attendance": "PRESENT"},
        )
        assert marked.status_code == 200, marked.text

    response = await admin_form(
        client,
        headers,
        "training-complete",
        {"enrolment_id": enrolment_id, "certificate_no": " ZJ-2026-001 "},
    )

    assert response.json() == {
        "custom_form_success": f"报名 {enrolment_id} 已结业，证书编号 ZJ-2026-001"
    }
    row = await t.TrainingEnrolment.select(
        t.TrainingEnrolment.status, t.TrainingEnrolment.certificate_no
    ).where(t.TrainingEnrolment.id == enrolment_id)
    assert row == [{"status": "COMPLETED", "certificate_no": "ZJ-2026-001"}]
    assert (await last_audit())["action"] == "training.complete"


async def test_completion_without_full_attendance_is_refused_and_changes_nothing(client):
    _, enrolment_id = await finished_course_with_trainee()
    headers = await staff_session(client)
    await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 1, "attendance": "PRESENT"},
    )
    before = await snapshot()

    missing = await admin_form(
        client,
        headers,
        "training-complete",
        {"enrolment_id": enrolment_id, "certificate_no": "ZJ-2026-002"},
    )
    bad_number = await admin_form(
        client,
        headers,
        "training-complete",
        {"enrolment_id": enrolment_id, "certificate_no": "证书一号"},
    )

    refused(missing, "还有 1 次课没有出勤记录，不能结业")
    refused(bad_number, "证书编号为 1 到 40 位字母、数字或连字符，以字母或数字开头")
    assert await snapshot() == before


async def test_courses_enrolments_and_attendance_cannot_be_written_directly(client):
    course_id, enrolment_id = await finished_course_with_trainee()
    headers = await staff_session(client)
    before = await snapshot()

    course = await client.patch(
        f"/admin/api/tables/training_course/{course_id}/",
        json={"status": "FINISHED"},
        headers=headers,
    )
    enrolment = await client.delete(
        f"/admin/api/tables/training_enrolment/{enrolment_id}/", headers=headers
    )

    assert course.status_code == 403
    assert course.json()["detail"].startswith("培训课程由运营机构在平台上创建")
    assert enrolment.status_code == 403
    assert enrolment.json()["detail"].startswith("报名由学员在平台上办理")
    assert await snapshot() == before


async def test_staff_register_an_institution_under_the_platform_rules(client):
    headers = await staff_session(client)
    before = await snapshot()

    bad = await client.post(
        "/admin/api/tables/training_institution/",
        json={"name": "杭州新蓝领职业技能培训学校", "uscc": "123", "contact_phone": ""},
        headers=headers,
    )
    assert (bad.status_code, bad.json()) == (
        422,
        {"detail": "统一社会信用代码无效（长度、字符或校验位不符）"},
    )
    assert await snapshot() == before

    good = await client.post(
        "/admin/api/tables/training_institution/",
        json={
            "name": " 杭州新蓝领职业技能培训学校 ",
            "uscc": valid_uscc(9901).lower(),
            "contact_phone": "0571-88888888",
        },
        headers=headers,
    )

    assert good.status_code == 201, good.text
    row = await t.TrainingInstitution.select(
        t.TrainingInstitution.name, t.TrainingInstitution.uscc
    ).first()
    assert row == {"name": "杭州新蓝领职业技能培训学校", "uscc": valid_uscc(9901)}
    assert (await last_audit())["action"] == "admin.create"


async def test_an_institution_with_courses_cannot_be_deleted(client):
    institution_id = await make_institution("杭州技工培训中心")
    await make_course(await make_market(), institution_id=institution_id)
    headers = await staff_session(client)
    before = await snapshot()

    response = await client.delete(
        f"/admin/api/tables/training_institution/{institution_id}/", headers=headers
    )

    assert (response.status_code, response.json()) == (
        422,
        {"detail": "该培训机构已承办课程，不能删除"},
    )
    assert await snapshot() == before


async def test_staff_record_a_whole_class_from_the_course(client):
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=5)
    first = await enrol(cast.worker_id, course_id)
    second = await enrol((await make_cast()).worker_id, course_id)
    await shift_into_past(course_id)
    headers = await staff_session(client)

    response = await admin_form(
        client,
        headers,
        "training-class-attendance",
        {"course_id": course_id, "session_seq": 2, "absent": f"{second}"},
    )

    assert response.json() == {"custom_form_success": "第 2 次课考勤已记录：出勤 1 人，缺勤 1 人"}
    rows = await t.TrainingAttendance.select(
        t.TrainingAttendance.enrolment, t.TrainingAttendance.present
    ).order_by(t.TrainingAttendance.enrolment)
    assert rows == [{"enrolment": first, "present": True}, {"enrolment": second, "present": False}]
    assert {"label": "记录本次课考勤", "form": "training-class-attendance"} == {
        k: v for k, v in row_actions()["training_course"][1].items() if k != "values"
    }


async def test_a_class_register_with_a_stranger_or_too_early_is_refused(client):
    cast = await make_cast()
    course_id = await make_course(cast.market_id)
    await enrol(cast.worker_id, course_id)
    headers = await staff_session(client)
    before = await snapshot()

    early = await admin_form(
        client, headers, "training-class-attendance", {"course_id": course_id, "session_seq": 1}
    )
    stranger = await admin_form(
        client,
        headers,
        "training-class-attendance",
        {"course_id": course_id, "session_seq": 1, "absent": "999, 998"},
    )
    no_session = await admin_form(
        client, headers, "training-class-attendance", {"course_id": course_id, "session_seq": 9}
    )

    refused(early, "这次课还没有开始")
    refused(stranger, "报名 998、999 不是本课程已报名（未结业）的学员")
    refused(no_session, "该课程没有第 9 次课")
    assert await snapshot() == before


def test_every_row_action_opens_a_form_with_those_fields():
    from admin.site import all_forms
    from admin.training.forms import ROW_ACTIONS

    models = {f.slug: f.pydantic_model for f in all_forms()}
    for actions in ROW_ACTIONS.values():
        for action in actions:
            assert action.form in models, action
            assert action.values.keys() <= models[action.form].model_fields.keys(), action


async def test_the_attendance_list_names_the_trainee_course_and_session(client):
    _, enrolment_id = await finished_course_with_trainee()
    headers = await staff_session(client)
    await admin_form(
        client,
        headers,
        "training-attendance",
        {"enrolment_id": enrolment_id, "session_seq": 2, "attendance": "ABSENT"},
    )

    response = await client.get("/admin/api/tables/training_attendance/?__readable=true")

    row = response.json()["rows"][0]
    assert row["session_readable"] == "叉车操作实训 第2次课"
    assert row["enrolment_readable"].endswith(" · 叉车操作实训")
    assert row["present"] == "否"
