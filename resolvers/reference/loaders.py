"""Reference rows to GraphQL objects, and their batch loaders."""

from __future__ import annotations

from schema.reference.types import Occupation, Region, RegionLevel
from tables.occupation import Occupation as OccupationRow
from tables.region import Region as RegionRow


def to_region(row: dict) -> Region:
    return Region(
        code=row["code"],
        name=row["name"],
        level=RegionLevel(row["level"]),
        parent_code=row["parent.code"],
        is_mountain_or_island=bool(row["is_mountain_or_island"]),
    )


def to_occupation(row: dict) -> Occupation:
    return Occupation(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        aliases=[a for a in (row["aliases"] or "").split(";") if a],
        major_group=row["major_group"],
    )


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
REGION_COLUMNS = (*RegionRow.all_columns(), RegionRow.parent._.code)


async def load_occupations(ids: list[int]) -> list[Occupation | None]:
    rows = await OccupationRow.select().where(OccupationRow.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_occupation(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_regions_by_code(codes: list[str]) -> list[Region | None]:
    rows = await RegionRow.select(*REGION_COLUMNS).where(RegionRow.code.is_in(list(set(codes))))
    by_code = {r["code"]: to_region(r) for r in rows}
    return [by_code.get(c) for c in codes]


async def load_occupations_by_name(names: list[str]) -> list[Occupation | None]:
    rows = await OccupationRow.select().where(OccupationRow.name.is_in(list(set(names))))
    by_name = {r["name"]: to_occupation(r) for r in rows}
    return [by_name.get(n) for n in names]
