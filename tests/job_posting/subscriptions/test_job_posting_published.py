"""`jobPostingPublished`: the live board, through a real server and a real WebSocket client."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest
from piccolo.engine import engine_finder

from resolvers.global_ids import encode_id
from services.db import write_transaction
from services.job_posting import board
from tables.job_posting import JobPosting
from tests.fixtures.employer import flag_arrears, make_employer
from tests.fixtures.job_posting import ROLES, make_cast, make_posting
from tests.fixtures.market import make_market
from tests.job_posting.subscriptions.live import (
    receive,
    serve_in_process,
    serve_in_subprocess,
    subscription,
    until,
)

BOARD = """
subscription($market: ID, $region: String) {
  jobPostingPublished(marketId: $market, regionCode: $region) {
    id title status market { id } place { region { code } }
  }
}"""
PUBLISH = "mutation($id: ID!) { jobPostingPublish(id: $id) { userErrors { code } } }"

postgres_only = pytest.mark.skipif(
    engine_finder().engine_type != "postgres", reason="LISTEN/NOTIFY across processes"
)


async def _publish(port: int, posting_id: int, token: str) -> dict:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        response = await http.post(
            "/graphql",
            json={"query": PUBLISH, "variables": {"id": encode_id("JobPosting", posting_id)}},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200, response.text
    return response.json()


async def _listening() -> bool:
    return board.broker.ready_count > 0


async def test_a_markets_board_receives_its_postings_as_they_are_published(app):
    # given: drafts for this market, another market, and a blocked employer
    cast = await make_cast()
    elsewhere = await make_market(name="上城区别处综合零工市场")
    ours = await make_posting(
        cast.employer_id, publish=False, market_id=cast.market_id, title="本市场"
    )
    theirs = await make_posting(cast.employer_id, publish=False, market_id=elsewhere, title="别处")
    blocked_employer, blocked_token = await make_employer()
    blocked = await make_posting(blocked_employer, publish=False, market_id=cast.market_id)
    await flag_arrears(blocked_employer)
    market = encode_id("Market", cast.market_id)

    async with serve_in_process(app) as port:
        async with subscription(port, BOARD, {"market": market}) as ws:
            await until(_listening)

            # when: a refused publish, a publish elsewhere, then ours
            refused = await _publish(port, blocked, blocked_token)
            await _publish(port, theirs, cast.token["employer"])
            await _publish(port, ours, cast.token["employer"])

            # then: the board shows only ours, and nothing for the refused one
            assert refused == {
                "data": {"jobPostingPublish": {"userErrors": [{"code": "EMPLOYER_WAGE_ARREARS"}]}}
            }
            assert await receive(ws) == {
                "id": "1",
                "type": "next",
                "payload": {
                    "data": {
                        "jobPostingPublished": {
                            "id": encode_id("JobPosting", ours),
                            "title": "本市场",
                            "status": "OPEN",
                            "market": {"id": market},
                            "place": {"region": {"code": "330102"}},
                        }
                    }
                },
            }
    await until(_none_listening)


async def _none_listening() -> bool:
    return board.broker.subscriber_count == 0


async def test_a_region_board_covers_a_whole_city(app):
    cast = await make_cast()
    hangzhou = await make_posting(
        cast.employer_id, publish=False, title="杭州", region_code="330106"
    )
    ningbo = await make_posting(cast.employer_id, publish=False, title="宁波", region_code="330203")

    async with serve_in_process(app) as port:
        async with subscription(port, BOARD, {"region": "330100"}) as ws:
            await until(_listening)
            await _publish(port, ningbo, cast.token["employer"])
            await _publish(port, hangzhou, cast.token["employer"])

            message = await receive(ws)

    assert message["payload"]["data"]["jobPostingPublished"]["title"] == "杭州"


async def test_an_unknown_market_or_a_bad_region_is_refused(app):
    async with serve_in_process(app) as port:
        async with subscription(port, BOARD, {"market": encode_id("Market", 999999)}) as ws:
            unknown = await receive(ws)
        async with subscription(port, BOARD, {"region": "hangzhou"}) as ws:
            bad = await receive(ws)

    assert unknown == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": None,
            "errors": [
                {
                    "message": "marketId：零工市场不存在",
                    "extensions": {"code": "BAD_USER_INPUT", "field": ["marketId"]},
                }
            ],
        },
    }
    assert bad["payload"]["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": ["regionCode"],
    }


async def test_nothing_is_announced_for_a_rolled_back_publish():
    # given: a local listener
    async with board.broker.listen() as queue:
        # when: one announcement rolls back with its transaction, the next one commits
        with contextlib.suppress(RuntimeError):
            async with write_transaction():
                await board.announce(111)
                raise RuntimeError("publish failed after the announcement")
        async with write_transaction():
            await board.announce(222)
        board.after_commit(222)

        # then
        assert await asyncio.wait_for(queue.get(), 10) == 222
        await asyncio.sleep(0.2)
        assert queue.empty()


@postgres_only
async def test_postings_published_through_one_process_reach_a_board_on_another():
    # given: two server processes on the same database, a screen subscribed to the first
    cast = await make_cast()
    posting_id = await make_posting(
        cast.employer_id, publish=False, market_id=cast.market_id, title="跨进程"
    )
    market = encode_id("Market", cast.market_id)

    with serve_in_subprocess() as screen_port, serve_in_subprocess() as api_port:
        async with subscription(screen_port, BOARD, {"market": market}) as ws:
            await until(_listen_seen, seconds=15)

            # when: the employer publishes through the other process
            published = await _publish(api_port, posting_id, cast.token["employer"])

            # then
            assert published == {"data": {"jobPostingPublish": {"userErrors": []}}}
            message = await receive(ws, seconds=15)
    assert message == {
        "id": "1",
        "type": "next",
        "payload": {
            "data": {
                "jobPostingPublished": {
                    "id": encode_id("JobPosting", posting_id),
                    "title": "跨进程",
                    "status": "OPEN",
                    "market": {"id": market},
                    "place": {"region": {"code": "330102"}},
                }
            }
        },
    }


async def _listen_seen() -> bool:
    """Another process has LISTEN running on this database (seen in pg_stat_activity)."""
    rows = await JobPosting.raw(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
        "AND query ILIKE {} AND pid <> pg_backend_pid()",
        f"LISTEN%{board.CHANNEL}%",
    )
    return rows[0]["n"] > 0


async def test_the_listener_stays_while_any_subscriber_remains_and_closes_after_the_last():
    # given: two screens, one of which leaves
    async with board.broker.listen() as staying:
        async with board.broker.listen():
            pass

        # when
        async with write_transaction():
            await board.announce(7)
        board.after_commit(7)

        # then
        assert await asyncio.wait_for(staying.get(), 10) == 7
    assert board.broker.subscriber_count == 0
    assert board.broker._connection is None  # PostgreSQL: the LISTEN connection is closed


@pytest.mark.parametrize("role", ROLES)
async def test_every_role_may_watch_the_public_board(app, role):
    cast = await make_cast()
    draft = await make_posting(cast.employer_id, publish=False, title="公开")

    async with serve_in_process(app) as port:
        async with subscription(port, BOARD, {}, token=cast.token[role]) as ws:
            await until(_listening)
            await _publish(port, draft, cast.token["employer"])
            message = await receive(ws)

    assert message["payload"]["data"]["jobPostingPublished"]["title"] == "公开"


async def test_a_subscriber_counts_as_ready_only_once_its_listen_is_in_place(monkeypatch):
    # given: a LISTEN that has not finished (PostgreSQL drops a NOTIFY sent before it ran)
    gate = asyncio.Event()

    async def slow_start() -> None:
        await gate.wait()

    monkeypatch.setattr(board.broker, "_start_listener", slow_start)
    monkeypatch.setattr(board, "is_postgres", lambda: True)

    async def subscribe() -> None:
        async with board.broker.listen():
            await asyncio.sleep(0)

    # when
    task = asyncio.create_task(subscribe())
    await asyncio.sleep(0)

    # then: registered (nothing delivered is dropped) but not yet ready
    assert (board.broker.subscriber_count, board.broker.ready_count) == (1, 0)
    gate.set()
    await asyncio.sleep(0)
    assert board.broker.ready_count == 1
    await task
    assert (board.broker.subscriber_count, board.broker.ready_count) == (0, 0)
