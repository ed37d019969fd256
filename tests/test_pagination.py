"""Keyset cursors: what a list hands out comes back typed; anything else is BAD_USER_INPUT."""

from __future__ import annotations

import base64
import json
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from resolvers.errors import RequestError
from resolvers.pagination import decode_cursor, encode_cursor, ranked_page


def raw(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def test_timestamp_date_and_id_round_trip():
    moment = datetime(2026, 11, 28, 8, 30, tzinfo=timezone(timedelta(hours=8)))

    assert decode_cursor(encode_cursor([moment, 7]), [datetime, int]) == [moment, 7]
    assert decode_cursor(encode_cursor([date(2024, 3, 1), 9]), [date, int]) == [date(2024, 3, 1), 9]
    assert decode_cursor(encode_cursor([datetime(2026, 1, 1, tzinfo=UTC), 1]), [datetime, int])[
        0
    ].utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "values",
    [
        ["2026-11-28T08:30:00", 7],  # no timezone: not a cursor we made
        ["not a time", 7],
        [1732780800, 7],
        ["2026-11-28T08:30:00+08:00"],  # missing id
        ["2026-11-28T08:30:00+08:00", "7"],
    ],
)
def test_tampered_timestamp_cursors_are_bad_user_input(values):
    with pytest.raises(RequestError) as caught:
        decode_cursor(raw(values), [datetime, int])

    assert caught.value.extensions == {"code": "BAD_USER_INPUT", "field": ["after"]}


async def test_a_connection_counts_once_for_both_count_fields_and_passes_a_failure_on():
    """totalCount and totalCountIsExact, resolved side by side, share one count; a count that
    fails fails both, and leaves no unretrieved error behind; a cancelled count cancels both."""
    import asyncio
    import gc

    from resolvers.pagination import build_connection

    calls: list[str] = []
    gate = asyncio.Event()

    async def count() -> int:
        calls.append("count")
        await gate.wait()
        return 7

    connection = build_connection([], False, False, count)
    both = asyncio.gather(connection.total_count(), connection.total_count_is_exact())
    await asyncio.sleep(0)
    gate.set()
    assert await both == [7, True] and calls == ["count"]
    assert await connection.total_count() == 7 and calls == ["count"]  # kept

    async def failing() -> int:
        await asyncio.sleep(0)
        raise RuntimeError("the count failed")

    broken = build_connection([], False, False, failing)
    results = await asyncio.gather(
        broken.total_count(), broken.total_count_is_exact(), return_exceptions=True
    )
    assert [str(r) for r in results] == ["the count failed"] * 2

    lonely = build_connection([], False, False, failing)
    unretrieved: list[dict] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: unretrieved.append(context))
    try:
        with pytest.raises(RuntimeError):
            await lonely.total_count()
        del lonely
        gc.collect()
    finally:
        loop.set_exception_handler(None)
    assert unretrieved == []

    async def endless() -> int:
        await asyncio.Event().wait()
        return 0

    stuck = build_connection([], False, False, endless)
    first = asyncio.ensure_future(stuck.total_count())
    await asyncio.sleep(0)
    second = asyncio.ensure_future(stuck.total_count_is_exact())
    await asyncio.sleep(0)
    first.cancel()
    results = await asyncio.gather(first, second, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)


async def test_a_ranked_page_without_edges_writes_only_the_cursors_page_info_shows():
    # given five ranked ids, one of them gone by the time its node is built
    ranked = [(5.0, 1), (4.0, 2), (4.0, 3), (3.0, 4), (2.0, 5)]

    async def load(page):
        return {i: f"node {i}" for _, i in page if i != 4}

    # when
    every = await ranked_page(ranked, 4, None, load, descending=True, ids_descending=False)
    ends = await ranked_page(
        ranked, 4, None, load, descending=True, ids_descending=False, every_cursor=False
    )

    # then: the same nodes and pageInfo; between the ends, no cursor is made
    assert (
        [e.node for e in ends.edges]
        == [e.node for e in every.edges]
        == [
            "node 1",
            "node 2",
            "node 3",
        ]
    )
    assert [e.cursor for e in every.edges] == [encode_cursor([s, i]) for s, i in ranked[:3]]
    assert [e.cursor for e in ends.edges] == [every.edges[0].cursor, "", every.edges[2].cursor]
    assert ends.page_info == every.page_info
    assert ends.page_info.end_cursor == encode_cursor([4.0, 3])


@pytest.mark.parametrize(
    ("descending", "ids_descending"), [(True, False), (False, None), (True, None), (False, True)]
)
async def test_a_ranked_walk_follows_rank_then_id_in_the_directions_asked(
    descending, ids_descending
):
    # given 200 items with many tied ranks (ints and floats), in no order
    rng = random.Random(15)
    ranked = [
        (rng.choice([1.5, 2, 2.0, 3.25, -1.0, 0.0]), i) for i in rng.sample(range(1, 999), 200)
    ]
    rank_sign = -1 if descending else 1
    id_sign = -1 if (descending if ids_descending is None else ids_descending) else 1
    expected = sorted(ranked, key=lambda r: (rank_sign * r[0], id_sign * r[1]))

    async def load(page):
        return {i: i for _, i in page}

    # when: walked 7 at a time through the cursors
    walked, after, pages = [], None, 0
    while True:
        page = await ranked_page(
            ranked, 7, after, load, descending=descending, ids_descending=ids_descending
        )
        walked += [(e.cursor, e.node) for e in page.edges]
        pages += 1
        assert pages <= 29, "the walk does not end"
        if not page.page_info.has_next_page:
            break
        after = page.page_info.end_cursor

    # then: every item once, in rank order with ties by id, each with its own cursor
    assert [node for _, node in walked] == [i for _, i in expected]
    assert [cursor for cursor, _ in walked] == [encode_cursor([v, i]) for v, i in expected]
    assert pages == 29
    assert await page.total_count() == 200
