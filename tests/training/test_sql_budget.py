"""No N+1: the training documents take as many SQL statements for many courses as for few."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.training import enrol, make_course, sessions
from tests.fixtures.worker import make_worker
from tests.test_frontend_queries import SQL_BUDGET, document, run


async def courses_with_trainees(market_id: int, count: int) -> None:
    for n in range(count):
        course_id = await make_course(market_id, title=f"课程{n}", capacity=1)
        for _ in range(2):  # one enrolled, one waiting
            await enrol((await make_worker())[0], course_id)


@pytest.mark.parametrize("name", ["TrainingSearch", "ManagedTrainings", "MarketTrainings"])
async def test_statements_do_not_grow_with_the_number_of_courses(client, name):
    # given
    cast = await make_cast()
    variables = {
        "TrainingSearch": {"first": 50},
        "ManagedTrainings": {"first": 50},
        "MarketTrainings": {"id": None},
    }[name]
    if name == "MarketTrainings":
        variables["id"] = encode_id("Market", cast.market_id)
    token = cast.token["operator"] if name == "ManagedTrainings" else None
    counts = {}

    for total, added in ((2, 2), (8, 6)):
        # when
        await courses_with_trainees(cast.market_id, added)
        body, counts[total] = await run(client, document(name), variables, token)

        # then
        assert "errors" not in body, body
        listed = (
            body["data"]["market"]["trainings"]
            if name == "MarketTrainings"
            else next(iter(body["data"].values()))["nodes"]
        )
        assert len(listed) == total

    assert counts[2] == counts[8] <= SQL_BUDGET[name], counts


@pytest.mark.parametrize("role", ROLES)
async def test_the_public_list_is_the_same_for_every_role(gql, role):
    cast = await make_cast()
    await make_course(cast.market_id, title="公开课程")
    await make_course(cast.market_id, title="草稿", publish=False)

    body = await gql(
        "{ trainings { nodes { title enrolments { status } } } }", token=cast.token[role]
    )

    expected = [] if role in ("operator", "staff") else None
    assert body == {
        "data": {"trainings": {"nodes": [{"title": "公开课程", "enrolments": expected}]}}
    }


# Issue 15: a list costs the token, its page and its count whatever the page size; the
# recommendations (ranked in memory) the token, the worker and the courses.
LIST_STATEMENTS = {"ManagedTrainings": 3, "MyTrainingEnrolments": 3, "RecommendedTrainings": 3}


@pytest.mark.parametrize("name", sorted(LIST_STATEMENTS))
async def test_a_list_takes_the_same_few_statements_for_many_courses(client, name):
    # given: courses three days apart (no clash), each with a trainee and one waiting: the
    # signed-in worker for their own list, someone else otherwise
    cast = await make_cast()
    token = cast.token["operator" if name == "ManagedTrainings" else "worker"]
    counts = {}

    for total, added in ((2, 2), (8, 6)):
        for n in range(total - added, total):
            course_id = await make_course(
                cast.market_id,
                title=f"课程{n}",
                capacity=1,
                times=sessions(starts_in=timedelta(days=3 + 3 * n)),
            )
            await enrol((await make_worker())[0], course_id)
            mine = name == "MyTrainingEnrolments"
            await enrol(cast.worker_id if mine else (await make_worker())[0], course_id)

        # when
        body, counts[total] = await run(client, document(name), {"first": 50}, token)

        # then
        assert "errors" not in body, body
        assert len(next(iter(body["data"].values()))["nodes"]) == total

    assert counts == {2: LIST_STATEMENTS[name], 8: LIST_STATEMENTS[name]}
