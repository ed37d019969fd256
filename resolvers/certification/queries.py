"""Certification queries: the standard, demonstration markets, and the caller's applications."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from resolvers.certification import filters
from resolvers.certification.pages import application_page_select, primed_application
from resolvers.market.loaders import market_page
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from schema.certification.inputs import CertificationApplicationWhereInput
from schema.certification.types import CertificationApplication, CertificationStandard
from schema.common import Connection
from schema.market.types import Market
from services.auth.rules import Role, Viewer
from services.certification.standard import standard_id_for_year
from tables import certification as t
from tables.market import Market as MarketRow

BY_ID = SortSpec(None, "id", int)


def demonstration_markets(year: int | None) -> tuple[list, Callable[[], Awaitable[int]]]:
    """The demonstration markets' conditions and count (demonstrationMarkets, and its text
    plan: resolvers/certification/texts.py); by id."""
    conds = filters.demonstration_conditions(year)

    return conds, ExactCount(MarketRow.count().where(*conds))


# Newest application first.
NEWEST_APPLICATIONS = SortSpec(None, "id", int, descending=True)


def caller_applications(
    viewer: Viewer, where: CertificationApplicationWhereInput | None
) -> tuple[list, ExactCount]:
    """myCertificationApplications' conditions and count: the applications `viewer` may
    follow, filtered by `where`. For the resolver and its text plan
    (resolvers/certification/texts.py)."""
    conds = filters.application_conditions(viewer, where)
    return conds, ExactCount(t.CertificationApplication.count().where(*conds))


@strawberry.type
class CertificationQuery:
    @strawberry.field(
        description="The certification standard in force for a year (its own or the latest "
        "earlier one); null if none. Public: markets read it to self-assess."
    )
    async def certification_standard(
        self,
        info: strawberry.Info,
        year: Annotated[int, strawberry.argument(description="Certification year.")],
    ) -> CertificationStandard | None:
        standard_id = await standard_id_for_year(year)
        if standard_id is None:
            return None
        return await info.context.loaders.standard_by_id.load(standard_id)

    @strawberry.field(
        description="Provincial demonstration markets (省级示范零工市场) with a valid certificate, "
        "by id. Public."
    )
    async def demonstration_markets(
        self,
        info: strawberry.Info,
        year: Annotated[
            int | None,
            strawberry.argument(description="Only certificates of this year; all years if null."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Market]:
        conds, count = demonstration_markets(year)
        return await market_page(info.context.loaders, conds, BY_ID, first, after, count)

    @strawberry.field(
        description="Certification applications the caller may follow, newest first: an "
        "OPERATOR sees those of the markets it runs, STAFF see all.",
        extensions=[allow(Role.OPERATOR, Role.STAFF)],
    )
    async def my_certification_applications(
        self,
        info: strawberry.Info,
        where: Annotated[
            CertificationApplicationWhereInput | None, strawberry.argument(description="Filters.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[CertificationApplication]:
        conds, count = caller_applications(current_viewer(info), where)
        A = t.CertificationApplication
        loaders = info.context.loaders
        return await sql_page(
            A.select(A.id).where(*conds),
            A.id,
            NEWEST_APPLICATIONS,
            first,
            after,
            lambda row: primed_application(loaders, row),
            count,
            rows=application_page_select,
        )
