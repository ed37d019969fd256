"""The live board (信息发布区 screens): newly published postings as they are published."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from resolvers.errors import RequestError
from resolvers.filters import checked_region_code
from resolvers.global_ids import decode_id
from resolvers.loaders import Loaders
from schema.job_posting.types import JobPosting
from services.job_posting.board import broker
from tables.market import Market

PROVINCE_CODE = "330000"


def _in_region(posting: JobPosting, code: str | None) -> bool:
    if code is None or code == PROVINCE_CODE:
        return True
    region = posting.place.region
    return code in (region.code, region.parent_code)


@strawberry.type
class JobPostingSubscription:
    @strawberry.subscription(
        description="Postings as they are published, for the posting screens of a market or a "
        "region (graphql-transport-ws). Works across server processes on PostgreSQL."
    )
    async def job_posting_published(
        self,
        info: strawberry.Info,
        market_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only postings shown on this market's board."),
        ] = None,
        region_code: Annotated[
            str | None,
            strawberry.argument(description="Only postings in this county or city (code)."),
        ] = None,
    ) -> AsyncGenerator[JobPosting, None]:
        market = None
        if market_id is not None:
            market = decode_id(market_id, "Market")
            if market is None or not await Market.exists().where(Market.id == market):
                raise RequestError("marketId：零工市场不存在", field="marketId")
        code = checked_region_code(region_code, "regionCode") if region_code is not None else None
        async with broker.listen() as queue:
            while True:
                posting_id = await queue.get()
                # A connection lives for hours: fresh loaders per event, never stale caches.
                info.context.loaders = Loaders()
                posting = await info.context.loaders.public_job_posting_by_id.load(posting_id)
                if posting is None or (market is not None and posting.record.market_id != market):
                    continue
                if not await posting.visible_to_viewer(info):
                    continue
                if _in_region(posting, code):
                    yield posting
