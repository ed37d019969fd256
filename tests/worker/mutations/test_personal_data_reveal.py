"""`personalDataReveal`: staff see full personal data only with a reason, scoped and audited."""

from __future__ import annotations

import json

import pytest

from resolvers.global_ids import encode_id
from services.auth.rules import issue
from services.worker import reveal as reveal_rules
from tables.audit import AuditLog
from tables.auth import StaffScope
from tables.region import Region
from tests.fixtures.account import make_staff_user, next_resident_id
from tests.fixtures.employer import make_employer
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.subsidy import make_approver

REVEAL = """
mutation($input: PersonalDataRevealInput!) {
  personalDataReveal(input: $input) {
    personalData { subjectId name phone residentId assistanceCategories }
    userErrors { code field message }
  }
}"""
PHONE = "13955557777"
REASON = "核实补贴申请人身份（申请 2026-118 号）"


async def staff() -> tuple[int, str]:
    user_id = await make_staff_user()
    token, _ = await issue("STAFF", user_id)
    return user_id, token


async def reveals() -> list[dict]:
    rows = await AuditLog.select(
        AuditLog.actor_type,
        AuditLog.actor_id,
        AuditLog.action,
        AuditLog.entity_type,
        AuditLog.entity_id,
        AuditLog.after,
    ).where(AuditLog.action == reveal_rules.ACTION)
    return [{**r, "after": json.loads(r["after"])} for r in rows]


def refused(code: str, message: str, field: list[str] | None = None) -> dict:
    return {
        "data": {
            "personalDataReveal": {
                "personalData": None,
                "userErrors": [{"code": code, "field": field, "message": message}],
            }
        }
    }


async def test_staff_reveal_a_workers_personal_data_and_the_audit_trail_says_who_and_why(gql):
    # given: a worker with every kind of personal data, and a staff member
    resident_id = next_resident_id()
    cast = await make_cast(phone=PHONE, resident_id=resident_id, assistance=("DISABLED",))
    staff_id, token = await staff()
    gid = encode_id("Worker", cast.worker_id)

    # when
    body = await gql(REVEAL, {"input": {"subjectId": gid, "reason": f"  {REASON} "}}, token=token)

    # then: the full values, once, and one audit row that names who, whom and why (no values)
    assert body == {
        "data": {
            "personalDataReveal": {
                "personalData": {
                    "subjectId": gid,
                    "name": "张三",
                    "phone": PHONE,
                    "residentId": resident_id,
                    "assistanceCategories": ["DISABLED"],
                },
                "userErrors": [],
            }
        }
    }
    assert await reveals() == [
        {
            "actor_type": "STAFF",
            "actor_id": staff_id,
            "action": "personal_data.reveal",
            "entity_type": "worker",
            "entity_id": cast.worker_id,
            "after": {"reason": REASON, "fields": ["phone", "resident_id", "assistance"]},
        }
    ]
    audit_text = str(await AuditLog.select())
    assert PHONE not in audit_text and resident_id not in audit_text


async def test_staff_reveal_an_employers_phone(gql):
    employer_id, _ = await make_employer(name="杭州望江仓储有限公司", phone=PHONE)
    staff_id, token = await staff()
    gid = encode_id("Employer", employer_id)

    body = await gql(REVEAL, {"input": {"subjectId": gid, "reason": REASON}}, token=token)

    assert body["data"]["personalDataReveal"] == {
        "personalData": {
            "subjectId": gid,
            "name": "杭州望江仓储有限公司",
            "phone": PHONE,
            "residentId": None,
            "assistanceCategories": None,
        },
        "userErrors": [],
    }
    assert [(r["entity_type"], r["after"]["fields"]) for r in await reveals()] == [
        ("employer", ["phone"])
    ]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "staff"])
