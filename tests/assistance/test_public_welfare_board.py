"""The live board (an anonymous screen) never shows a public-welfare job (公益性岗位)."""

from __future__ import annotations

from resolvers.global_ids import encode_id
from tables import job_posting as jp
from tests.fixtures.job_posting import make_cast, make_posting
from tests.job_posting.subscriptions.live import receive, serve_in_process, subscription, until
from tests.job_posting.subscriptions.test_job_posting_published import (
    BOARD,
    _listening,
    _publish,
)


async def test_the_board_leaves_public_welfare_jobs_out(app):
    # given: a public-welfare draft and an ordinary one at the market
    cast = await make_cast()
    welfare = await make_posting(
        cast.employer_id, publish=False, market_id=cast.market_id, title="社区公益保洁员"
    )
    await jp.JobPosting.update({jp.JobPosting.public_welfare: True}).where(
        jp.JobPosting.id == welfare
    )
    ordinary = await make_posting(
        cast.employer_id, publish=False, market_id=cast.market_id, title="仓库装卸工"
    )
    market = encode_id("Market", cast.market_id)

    async with serve_in_process(app) as port:
        async with subscription(port, BOARD, {"market": market}) as ws:
            await until(_listening)

            # when: both are published, the public-welfare one first
            await _publish(port, welfare, cast.token["employer"])
            await _publish(port, ordinary, cast.token["employer"])

            # then: the first card the screen gets is the ordinary posting
            message = await receive(ws)

    assert message["payload"]["data"]["jobPostingPublished"]["title"] == "仓库装卸工"
