"""Course queries: trainings, training, myTrainingEnrolments, managedTrainings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.geo import near_page, pages_by_distance
from resolvers.global_ids import decode_id
from resolvers.pagination import After, ExactCount, First, Ranked, SortSpec, rows_by_id, sql_page
from resolvers.permissions import allow, current_viewer
from resolvers.training import filters
from resolvers.training.loaders import course_page_select, primed_course
from resolvers.training.pages import (
    enrolment_page_select,
    managed_page_select,
    primed_enrolment,
    primed_managed,
)
from schema.common import Connection, GeoPointInput, OrderDirection
from schema.training.enums import TrainingEnrolmentStatus, TrainingOrderField, TrainingStatus
from schema.training.inputs import TrainingOrder, TrainingWhereInput
from schema.training.types import Training, TrainingEnrolment, may_manage
from services.auth.rules import Role
from tables import training as t

NEWEST_ENROLMENTS = SortSpec(
    t.TrainingEnrolment.requested_at, "requested_at", datetime, descending=True
)


def worker_enrolments(viewer, status: list | None) -> tuple[list, ExactCount]:
    """myTrainingEnrolments' conditions and count: the viewer's own enrolments, in the statuses
    asked for. For the resolver and its text plan (resolvers/training/texts.py)."""
    conds: list[Combinable] = [t.TrainingEnrolment.worker == viewer.subject_id]
    if status:
        conds.append(t.TrainingEnrolment.status.is_in([s.value for s in status]))
    return conds, ExactCount(t.TrainingEnrolment.count().where(*conds))


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
MARKET_OPERATOR = t.TrainingCourse.market._.operator

NEWEST_COURSES = SortSpec(t.TrainingCourse.created_at, "created_at", datetime, descending=True)


def managed_courses(viewer, status: list | None) -> tuple[list, ExactCount]:
    """managedTrainings' conditions and count: every course for staff, the courses of the
    markets they run for an operator, in the statuses asked for (as readers see them). For the
    resolver and its text plan (resolvers/training/texts.py)."""
    conds: list[Combinable] = []
    if viewer.role == Role.OPERATOR:
        conds.append(MARKET_OPERATOR == viewer.subject_id)
    if status:
        statuses: list[str] = [s.value for s in status]
        conds.append(filters.status_condition(statuses))
    return conds, ExactCount(t.TrainingCourse.count().where(*conds))


SORTS = {
    TrainingOrderField.STARTS_AT: (t.TrainingCourse.starts_at, "starts_at", datetime),
    TrainingOrderField.FEE: (t.TrainingCourse.fee_fen, "fee_fen", int),
}


def search_order(
    conds: list, order_by: TrainingOrder | None
) -> tuple[SortSpec, Callable[[], Awaitable[int]]]:
    """The course search's sort and count for `conds` (trainings, and its text plan:
    resolvers/training/texts.py)."""
    field = order_by.field if order_by else TrainingOrderField.STARTS_AT
    column, key, kind = SORTS[field]

    count = ExactCount(t.TrainingCourse.count().where(*conds))
    descending = bool(order_by and order_by.direction == OrderDirection.DESC)
    return SortSpec(column, key, kind, descending=descending), count


def _primed(info: strawberry.Info):
    def node(row: dict) -> Training:
        return primed_course(info.context.loaders, row)

    return node


async def _near_page(info, conds: list, near: GeoPointInput, first, after) -> Connection:
    """Distance search over listed courses with a place on the map, nearest first."""
    loaders = info.context.loaders

    async def load(page: list[Ranked]) -> dict[int, Training]:
        ids = [i for _, i in page]
        found = await rows_by_id(course_page_select, t.TrainingCourse.id, ids)
        rows = {r["id"]: r for r in found}
        return {i: primed_course(loaders, rows[i], distance_km=d) for d, i in page if i in rows}

    return await near_page(t.TrainingCourse, located(conds), near, first, after, load)


def located(conds: list) -> list:
    """`conds` and a place on the map: a distance page's courses (and its text plan's)."""
    return [
        *conds,
        t.TrainingCourse.latitude.is_not_null(),
        t.TrainingCourse.longitude.is_not_null(),
    ]


@strawberry.type
class TrainingQuery:
    @strawberry.field(
        description="Workers and the public: published skills training courses (技能培训) that "
        "have not finished, with seats left: filter, search, sort, page."
    )
    async def trainings(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            TrainingWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        near: Annotated[
            GeoPointInput | None,
            strawberry.argument(
                description="Only courses held within `radiusKm` of this point (online courses "
                "have no place), nearest first; results carry distanceKm."
            ),
        ] = None,
        order_by: Annotated[
            TrainingOrder | None,
            strawberry.argument(description="Sort order (default: soonest start first)."),
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Text in title, description or address.")
        ] = None,
    ) -> Connection[Training]:
        conds = filters.conditions(where, search)
        if pages_by_distance(near, order_by.field if order_by else None):
            return await _near_page(info, conds, near, first, after)
        sort, count = search_order(conds, order_by)
        return await sql_page(
            t.TrainingCourse.select(t.TrainingCourse.id).where(*conds),
            t.TrainingCourse.id,
            sort,
            first,
            after,
            _primed(info),
            count,
            rows=course_page_select,
        )

    @strawberry.field(
        description="Everyone: one course by global id, any published one; drafts only for the "
        "operator of its market and staff. Null if unknown."
    )
    async def training(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the course.")],
    ) -> Training | None:
        number = decode_id(id, "Training")
        if number is None:
            return None
        course = await info.context.loaders.training_by_id.load(number)
        if course is None or course.published_at is not None:
            return course
        return course if may_manage(info, course.record.manager_id) else None

    @strawberry.field(
        description="Workers: the signed-in worker's enrolments, newest first, with waitlist "
        "places, attendance and certificate numbers.",
        extensions=[allow(Role.WORKER)],
    )
    async def my_training_enrolments(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[TrainingEnrolmentStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[TrainingEnrolment]:
        conds, count = worker_enrolments(current_viewer(info), status)

        def node(row: dict) -> TrainingEnrolment:
            return primed_enrolment(info.context.loaders, row)

        return await sql_page(
            t.TrainingEnrolment.select(t.TrainingEnrolment.id).where(*conds),
            t.TrainingEnrolment.id,
            NEWEST_ENROLMENTS,
            first,
            after,
            node,
            count,
            rows=enrolment_page_select,
        )

    @strawberry.field(
        description="Operators and staff: courses to manage in every status, newest first; "
        "operators see the courses of the markets they run.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def managed_trainings(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[TrainingStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[Training]:
        viewer = current_viewer(info)
        conds, count = managed_courses(viewer, status)

        def node(row: dict) -> Training:
            return primed_managed(info.context.loaders, viewer, row)

        return await sql_page(
            t.TrainingCourse.select(t.TrainingCourse.id).where(*conds),
            t.TrainingCourse.id,
            NEWEST_COURSES,
            first,
            after,
            node,
            count,
            rows=managed_page_select,
        )
