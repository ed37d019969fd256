"""Region and Occupation written by the database (resolvers/compiled/texts.py), for every
card that shows them. Serves frontend teams (the public app's lists)."""

from __future__ import annotations

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import Ctx, Sel, column, node_id, register
from schema.reference.types import RegionLevel


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
