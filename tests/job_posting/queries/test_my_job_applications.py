"""`myJobApplications`: the signed-in worker's applications, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fixtures.job_posting import (
    ROLES,
    assert_denied,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.worker import make_worker

MINE = """
query($status: [JobApplicationStatus!]) {
  myJobApplications(status: $status) {
    totalCount nodes { status jobPosting { title } }
  }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_only_workers_list_their_applications(gql, role):
    # given
    cast = await make_cast()
    first = await make_posting(cast.employer_id, title="甲")
    second = await make_posting(
        cast.employer_id, title="乙", headcount=2, starts_in=timedelta(days=1)
    )
    await make_application(cast.worker_id, first, cast.employer_id, status="CONFIRMED")
    await make_application(cast.worker_id, second, cast.employer_id)
    other, _ = await make_worker()
    await make_application(other, second, cast.employer_id)

    # when
    body = await gql(MINE, token=cast.token[role])

    # then
    if role == "worker":
        assert body == {
            "data": {
                "myJobApplications": {
                    "totalCount": 2,
                    "nodes": [
                        {"status": "APPLIED", "jobPosting": {"title": "乙"}},
                        {"status": "CONFIRMED", "jobPosting": {"title": "甲"}},
                    ],
                }
            }
        }
        confirmed = await gql(MINE, {"status": ["CONFIRMED"]}, token=cast.token[role])
        assert confirmed["data"]["myJobApplications"]["nodes"] == [
            {"status": "CONFIRMED", "jobPosting": {"title": "甲"}}
        ]
    else:
        assert_denied(body, role, "myJobApplications")
