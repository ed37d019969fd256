"""`employerProfileUpdate`: the employer keeps its contact and county current; its name and USCC
only until staff verify it (a rejected employer corrects them and is reviewed again)."""

from __future__ import annotations

import pytest

from services.employer import rules as employer_rules
from tables.audit import AuditLog
from tests.fixtures.account import make_staff_user
from tests.fixtures.employer import company_uscc, make_employer
from tests.fixtures.job_posting import ROLES, make_cast, snapshot

UPDATE = """
mutation($input: EmployerProfileUpdateInput!) {
  employerProfileUpdate(input: $input) {
    employer { name uscc contactName verificationStatus region { code } }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_an_employer_updates_its_own_profile(gql, role):
    # given
    cast = await make_cast()
    before = await snapshot()

    # when
    body = await gql(UPDATE, {"input": {"contactName": "钱经理"}}, token=cast.token[role])

    # then
    if role == "employer":
        payload = body["data"]["employerProfileUpdate"]
        assert (payload["employer"]["contactName"], payload["userErrors"]) == ("钱经理", [])
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]
    assert await snapshot() == before


async def test_contact_and_county_change_and_are_audited(gql):
    # given
    employer_id, token = await make_employer(name="杭州望江物流有限公司")

    # when
    body = await gql(
        UPDATE, {"input": {"contactName": " 钱经理 ", "regionCode": "330106"}}, token=token
    )

    # then
    assert body["data"]["employerProfileUpdate"] == {
        "employer": {
            "name": "杭州望江物流有限公司",
            "uscc": body["data"]["employerProfileUpdate"]["employer"]["uscc"],
            "contactName": "钱经理",
            "verificationStatus": "VERIFIED",
            "region": {"code": "330106"},
        },
        "userErrors": [],
    }
    entry = (
        await AuditLog.select(AuditLog.action, AuditLog.actor_type, AuditLog.actor_id)
        .where((AuditLog.entity_type == "employer") & (AuditLog.entity_id == employer_id))
        .order_by(AuditLog.id, ascending=False)
        .first()
    )
    assert entry == {
        "action": "employer.profile_update",
        "actor_type": "EMPLOYER",
        "actor_id": employer_id,
    }
    cleared = await gql(UPDATE, {"input": {"regionCode": None}}, token=token)
    assert cleared["data"]["employerProfileUpdate"]["employer"]["region"] is None


async def test_a_verified_employer_asks_staff_to_change_its_name_and_uscc(gql):
    _, token = await make_employer(name="杭州望江物流有限公司")
    before = await snapshot()

    body = await gql(
        UPDATE, {"input": {"name": "杭州望江速运有限公司", "uscc": company_uscc()}}, token=token
    )

    message = "已认证的用工主体不能自行修改名称和统一社会信用代码，请联系工作人员"
    assert body["data"]["employerProfileUpdate"] == {
        "employer": None,
        "userErrors": [
            {"code": "VERIFIED_LOCKED", "field": ["name"], "message": message},
            {"code": "VERIFIED_LOCKED", "field": ["uscc"], "message": message},
        ],
    }
    assert await snapshot() == before


async def test_a_rejected_employer_corrects_its_registration_and_waits_for_review_again(gql):
    # given
    employer_id, token = await make_employer(name="杭州望江物流有限公", verified=False)
    await employer_rules.set_verification(employer_id, "REJECTED", await make_staff_user())
    uscc = company_uscc()

    # when
    body = await gql(UPDATE, {"input": {"name": "杭州望江物流有限公司", "uscc": uscc}}, token=token)

    # then
    employer = body["data"]["employerProfileUpdate"]["employer"]
    assert (employer["name"], employer["uscc"], employer["verificationStatus"]) == (
        "杭州望江物流有限公司",
        uscc,
        "PENDING",
    )


async def test_bad_input_is_refused_field_by_field_and_nothing_changes(gql):
    # given: an unverified company, and another company's USCC
    _, token = await make_employer(verified=False)
    _, other_token = await make_employer()
    other = await gql("{ myEmployerProfile { uscc } }", token=other_token)
    taken = other["data"]["myEmployerProfile"]["uscc"]
    before = await snapshot()

    # when
    bad = await gql(
        UPDATE,
        {"input": {"name": " ", "contactName": "钱" * 60, "regionCode": "330100"}},
        token=token,
    )
    duplicate = await gql(UPDATE, {"input": {"uscc": taken}}, token=token)
    invalid = await gql(UPDATE, {"input": {"uscc": "91330106000000000X"}}, token=token)

    # then
    assert [
        (e["code"], e["field"]) for e in bad["data"]["employerProfileUpdate"]["userErrors"]
    ] == [
        ("REQUIRED", ["name"]),
        ("TOO_LONG", ["contactName"]),
        ("INVALID_REGION", ["regionCode"]),
    ]
    assert duplicate["data"]["employerProfileUpdate"]["userErrors"] == [
        {"code": "USCC_TAKEN", "field": ["uscc"], "message": "该统一社会信用代码已注册"}
    ]
    assert [e["code"] for e in invalid["data"]["employerProfileUpdate"]["userErrors"]] == [
        "INVALID_USCC"
    ]
    assert await snapshot() == before


async def test_a_private_person_has_no_uscc(gql):
    _, token = await make_employer(name="王五", kind="INDIVIDUAL", verified=False)

    body = await gql(UPDATE, {"input": {"uscc": company_uscc()}}, token=token)

    assert [e["code"] for e in body["data"]["employerProfileUpdate"]["userErrors"]] == [
        "USCC_NOT_ALLOWED"
    ]