async def test_only_staff_may_reveal(gql, role):
    cast = await make_cast(phone=PHONE)
    gid = encode_id("Worker", cast.worker_id)

    body = await gql(
        REVEAL, {"input": {"subjectId": gid, "reason": REASON}}, token=cast.token[role]
    )

    assert_denied(body, role, "personalDataReveal")
    assert await reveals() == []


@pytest.mark.parametrize("reason", ["", "   ", "查看", "1", "aaaaaaaaaa", "。。。。。。。"])
async def test_a_trivial_reason_is_refused_and_nothing_is_recorded(gql, reason):
    cast = await make_cast(phone=PHONE)
    _, token = await staff()
    gid = encode_id("Worker", cast.worker_id)

    body = await gql(REVEAL, {"input": {"subjectId": gid, "reason": reason}}, token=token)

    assert body == refused(
        "REASON_REQUIRED",
        "请写明查看完整信息的具体事由（至少 6 个字，如“核实补贴申请人身份”）",
        ["reason"],
    )
    assert await reveals() == []


async def test_a_too_long_reason_is_refused(gql):
    cast = await make_cast(phone=PHONE)
    _, token = await staff()
    gid = encode_id("Worker", cast.worker_id)

    body = await gql(
        REVEAL, {"input": {"subjectId": gid, "reason": "核实申请人身份" * 30}}, token=token
    )

    assert body == refused("TOO_LONG", "事由不超过 200 个字", ["reason"])
    assert await reveals() == []


async def test_unknown_wrong_type_and_out_of_scope_answer_alike(gql):
    # given: a worker in Hangzhou (330102) and a staff member scoped to Ningbo (330200)
    cast = await make_cast(phone=PHONE)
    user_id, _ = await staff()
    ningbo = await Region.select(Region.id).where(Region.code == "330200").first()
    await StaffScope.insert(StaffScope(user=user_id, region=ningbo["id"]))
    ningbo_token, _ = await issue("STAFF", user_id)
    _, token = await staff()

    # when
    ids = [encode_id("Worker", 999999), encode_id("Market", cast.worker_id), "not-an-id"]
    answers = [
        await gql(REVEAL, {"input": {"subjectId": i, "reason": REASON}}, token=token) for i in ids
    ]
    out_of_scope = await gql(
        REVEAL,
        {"input": {"subjectId": encode_id("Worker", cast.worker_id), "reason": REASON}},
        token=ningbo_token,
    )

    # then
    not_found = refused("NOT_FOUND", "对象不存在", ["subjectId"])
    assert answers == [not_found] * 3
    assert out_of_scope == not_found
    assert await reveals() == []


async def test_read_only_staff_cannot_reveal(gql):
    cast = await make_cast(phone=PHONE)
    token, _ = await issue("STAFF", await make_approver(approver=False, read_only=True))

    body = await gql(
        REVEAL,
        {"input": {"subjectId": encode_id("Worker", cast.worker_id), "reason": REASON}},
        token=token,
    )

    assert body == refused("READ_ONLY", "只读账号不能查看完整个人信息")
    assert await reveals() == []


async def test_reveals_are_limited_per_staff_member_and_hour(gql):
    # given: one staff member has used up the hour's reveals; another has not
    cast = await make_cast(phone=PHONE)
    staff_id, token = await staff()
    _, other = await staff()
    for _ in range(reveal_rules.REVEALS_PER_HOUR):
        await reveal_rules.reveal(staff_id, "worker", cast.worker_id, REASON)
    variables = {"input": {"subjectId": encode_id("Worker", cast.worker_id), "reason": REASON}}

    # when
    limited = await gql(REVEAL, variables, token=token)
    allowed = await gql(REVEAL, variables, token=other)

    # then
    assert limited == refused("RATE_LIMITED", "每小时最多查看 20 次完整个人信息，请稍后再试")
    assert allowed["data"]["personalDataReveal"]["personalData"]["phone"] == PHONE
    assert len(await reveals()) == reveal_rules.REVEALS_PER_HOUR + 1
