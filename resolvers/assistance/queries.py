"""Assistance case queries: myAssistancePlan (workers) and assistanceCases (operators, staff)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.assistance.loaders import to_case
from resolvers.assistance.pages import case_page_select, primed_case
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from schema.assistance.inputs import AssistanceCaseWhereInput
from schema.assistance.types import AssistanceCase
from schema.common import Connection
from services.auth.rules import Role
from services.auth.staff import scope_for
from services.timeutil import local, now
from tables import assistance as t

C = t.AssistanceCase
# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
REGISTERED_MARKET_OPERATOR = C.worker._.registered_market._.operator
REGION_CODE = C.region._.code


async def _visible(viewer) -> list[Combinable]:
    """Operators: cases of workers registered at their markets; staff: their region."""
    if viewer.role == Role.OPERATOR:
        return [REGISTERED_MARKET_OPERATOR == viewer.subject_id]
    prefix = (await scope_for(viewer)).prefix
    return [REGION_CODE.like(f"{prefix}%")] if prefix else []


def _where(where: AssistanceCaseWhereInput | None) -> list[Combinable]:
    out: list[Combinable] = []
    if where is None:
        return out
    if where.status:
        out.append(C.status.is_in([s.value for s in where.status]))
    if where.overdue is not None:
        late = (C.status == "OPEN") & (C.next_due_on < local(now()).date())
        out.append(late if where.overdue else C.id.not_in(C.select(C.id).where(late)))
    return out


NEWEST_OPENED = SortSpec(C.opened_at, "opened_at", datetime, descending=True)


async def assistance_case_list(
    viewer, where: AssistanceCaseWhereInput | None
) -> tuple[list[Combinable], ExactCount]:
    """The conditions and count of `assistanceCases` for its viewer: the resolver's, and its
    text plan's (resolvers/assistance/texts.py), so both page and count alike."""
    conds = [*await _visible(viewer), *_where(where)]
    return conds, ExactCount(C.count().where(*conds))


@strawberry.type
class AssistanceCaseQuery:
    @strawberry.field(
        description="Frontend teams (worker app): the signed-in worker's open assistance case "
        "(就业援助) with its plan steps, offers to answer and follow-ups; null without one.",
        extensions=[allow(Role.WORKER)],
    )
    async def my_assistance_plan(self, info: strawberry.Info) -> AssistanceCase | None:
        viewer = current_viewer(info)
        row = await C.select().where((C.worker == viewer.subject_id) & (C.status == "OPEN")).first()
        return to_case(row) if row else None

    @strawberry.field(
        description="Operators (read-only: the cases of workers registered at their markets) "
        "and staff (their region): assistance cases, newest first.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def assistance_cases(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        where: Annotated[
            AssistanceCaseWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> Connection[AssistanceCase]:
        viewer = current_viewer(info)
        conds, count = await assistance_case_list(viewer, where)
        return await sql_page(
            C.select(C.id).where(*conds),
            C.id,
            NEWEST_OPENED,
            first,
            after,
            lambda row: primed_case(info.context.loaders, viewer, row),
            count,
            rows=case_page_select,
        )
