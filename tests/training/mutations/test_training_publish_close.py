"""`trainingPublish` and `trainingClose`: the course's operator and staff run its life cycle."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tables import training as t
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.training import enrol, make_course, shift_into_past, snapshot
from tests.fixtures.worker import make_worker

PUBLISH = """
mutation($id: ID!) {
  trainingPublish(id: $id) { training { status } userErrors { code field message } }
}"""
CLOSE = """
mutation($id: ID!) {
  trainingClose(id: $id) {
    training { status enrolledCount closedAt }
    userErrors { code field message }
  }
}"""


def refused(root: str, code: str, message: str) -> dict:
    return {
        "data": {
            root: {
                "training": None,
                "userErrors": [{"code": code, "field": ["id"], "message": message}],
            }
        }
    }


@pytest.mark.parametrize("role", ROLES)
async def test_the_courses_operator_and_staff_publish(gql, role):
    # given
    cast = await make_cast()
    course_id = await make_course(cast.market_id, publish=False)
    before = await snapshot()

    # when
    body = await gql(PUBLISH, {"id": encode_id("Training", course_id)}, token=cast.token[role])

    # then
    if role in ("operator", "staff"):
        assert body == {
            "data": {"trainingPublish": {"training": {"status": "OPEN"}, "userErrors": []}}
        }
        return
    if role == "other_operator":
        assert body == refused("trainingPublish", "NOT_FOUND", "培训课程不存在")
    else:
        assert_denied(body, role, "trainingPublish")
    assert await snapshot() == before


async def test_only_a_draft_that_has_not_started_is_published(gql):
    cast = await make_cast()
    published = await make_course(cast.market_id)
    started = await make_course(cast.market_id, publish=False)
    await shift_into_past(started, timedelta(days=3, hours=1))
    before = await snapshot()

    results = [
        await gql(PUBLISH, {"id": encode_id("Training", c)}, token=cast.token["operator"])
        for c in (published, started)
    ]

    assert results == [
        refused("trainingPublish", "INVALID_STATE", "只有草稿可以发布"),
        refused("trainingPublish", "ALREADY_STARTED", "课程已经开始，不能再发布"),
    ]
    assert await snapshot() == before


@pytest.mark.parametrize("role", ROLES)
async def test_closing_withdraws_every_enrolment(gql, role):
    # given: one place taken, one worker waiting
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=1)
    await enrol(cast.worker_id, course_id)
    await enrol((await make_worker())[0], course_id)
    before = await snapshot()

    # when
    body = await gql(CLOSE, {"id": encode_id("Training", course_id)}, token=cast.token[role])

    # then
    if role in ("operator", "staff"):
        closed = body["data"]["trainingClose"]
        assert closed["userErrors"] == []
        assert closed["training"]["status"] == "CLOSED" and closed["training"]["enrolledCount"] == 0
        rows = await t.TrainingEnrolment.select(
            t.TrainingEnrolment.status, t.TrainingEnrolment.withdrawn_by
        )
        assert rows == [{"status": "WITHDRAWN", "withdrawn_by": "SYSTEM"}] * 2
        return
    if role == "other_operator":
        assert body == refused("trainingClose", "NOT_FOUND", "培训课程不存在")
    else:
        assert_denied(body, role, "trainingClose")
    assert await snapshot() == before


async def test_a_running_or_closed_course_is_not_closed(gql):
    cast = await make_cast()
    running = await make_course(cast.market_id)
    await shift_into_past(running, timedelta(days=3, hours=1))
    finished = await make_course(cast.market_id)
    await shift_into_past(finished, timedelta(days=30))
    before = await snapshot()

    results = [
        await gql(CLOSE, {"id": encode_id("Training", c)}, token=cast.token["staff"])
        for c in (running, finished)
    ]

    assert results == [
        refused("trainingClose", "ALREADY_STARTED", "课程已经开始，不能关闭"),
        refused("trainingClose", "INVALID_STATE", "该课程已关闭或已结束"),
    ]
    assert await snapshot() == before
