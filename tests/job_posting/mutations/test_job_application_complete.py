"""`jobApplicationComplete`: the work is done (employer or the market's operator)."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)

COMPLETE = """
mutation($id: ID!) {
  jobApplicationComplete(id: $id) {
    jobApplication { status completedAt }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_the_employer_or_the_markets_operator_completes(gql, role):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id)
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, status="CHECKED_IN"
    )
    before = await snapshot()

    # when
    body = await gql(
        COMPLETE, {"id": encode_id("JobApplication", application_id)}, token=cast.token[role]
    )

    # then
    if role in ("employer", "operator"):
        payload = body["data"]["jobApplicationComplete"]
        assert payload == {
            "jobApplication": {
                "status": "COMPLETED",
                "completedAt": payload["jobApplication"]["completedAt"],
            },
            "userErrors": [],
        }
        assert payload["jobApplication"]["completedAt"] is not None
        return
    if role == "other_operator":
        assert body["data"]["jobApplicationComplete"] == {
            "jobApplication": None,
            "userErrors": [{"code": "NOT_FOUND", "field": ["id"], "message": "报名记录不存在"}],
        }
    else:
        assert_denied(body, role, "jobApplicationComplete")
    assert await snapshot() == before


async def test_only_a_checked_in_application_completes(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, "CONFIRMED"
    )
    before = await snapshot()

    body = await gql(
        COMPLETE, {"id": encode_id("JobApplication", application_id)}, token=cast.token["employer"]
    )

    assert body["data"]["jobApplicationComplete"] == {
        "jobApplication": None,
        "userErrors": [
            {"code": "INVALID_STATE", "field": ["id"], "message": "只有已到岗的报名可以完工"}
        ],
    }
    assert await snapshot() == before
