"""`jobApplicationCheckIn`: arrival (到岗) recorded by the employer or the market's operator."""

from __future__ import annotations

from datetime import timedelta

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

CHECK_IN = """
mutation($id: ID!) {
  jobApplicationCheckIn(id: $id) {
    jobApplication { status checkedInBy }
    userErrors { code field message }
  }
}"""


def refused(code: str, message: str) -> dict:
    return {
        "data": {
            "jobApplicationCheckIn": {
                "jobApplication": None,
                "userErrors": [{"code": code, "field": ["id"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_the_employer_or_the_markets_operator_checks_a_worker_in(gql, role):
    # given
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, market_id=cast.market_id)
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, status="CONFIRMED"
    )
    before = await snapshot()

    # when
    body = await gql(
        CHECK_IN, {"id": encode_id("JobApplication", application_id)}, token=cast.token[role]
    )

    # then
    if role in ("employer", "operator"):
        assert body == {
            "data": {
                "jobApplicationCheckIn": {
                    "jobApplication": {"status": "CHECKED_IN", "checkedInBy": role.upper()},
                    "userErrors": [],
                }
            }
        }
        return
    if role == "other_operator":
        assert body == refused("NOT_FOUND", "报名记录不存在")
    else:
        assert_denied(body, role, "jobApplicationCheckIn")
    assert await snapshot() == before


async def test_check_in_opens_three_hours_before_the_start(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id, starts_in=timedelta(hours=3, minutes=5))
    application_id = await make_application(
        cast.worker_id, posting_id, cast.employer_id, "CONFIRMED"
    )
    before = await snapshot()

    body = await gql(
        CHECK_IN, {"id": encode_id("JobApplication", application_id)}, token=cast.token["employer"]
    )

    assert body == refused("OUTSIDE_CHECK_IN_WINDOW", "不在签到时间内（开工前 3 小时至收工）")
    assert await snapshot() == before


async def test_only_confirmed_applications_check_in(gql):
    cast = await make_cast()
    posting_id = await make_posting(cast.employer_id)
    application_id = await make_application(cast.worker_id, posting_id, cast.employer_id)
    before = await snapshot()

    body = await gql(
        CHECK_IN, {"id": encode_id("JobApplication", application_id)}, token=cast.token["employer"]
    )

    assert body == refused("INVALID_STATE", "只有已确认的报名可以到岗签到")
    assert await snapshot() == before
