"""Text input with control characters is refused with the input's path before anything runs:
NUL used to be a masked internal error on PostgreSQL and was stored on SQLite."""

from __future__ import annotations

import pytest

from tables.worker import Worker
from tests.fixtures.worker import make_worker

UPDATE = """
mutation($input: WorkerProfileUpdateInput!) {
  workerProfileUpdate(input: $input) { worker { availability } userErrors { code field } }
}"""


async def _availability(worker_id: int) -> str:
    row = await Worker.select(Worker.availability).where(Worker.id == worker_id).first()
    assert row is not None
    return row["availability"]


@pytest.mark.parametrize("text", ["白天\x00", "\x01上午", "晚班\x1b[31m", "周末\x7f"])
async def test_a_control_character_in_a_variable_is_refused_and_nothing_changes(gql, text):
    worker_id, token = await make_worker(availability="白天")

    body = await gql(UPDATE, {"input": {"availability": text, "name": "王五"}}, token=token)

    assert body == {
        "data": None,
        "errors": [
            {
                "message": "input.availability：不能包含控制字符（如 NUL）",
                "extensions": {"code": "BAD_USER_INPUT", "field": ["input", "availability"]},
            }
        ],
    }
    assert await _availability(worker_id) == "白天"


async def test_a_control_character_in_a_literal_is_refused_by_its_argument_path(gql):
    worker_id, token = await make_worker(availability="白天")
    literal = 'mutation { workerProfileUpdate(input: {availability: "a\\u0000b"}) { userErrors { code } } }'

    body = await gql(literal, token=token)

    assert body["data"] is None
    assert [e["extensions"] for e in body["errors"]] == [
        {"code": "BAD_USER_INPUT", "field": ["input", "availability"]}
    ]
    assert await _availability(worker_id) == "白天"


async def test_queries_are_checked_too_and_lists_name_the_item(gql):
    body = await gql(
        "query($s: String) { jobPostings(search: $s) { totalCount } }",
        {"s": "搬运\x00"},
    )
    listed = await gql(
        "query($n: [String!]) { enumLabels(names: $n) { name } }", {"n": ["WageUnit", "x\x00"]}
    )

    assert [e["extensions"]["field"] for e in body["errors"]] == [["s"]]
    assert [e["extensions"]["field"] for e in listed["errors"]] == [["n", "1"]]


async def test_line_breaks_and_tabs_are_text(gql):
    worker_id, token = await make_worker(availability="白天")

    body = await gql(UPDATE, {"input": {"availability": "白天\n晚上\t可"}}, token=token)

    assert body["data"]["workerProfileUpdate"]["userErrors"] == []
    assert await _availability(worker_id) == "白天\n晚上\t可"
