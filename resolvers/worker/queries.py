"""Worker queries: the signed-in worker's profile, one worker, an operator's market workers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from piccolo.columns.combination import WhereRaw
from piccolo.custom_types import Combinable

from resolvers.errors import RequestError
from resolvers.global_ids import decode_id
from resolvers.pagination import After, CappedCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from resolvers.worker.loaders import primed_market_worker, worker_page_select
from schema.common import Connection
from schema.worker.types import Worker, WorkerAccess
from services.auth.rules import Role
from tables.market import Market
from tables.worker import Worker as WorkerRow

# Newest registration first (the id grows with it).
NEWEST_FIRST = SortSpec(None, "id", int, descending=True)


def market_workers(viewer, number: int) -> tuple[Combinable, CappedCount]:
    """marketWorkers' condition and count for `viewer` and market `number`: marketWorkers, and
    its text plan (resolvers/worker/texts.py). An operator's check is folded into the page: it
    finds only the workers of a market the viewer operates, so a page with a row is proof
    enough; the market itself is read only when the page is empty or refused (an unknown or
    someone else's market is null, as before, even with a bad cursor)."""
    cond: Combinable = WorkerRow.registered_market == number
    if viewer.role == Role.OPERATOR:
        # Written as SQL, not a Market.select per request: building that subquery with
        # Piccolo cost a third of this list's Python time; the kept statement takes its values.
        cond &= WhereRaw(
            '"worker"."registered_market" IN (SELECT id FROM market WHERE id = {} AND operator = {})',
            number,
            viewer.subject_id,
        )
    # A county market registers tens of thousands: the count stops past the cap.
    return cond, CappedCount(WorkerRow.select(WorkerRow.id).where(cond))


@strawberry.type
class WorkerQuery:
    @strawberry.field(
        description="The signed-in worker's own profile (求职登记), in full.",
        extensions=[allow(Role.WORKER)],
    )
    async def my_worker_profile(self, info: strawberry.Info) -> Worker | None:
        viewer = current_viewer(info)
        return await info.context.loaders.worker_by_id.load(viewer.subject_id)

    @strawberry.field(
        description="One worker, if you may see them (yourself; staff; the operator of their "
        "market; an employer they applied to); null otherwise, exactly as for an unknown id.",
        extensions=[allow()],
    )
    async def worker(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the worker.")],
    ) -> Worker | None:
        viewer = current_viewer(info)
        number = decode_id(id, "Worker")
        if number is None:
            return None
        level = await info.context.loaders.worker_access.load(
            (viewer.role, viewer.subject_id, number)
        )
        if level < WorkerAccess.APPLICANT:
            return None
        return await info.context.loaders.worker_by_id.load(number)

    @strawberry.field(
        description="Workers registered at a market, newest first: for the market's operator "
        "and staff; null for an unknown market or someone else's.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def market_workers(
        self,
        info: strawberry.Info,
        market_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the market.")
        ],
        first: First = None,
        after: After = None,
    ) -> Connection[Worker] | None:
        viewer = current_viewer(info)
        number = decode_id(market_id, "Market")
        if number is None:
            return None
        cond, count = market_workers(viewer, number)
        loaders = info.context.loaders

        try:
            page = await sql_page(
                WorkerRow.select(WorkerRow.id).where(cond),
                WorkerRow.id,
                NEWEST_FIRST,
                first,
                after,
                lambda row: primed_market_worker(loaders, viewer, row),
                count,
                rows=worker_page_select,
            )
        except RequestError:
            if not await _may_list(viewer.role, viewer.subject_id, number):
                return None
            raise
        if page.edges or page.page_info.has_next_page:
            return page
        return page if await _may_list(viewer.role, viewer.subject_id, number) else None


async def _may_list(role: str, subject: int, market: int) -> bool:
    """Staff list any market's workers, an operator those of a market it operates."""
    found = await Market.select(Market.operator).where(Market.id == market).first()
    return found is not None and (role != Role.OPERATOR or found["operator"] == subject)
