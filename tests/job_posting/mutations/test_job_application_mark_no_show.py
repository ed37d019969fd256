"""`jobApplicationMarkNoShow`: a confirmed worker did not come (未到岗)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    insert_application,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
    snapshot,
)

NO_SHOW = """
mutation($id: ID!) {
  jobApplicationMarkNoShow(id: $id) {
    jobApplication { status jobPosting { confirmedCount } }
    userErrors { code field message }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_the_employer_or_the_markets_operator_marks_a_no_show(gql, role):
    # given: work that started an hour ago
    cast = await make_cast()
    posting_id = await insert_posting(
        cast.employer_id,
        now() - timedelta(hours=1),
        now() + timedelta(hours=5),
        status="FILLED",
        market=cast.market_id,
    )
    application_id = await insert_application(cast.worker_id, posting_id, "CONFIRMED")
    before = await snapshot()

    # when
    body = await gql(
        NO_SHOW, {"id": encode_id("JobApplication", application_id)}, token=cast.token[role]
    )

    # then
    if role in ("employer", "operator"):
        assert body == {
            "data": {
                "jobApplicationMarkNoShow": {
                    # the place stays taken: the shift has begun
                    "jobApplication": {"status": "NO_SHOW", "jobPosting": {"confirmedCount": 1}},
                    "userErrors": [],
                }
            }
        }
        return
    if role == "other_operator":
        assert body["data"]["jobApplicationMarkNoShow"]["userErrors"][0]["code"] == "NOT_FOUND"
    else:
        assert_denied(body, role, "jobApplicationMarkNoShow")
    assert await snapshot() == before


async def test_no_show_only_once_the_work_started_and_only_when_confirmed(gql):
    cast = await make_cast()
    future = await make_posting(cast.employer_id, headcount=2)
    confirmed = await make_application(cast.worker_id, future, cast.employer_id, "CONFIRMED")
    running = await insert_posting(
        cast.employer_id, now() - timedelta(hours=1), now() + timedelta(hours=5)
    )
    pending = await insert_application(cast.worker_id, running, "APPLIED")
    before = await snapshot()

    early = await gql(
        NO_SHOW, {"id": encode_id("JobApplication", confirmed)}, token=cast.token["employer"]
    )
    not_confirmed = await gql(
        NO_SHOW, {"id": encode_id("JobApplication", pending)}, token=cast.token["employer"]
    )

    assert early["data"]["jobApplicationMarkNoShow"] == {
        "jobApplication": None,
        "userErrors": [
            {"code": "NOT_STARTED", "field": ["id"], "message": "尚未开工，不能标记未到岗"}
        ],
    }
    assert not_confirmed["data"]["jobApplicationMarkNoShow"] == {
        "jobApplication": None,
        "userErrors": [
            {"code": "INVALID_STATE", "field": ["id"], "message": "只有已确认的报名可以标记未到岗"}
        ],
    }
    assert await snapshot() == before
