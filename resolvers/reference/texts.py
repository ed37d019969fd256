"""Region and Occupation written by the database (resolvers/compiled/texts.py), for every
card that shows them, and the public list of occupations (`occupations`, the occupation
picker). Serves frontend teams (the public app's lists and pickers)."""

from __future__ import annotations

from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    Sel,
    column,
    connection_root,
    node_id,
    register,
    text_page,
)
from resolvers.reference.queries import BY_ID, occupation_list
from schema.reference.types import RegionLevel
from tables.occupation import Occupation as OccupationRow


def _parent_code(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    parent = ctx.alias()
    code = j.string(ctx.engine, f"{parent}.code")
    return j.scalar(code, f"FROM region {parent} WHERE {parent}.id = {alias}.parent")


register(
    "Region",
    {
        "code": column("code"),
        "name": column("name"),
        "level": column("level", enum=RegionLevel),
        "parentCode": _parent_code,
        "isMountainOrIsland": column("is_mountain_or_island", "boolean"),
    },
)


def _aliases(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.split(ctx.engine, f"{alias}.aliases", ";")  # to_occupation


register(
    "Occupation",
    {
        "id": node_id("Occupation"),
        "code": column("code"),
        "name": column("name"),
        "majorGroup": column("major_group", "integer"),
        "aliases": _aliases,
    },
)


async def _occupations(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `occupations` resolver's page, its cards as text."""
    conds, count = occupation_list(kwargs.get("search"))
    return await text_page(OccupationRow.id, conds, BY_ID, kwargs, count, rows)


# A national catalogue of a few thousand codes at most: a small table.
ROOTS["occupations"] = connection_root(
    "Occupation", "OccupationConnection", "occupation", ("id",), _occupations, small_table=True
)
