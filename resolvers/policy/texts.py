"""Policy cards written by the database (resolvers/compiled/texts.py): the public list of
policy items in effect (`policies`), as anyone sees it. Serves frontend teams (the public
app's policy page, 政策).

Each writer says in SQL what the field's resolver returns (resolvers/policy/loaders.py
to_policy); tests/test_compiled_texts.py holds them equal."""

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
    day,
    node_id,
    register,
    text_page,
)
from resolvers.policy.queries import NEWEST_IN_EFFECT, policy_list
from tables import policy as t


def _clause(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.string(ctx.engine, f"NULLIF({alias}.clause, '')")  # to_policy: `or None`


register(
    "Policy",
    {
        "id": node_id("Policy"),
        "title": column("title"),
        "summary": column("summary"),
        "issuingDocument": column("issuing_document"),
        "clause": _clause,
        "effectiveFrom": day("effective_from"),
        "effectiveTo": day("effective_to"),
    },
)


async def _policies(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `policies` resolver's page, its cards as text."""
    conds, count = policy_list(kwargs.get("where"), kwargs.get("search"))
    return await text_page(t.PolicyItem.id, conds, NEWEST_IN_EFFECT, kwargs, count, rows)


ROOTS["policies"] = connection_root(
    "Policy",
    "PolicyConnection",
    "policy_item",
    ("id", "effective_from"),
    _policies,
    small_table=True,
)
