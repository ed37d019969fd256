"""Reference data queries: regions, occupations and the Chinese labels of enum values."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.errors import RequestError
from resolvers.filters import checked_region_code, text_search
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.reference.loaders import REGION_COLUMNS, to_occupation, to_region
from schema.common import Connection
from schema.labels import labels_of
from schema.reference.types import EnumLabels, EnumValueLabel, Occupation, Region
from tables.occupation import Occupation as OccupationRow
from tables.region import Region as RegionRow

# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
PARENT_CODE = RegionRow.parent._.code

BY_ID = SortSpec(None, "id", int)


def occupation_list(search: str | None) -> tuple[list, ExactCount]:
    """`occupations`' conditions and count: the occupations whose name, code or alias holds
    the text. For the resolver and its text plan (resolvers/reference/texts.py)."""
    matching = text_search([OccupationRow.name, OccupationRow.aliases, OccupationRow.code], search)
    conds = [] if matching is None else [matching]
    return conds, ExactCount(OccupationRow.count().where(*conds))


@strawberry.type
class ReferenceQuery:
    @strawberry.field(
        description="Chinese labels of enum values (e.g. JobPostingStatus OPEN → 招聘中), so "
        "apps show what staff see without hard-coding translations: for frontend teams. Every "
        "enum except error codes (each userError carries its own Chinese message)."
    )
    def enum_labels(
        self,
        info: strawberry.Info,
        names: Annotated[
            list[str] | None,
            strawberry.argument(description='Enum names, e.g. ["JobPostingStatus"]; all if null.'),
        ] = None,
    ) -> list[EnumLabels]:
        type_map = info.schema._schema.type_map
        labelled = sorted(n for n in type_map if labels_of(n) is not None)
        wanted = labelled if names is None else list(dict.fromkeys(names))
        unknown = [n for n in wanted if n not in labelled]
        if unknown:
            raise RequestError(
                f"names：没有这些可显示的枚举类型：{'、'.join(unknown)}", field="names"
            )
        result = []
        for name in wanted:
            labels = labels_of(name) or {}
            values = type_map[name].values  # type: ignore[attr-defined]  # an enum (labelled)
            result.append(
                EnumLabels(
                    name=name,
                    values=[EnumValueLabel(value=v, label=labels[v]) for v in values],
                )
            )
        return result

    @strawberry.field(
        description="Divisions under `parentCode` (330000 gives the 11 cities, a city code its counties); "
        "without it, the province itself. At most 100 per parent, so not paginated."
    )
    async def regions(
        self,
        parent_code: Annotated[
            str | None,
            strawberry.argument(description="Six-digit code of the parent division, e.g. 330100."),
        ] = None,
    ) -> list[Region]:
        query = RegionRow.select(*REGION_COLUMNS)
        if parent_code is None:
            query = query.where(RegionRow.parent.is_null())
        else:
            code = checked_region_code(parent_code, "parentCode")
            query = query.where(PARENT_CODE == code)
        return [to_region(r) for r in await query.order_by(RegionRow.code)]

    @strawberry.field(description="Gig occupations, searchable by name, code or colloquial alias.")
    async def occupations(
        self,
        first: First = None,
        after: After = None,
        search: Annotated[
            str | None, strawberry.argument(description="Name, code or alias, e.g. 搬运工.")
        ] = None,
    ) -> Connection[Occupation]:
        conds, count = occupation_list(search)
        query = OccupationRow.select().where(*conds)
        return await sql_page(query, OccupationRow.id, BY_ID, first, after, to_occupation, count)
