"""Application queries: mySubsidyApplications."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from resolvers.subsidy.loaders import application_page_select, primed_application
from schema.common import Connection
from schema.subsidy.enums import SubsidyApplicationStatus
from schema.subsidy.types import SubsidyApplication
from services.auth.rules import Role
from tables import subsidy as t

A = t.SubsidyApplication

NEWEST_SUBMITTED = SortSpec(A.submitted_at, "submitted_at", datetime, descending=True)


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
MARKET_OPERATOR = A.market._.operator


def own_applications(viewer, status: list | None) -> tuple[list, ExactCount]:
    """mySubsidyApplications' conditions and count: a worker's own applications, or those for
    the markets an operator runs, in the statuses asked for. For the resolver and its text
    plan (resolvers/subsidy/texts.py)."""
    conds: list[Combinable]
    if viewer.role == Role.WORKER:
        conds = [A.worker == viewer.subject_id]
    else:
        conds = [MARKET_OPERATOR == viewer.subject_id]
    if status:
        conds.append(A.status.is_in([s.value for s in status]))
    return conds, ExactCount(A.count().where(*conds))


@strawberry.type
class SubsidyApplicationQuery:
    @strawberry.field(
        description="Frontend teams (workers and operators): the caller's subsidy applications, "
        "newest first: a worker's own, or those for the markets an operator runs.",
        extensions=[allow(Role.WORKER, Role.OPERATOR)],
    )
    async def my_subsidy_applications(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        status: Annotated[
            list[SubsidyApplicationStatus] | None,
            strawberry.argument(description="Only these statuses (default: all)."),
        ] = None,
    ) -> Connection[SubsidyApplication]:
        conds, count = own_applications(current_viewer(info), status)
        return await sql_page(
            A.select(A.id).where(*conds),
            A.id,
            NEWEST_SUBMITTED,
            first,
            after,
            lambda row: primed_application(info.context.loaders, row),
            count,
            rows=application_page_select,
        )
