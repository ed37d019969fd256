"""`myEmployerProfile` and the Employer type's public and private fields."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.employer import flag_arrears, make_employer
from tests.fixtures.job_posting import ROLES, make_cast, make_posting

PROFILE = """
{ myEmployerProfile { name kind verificationStatus contactName phoneMasked wageArrearsFlagged } }
"""
POSTING_EMPLOYER = """
query($id: ID!) {
  jobPosting(id: $id) {
    employer { name kind uscc verificationStatus contactName phoneMasked wageArrearsFlagged }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_employers_have_an_employer_profile(gql, role):
    # given
    cast = await make_cast()

    # when
    body = await gql(PROFILE, token=cast.token[role])

    # then
    if role == "employer":
        profile = body["data"]["myEmployerProfile"]
        assert profile == {
            "name": profile["name"],
            "kind": "COMPANY",
            "verificationStatus": "VERIFIED",
            "contactName": "赵经理",
            "phoneMasked": profile["phoneMasked"],
            "wageArrearsFlagged": False,
        }
        assert profile["name"].startswith("杭州测试物流有限公司")
        assert "****" in profile["phoneMasked"]
    else:
        expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
        assert body["data"] == {"myEmployerProfile": None}
        assert [e["extensions"] for e in body["errors"]] == [{"code": expected}]


@pytest.mark.parametrize("role", ROLES)
async def test_a_private_persons_name_and_all_contact_data_stay_private(gql, role):
    # given: a person hiring, with a posting others can see
    cast = await make_cast()
    employer_id, token = await make_employer(kind="INDIVIDUAL", name="王小五", phone="13811112222")
    cast.token["employer"] = token
    posting_id = await make_posting(employer_id)
    await flag_arrears(employer_id)

    # when
    body = await gql(
        POSTING_EMPLOYER, {"id": encode_id("JobPosting", posting_id)}, token=cast.token[role]
    )

    # then
    own = role in ("employer", "staff")
    assert body == {
        "data": {
            "jobPosting": {
                "employer": {
                    "name": "王小五" if own else "王**",
                    "kind": "INDIVIDUAL",
                    "uscc": None,
                    "verificationStatus": "VERIFIED",
                    "contactName": "" if own else None,
                    "phoneMasked": "138****2222" if own else None,
                    "wageArrearsFlagged": True if own else None,
                }
            }
        }
    }
