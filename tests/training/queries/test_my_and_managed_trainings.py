"""`myTrainingEnrolments` (workers) and `managedTrainings` (operators of the market, staff)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.training import enrol, make_course, sessions, shift_into_past
from tests.fixtures.worker import make_worker

MINE = """
query($status: [TrainingEnrolmentStatus!]) {
  myTrainingEnrolments(status: $status) {
    totalCount nodes { status waitlistPosition training { title } }
  }
}"""
MANAGED = """
query($status: [TrainingStatus!]) {
  managedTrainings(status: $status) { totalCount nodes { title status } }
}"""


@pytest.mark.parametrize("role", ROLES)
async def test_a_worker_lists_only_their_own_enrolments(gql, role):
    # given: the cast worker waits for a full course and holds a place in another
    cast = await make_cast()
    full = await make_course(cast.market_id, title="满员课", capacity=1)
    await enrol((await make_worker())[0], full)
    await enrol(cast.worker_id, full)
    other = await make_course(
        cast.market_id, title="有空位的课", times=sessions(starts_in=timedelta(days=10))
    )
    await enrol(cast.worker_id, other)

    # when
    body = await gql(MINE, token=cast.token[role])
    waiting = await gql(MINE, {"status": ["WAITLISTED"]}, token=cast.token[role])

    # then
    if role != "worker":
        assert_denied(body, role, "myTrainingEnrolments")
        return
    assert body == {
        "data": {
            "myTrainingEnrolments": {
                "totalCount": 2,
                "nodes": [
                    {
                        "status": "ENROLLED",
                        "waitlistPosition": None,
                        "training": {"title": "有空位的课"},
                    },
                    {
                        "status": "WAITLISTED",
                        "waitlistPosition": 1,
                        "training": {"title": "满员课"},
                    },
                ],
            }
        }
    }
    assert waiting["data"]["myTrainingEnrolments"]["totalCount"] == 1


@pytest.mark.parametrize("role", ROLES)
async def test_operators_manage_their_markets_courses_and_staff_all(gql, role):
    # given
    cast = await make_cast()
    await make_course(cast.market_id, title="本市场草稿", publish=False)
    await make_course(cast.market_id, title="本市场课程")
    await make_course(cast.other_market_id, title="别的市场课程")

    # when
    body = await gql(MANAGED, token=cast.token[role])
    drafts = await gql(MANAGED, {"status": ["DRAFT"]}, token=cast.token[role])

    # then
    if role in ("anonymous", "worker", "employer"):
        assert_denied(body, role, "managedTrainings")
        return
    titles = [n["title"] for n in body["data"]["managedTrainings"]["nodes"]]
    expected = {
        "operator": ["本市场课程", "本市场草稿"],
        "other_operator": ["别的市场课程"],
        "staff": ["别的市场课程", "本市场课程", "本市场草稿"],
    }[role]
    assert titles == expected
    assert body["data"]["managedTrainings"]["totalCount"] == len(expected)
    assert [n["title"] for n in drafts["data"]["managedTrainings"]["nodes"]] == (
        ["本市场草稿"] if role in ("operator", "staff") else []
    )


async def test_a_course_whose_last_session_ended_reads_finished(gql):
    # given
    cast = await make_cast()
    finished = await make_course(cast.market_id, title="已结束的课")
    await shift_into_past(finished, timedelta(days=30))
    await make_course(cast.market_id, title="报名中的课")

    # when
    done = await gql(MANAGED, {"status": ["FINISHED"]}, token=cast.token["operator"])
    open_ = await gql(MANAGED, {"status": ["OPEN"]}, token=cast.token["operator"])

    # then: stored OPEN, read FINISHED, and filtered as readers see it
    assert done["data"]["managedTrainings"]["nodes"] == [
        {"title": "已结束的课", "status": "FINISHED"}
    ]
    assert open_["data"]["managedTrainings"]["nodes"] == [{"title": "报名中的课", "status": "OPEN"}]
