"""Text a mutation would store is refused if it holds a control character, with the input's path,
before anything runs: NUL used to be a masked internal error on PostgreSQL and was stored on
SQLite. (Queries keep their own rules, tested with each: codes are validated, search text drops
control characters.)"""

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


async def test_a_list_item_is_named_by_its_position(gql):
    _, token = await make_worker()
    occupations = ["T2NjdXBhdGlvbjox", "T2NjdXBh\x00"]

    body = await gql(UPDATE, {"input": {"occupationIds": occupations}}, token=token)

    assert [e["extensions"]["field"] for e in body["errors"]] == [["input", "occupationIds", "1"]]


async def test_line_breaks_and_tabs_are_text(gql):
    worker_id, token = await make_worker(availability="白天")

    body = await gql(UPDATE, {"input": {"availability": "白天\n晚上\t可"}}, token=token)

    assert body["data"]["workerProfileUpdate"]["userErrors"] == []
    assert await _availability(worker_id) == "白天\n晚上\t可"
