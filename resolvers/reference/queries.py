"""Reference data queries: regions and occupations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.market.filters import search_pattern
from resolvers.pagination import SortSpec, sql_page
from resolvers.reference.loaders import to_occupation, to_region
from schema.common import Connection
from schema.reference.types import Occupation, Region
from tables.occupation import Occupation as OccupationRow
from tables.region import Region as RegionRow


@strawberry.type
class ReferenceQuery:
    @strawberry.field(
        description="Divisions under `parentCode` (330000 gives the 11 cities, a city code its counties); "
        "without it, the province itself. At most 100 per parent, so not paginated."
    )
    async def regions(
        self,
        parent_code: Annotated[
            str | None, strawberry.argument(description="Code of the parent division.")
        ] = None,
    ) -> list[Region]:
        query = RegionRow.select(*RegionRow.all_columns(), RegionRow.parent.code)
        if parent_code is None:
            query = query.where(RegionRow.parent.is_null())
        else:
            query = query.where(RegionRow.parent.code == parent_code.strip())
        return [to_region(r) for r in await query.order_by(RegionRow.code)]

    @strawberry.field(description="Gig occupations, searchable by name, code or colloquial alias.")
    async def occupations(
        self,
        first: Annotated[
            int | None, strawberry.argument(description="Page size (default 20, max 100).")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor to continue after.")
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Name, code or alias, e.g. 搬运工.")
        ] = None,
    ) -> Connection[Occupation]:
        conds = []
        if search is not None and (pattern := search_pattern(search)):
            conds.append(
                OccupationRow.name.like(pattern)
                | OccupationRow.aliases.like(pattern)
                | OccupationRow.code.like(pattern)
            )

        async def count() -> int:
            return await OccupationRow.count().where(*conds)

        query = OccupationRow.select().where(*conds)
        return await sql_page(
            query, OccupationRow.id, SortSpec(None, "id", int), first, after, to_occupation, count
        )
