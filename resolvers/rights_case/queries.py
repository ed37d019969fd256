"""Case queries: the worker's own cases, the queue of operators and staff, one case."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.filters import in_region
from resolvers.global_ids import decode_id
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from resolvers.rights_case import filters
from resolvers.rights_case.loaders import (
    case_page_select,
    primed_case,
    to_review,
)
from resolvers.rights_case.pages import (
    place_page_select,
    primed_place,
    primed_queue_case,
    queue_page_select,
)
from schema.common import Connection
from schema.rights_case.enums import (
    GatheringStatus,
    PostingReviewSource,
    PostingReviewStatus,
    RightsCaseOrderField,
    RightsCaseStatus,
)
from schema.rights_case.inputs import RightsCaseOrder, RightsCaseWhereInput
from schema.rights_case.types import GatheringPlace, PostingReview, RightsCase, may_see
from services.auth.rules import Role
from services.rights_case.routing import OPEN
from tables import rights_case as t


async def _page(
    info, conds: list[Combinable], sort: SortSpec, first, after, count, queue: bool = False
) -> Connection:
    loaders, viewer = info.context.loaders, info.context.viewer
    return await sql_page(
        t.RightsCase.select(t.RightsCase.id).where(*conds),
        t.RightsCase.id,
        sort,
        first,
        after,
        (lambda row: primed_queue_case(loaders, viewer, row))
        if queue
        else (lambda row: primed_case(loaders, row)),
        count,
        rows=queue_page_select if queue else case_page_select,
    )


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
MARKET_OPERATOR = t.RightsCase.market._.operator

NEWEST = SortSpec(t.RightsCase.opened_at, "opened_at", datetime, descending=True)
BY_DUE = SortSpec(t.RightsCase.step_due_at, "step_due_at", datetime)


def worker_cases(viewer, status: list | None) -> tuple[list[Combinable], ExactCount]:
    """myRightsCases' conditions and count: the viewer's own cases, in the statuses asked for.
    For the resolver and its text plan (resolvers/rights_case/texts.py)."""
    conds: list[Combinable] = [t.RightsCase.worker == viewer.subject_id]
    if status:
        conds.append(t.RightsCase.status.is_in([s.value for s in status]))
    return conds, ExactCount(t.RightsCase.count().where(*conds))


def case_queue(
    viewer, where: RightsCaseWhereInput | None, order_by: RightsCaseOrder | None, search
) -> tuple[list[Combinable], SortSpec, ExactCount]:
    """rightsCases' conditions, order and count: an operator's markets' cases or, for staff,
    every case; with orderBy DUE_AT open cases with a deadline, by deadline. For the resolver
    and its text plan (resolvers/rights_case/texts.py)."""
    conds = filters.conditions(where, search)
    if viewer.role == Role.OPERATOR:
        conds.append(MARKET_OPERATOR == viewer.subject_id)
    sort = NEWEST
    if order_by is not None and order_by.field == RightsCaseOrderField.DUE_AT:
        conds.append(t.RightsCase.status.is_in(list(OPEN)))
        conds.append(t.RightsCase.step_due_at.is_not_null())
        sort = BY_DUE
    return conds, sort, ExactCount(t.RightsCase.count().where(*conds))


NEWEST_RECORDED = SortSpec(t.GatheringPlace.created_at, "created_at", datetime, descending=True)


def gathering_place_list(
    region_code: str | None, status: list[GatheringStatus] | None
) -> tuple[list[Combinable], ExactCount]:
    """gatheringPlaces' conditions and count (a regionCode that is no division: a RequestError).
    For the resolver and its text plan (resolvers/rights_case/texts.py)."""
    conds: list[Combinable] = []
    if region_code is not None:
        conds.append(in_region(t.GatheringPlace.region, region_code, "regionCode"))
    if status:
        conds.append(t.GatheringPlace.status.is_in([s.value for s in status]))
    return conds, ExactCount(t.GatheringPlace.count().where(*conds))


@strawberry.type
class RightsCaseQuery:
    @strawberry.field(
        description="Workers: your own rights cases (维权), newest first.",
        extensions=[allow(Role.WORKER)],
    )
    async def my_rights_cases(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[RightsCaseStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[RightsCase]:
        conds, count = worker_cases(current_viewer(info), status)
        return await _page(info, conds, NEWEST, first, after, count)

    @strawberry.field(
        description="The case queue: operators see the cases of their markets, staff every "
        "case. Newest first, or with orderBy DUE_AT open cases by deadline, most overdue first.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def rights_cases(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            RightsCaseWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        order_by: Annotated[
            RightsCaseOrder | None,
            strawberry.argument(description="Sort order (default: newest first)."),
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Text in the summary or the place.")
        ] = None,
    ) -> Connection[RightsCase]:
        conds, sort, count = case_queue(current_viewer(info), where, order_by, search)
        return await _page(info, conds, sort, first, after, count, queue=True)

    @strawberry.field(
        description="One case by global id, for its worker, the operator of its market and "
        "staff; null for anyone else or if unknown.",
        extensions=[allow(Role.WORKER, Role.OPERATOR, Role.STAFF)],
    )
    async def rights_case(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the case.")],
    ) -> RightsCase | None:
        number = decode_id(id, "RightsCase")
        if number is None:
            return None
        case = await info.context.loaders.rights_case_by_id.load(number)
        return case if case is not None and may_see(info.context.viewer, case) else None

    @strawberry.field(
        description="Staff: the posting moderation queue, oldest first (held postings, worker "
        "reports, take-downs).",
        extensions=[allow(Role.STAFF)],
    )
    async def posting_reviews(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[PostingReviewStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
        # Named `origin` in Python: field extensions take `source` as a positional parameter.
        origin: Annotated[
            list[PostingReviewSource] | None,
            strawberry.argument(name="source", description="Only these sources (default: all)."),
        ] = None,
    ) -> Connection[PostingReview]:
        conds: list[Combinable] = []
        if status:
            conds.append(t.PostingReview.status.is_in([s.value for s in status]))
        if origin:
            conds.append(t.PostingReview.source.is_in([s.value for s in origin]))

        async def count() -> int:
            return await t.PostingReview.count().where(*conds)

        return await sql_page(
            t.PostingReview.select().where(*conds),
            t.PostingReview.id,
            SortSpec(t.PostingReview.created_at, "created_at", datetime),
            first,
            after,
            to_review,
            count,
        )

    @strawberry.field(
        description="The register of irregular gathering places (（十七）), for staff and "
        "operators (who guide people into their markets); newest first.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def gathering_places(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        region_code: Annotated[
            str | None,
            strawberry.argument(description="Only places in this division (and below it)."),
        ] = None,
        status: Annotated[
            list[GatheringStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[GatheringPlace]:
        conds, count = gathering_place_list(region_code, status)
        loaders = info.context.loaders
        return await sql_page(
            t.GatheringPlace.select(t.GatheringPlace.id).where(*conds),
            t.GatheringPlace.id,
            NEWEST_RECORDED,
            first,
            after,
            lambda row: primed_place(loaders, row),
            count,
            rows=place_page_select,
        )
