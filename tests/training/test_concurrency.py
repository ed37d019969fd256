"""Capacity and waitlist order hold under simultaneous requests (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from resolvers.global_ids import encode_id
from tables import training as t
from tests.fixtures.job_posting import make_cast
from tests.fixtures.training import enrol, make_course, sessions
from tests.fixtures.worker import make_worker

ENROL = """
mutation($id: ID!) {
  trainingEnrol(trainingId: $id) { enrolment { status } userErrors { code } }
}"""
WITHDRAW = """
mutation($id: ID!) {
  trainingWithdraw(id: $id) { enrolment { status } userErrors { code } }
}"""


def outcomes(bodies: list[dict], root: str) -> Counter:
    assert all("errors" not in b for b in bodies), [b for b in bodies if "errors" in b]
    return Counter(
        (b["data"][root]["userErrors"] or [{"code": b["data"][root]["enrolment"]["status"]}])[0][
            "code"
        ]
        for b in bodies
    )


async def queue(course_id: int) -> list[tuple[int, str]]:
    """(worker, status) of every enrolment in waitlist order."""
    rows = (
        await t.TrainingEnrolment.select(t.TrainingEnrolment.worker, t.TrainingEnrolment.status)
        .where(t.TrainingEnrolment.course == course_id)
        .order_by(t.TrainingEnrolment.queue_no)
    )
    return [(r["worker"], r["status"]) for r in rows]


async def test_ten_simultaneous_enrolments_never_exceed_capacity(gql):
    # given: three places, ten workers
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=3)
    tokens = [(await make_worker())[1] for _ in range(10)]

    # when: all ten enrol at once
    bodies = await asyncio.gather(
        *[gql(ENROL, {"id": encode_id("Training", course_id)}, token=tk) for tk in tokens]
    )

    # then: three places, seven on the waitlist with distinct queue numbers, no 500s
    assert outcomes(bodies, "trainingEnrol") == Counter({"ENROLLED": 3, "WAITLISTED": 7})
    course = await t.TrainingCourse.select(
        t.TrainingCourse.status, t.TrainingCourse.enrolled_count
    ).first()
    assert course == {"status": "FULL", "enrolled_count": 3}
    rows = await t.TrainingEnrolment.select(t.TrainingEnrolment.queue_no)
    assert len({r["queue_no"] for r in rows}) == 10
    # the places went to the first three in queue order
    assert [s for _, s in await queue(course_id)] == ["ENROLLED"] * 3 + ["WAITLISTED"] * 7


async def test_two_withdrawals_and_three_enrolments_racing_promote_in_order(gql):
    # given: two places held by A and B; C and D waiting in that order
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=2)
    a, b, c, d = [await make_worker() for _ in range(4)]
    held = [await enrol(w, course_id) for w, _ in (a, b)]
    for w, _ in (c, d):
        await enrol(w, course_id)
    newcomers = [await make_worker() for _ in range(3)]

    # when: three new workers enrol while A and B withdraw, all at once (the enrolments are
    # sent first, so newcomers usually join the queue before a place frees up)
    bodies = await asyncio.gather(
        *[gql(ENROL, {"id": encode_id("Training", course_id)}, token=tk) for _, tk in newcomers],
        *[
            gql(WITHDRAW, {"id": encode_id("TrainingEnrolment", e)}, token=tk)
            for e, (_, tk) in zip(held, (a, b), strict=True)
        ],
    )

    # then: C and D (first in line) hold the places whatever the interleaving; the newcomers
    # wait behind them in the order they arrived; never more than two places taken
    assert outcomes(bodies[:3], "trainingEnrol") == Counter({"WAITLISTED": 3})
    assert outcomes(bodies[3:], "trainingWithdraw") == Counter({"WITHDRAWN": 2})
    order = await queue(course_id)
    assert order[:4] == [
        (a[0], "WITHDRAWN"),
        (b[0], "WITHDRAWN"),
        (c[0], "ENROLLED"),
        (d[0], "ENROLLED"),
    ]
    assert sorted(w for w, _ in order[4:]) == sorted(w for w, _ in newcomers)
    assert [s for _, s in order[4:]] == ["WAITLISTED"] * 3
    course = await t.TrainingCourse.select(
        t.TrainingCourse.status, t.TrainingCourse.enrolled_count
    ).first()
    assert course == {"status": "FULL", "enrolled_count": 2}


async def test_one_worker_enrolling_twice_at_once_gets_one_enrolment(gql):
    cast = await make_cast()
    course_id = await make_course(cast.market_id, capacity=5)

    bodies = await asyncio.gather(
        *[
            gql(ENROL, {"id": encode_id("Training", course_id)}, token=cast.token["worker"])
            for _ in range(4)
        ]
    )

    assert outcomes(bodies, "trainingEnrol") == Counter({"ENROLLED": 1, "ALREADY_ENROLLED": 3})
    course = await t.TrainingCourse.select(t.TrainingCourse.enrolled_count).first()
    assert course == {"enrolled_count": 1}


async def test_one_worker_enrolling_in_overlapping_courses_at_once_holds_one(gql):
    # given: five courses whose single sessions overlap one another
    cast = await make_cast()
    first = sessions(1)[0]
    courses = [
        await make_course(
            cast.market_id,
            title=f"重叠课程{n}",
            times=[(first[0] + timedelta(minutes=10 * n), first[1] + timedelta(minutes=10 * n))],
        )
        for n in range(5)
    ]

    # when: the worker enrols in all five at once
    bodies = await asyncio.gather(
        *[gql(ENROL, {"id": encode_id("Training", c)}, token=cast.token["worker"]) for c in courses]
    )

    # then: the worker row lock lets each overlap check see the others' results
    assert outcomes(bodies, "trainingEnrol") == Counter({"ENROLLED": 1, "TRAINING_OVERLAP": 4})
    assert await t.TrainingEnrolment.count() == 1
