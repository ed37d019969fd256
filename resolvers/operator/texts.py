"""Operator written by the database (resolvers/compiled/texts.py): a market's operating
company on its public page. Serves frontend teams (the public app's market page). Also an
operator's own contracts (`myOperatingContracts`, signed in), serving operators.

Each writer says in SQL what the field's resolver returns (resolvers/operator/loaders.py
to_contract); tests/test_compiled_texts.py holds them equal."""

from __future__ import annotations

from typing import Any

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    Ctx,
    Sel,
    Writer,
    column,
    connection_root,
    day,
    joined,
    node_id,
    register,
    text_page,
)
from resolvers.operator.queries import BY_START, operator_contracts
from services.auth.rules import Role
from tables.operator import OperatingContract as C

register("Operator", {"id": node_id("Operator"), "name": column("name")})


def _budget(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    return j.yuan(ctx.engine, f"{alias}.yearly_budget_fen")  # to_contract: fen.scaleb(-2)


# A contract as its operator sees it (to_contract), with its market as anyone sees it.
AS_ITS_OPERATOR_SEES: dict[str, Writer] = {
    "id": node_id("OperatingContract"),
    "startsOn": day("starts_on"),
    "endsOn": day("ends_on"),
    "publicWelfare": column("public_welfare", "boolean"),
    "yearlyBudget": _budget,
    "market": joined("Market", "market", "market"),
}


async def _operator_contracts(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `myOperatingContracts` resolver's page for the signed-in operator, as text."""
    conds, count = operator_contracts(rows.viewer, kwargs.get("active_on"))
    return await text_page(C.id, conds, BY_START, kwargs, count, rows)


ROOTS["myOperatingContracts"] = connection_root(
    "OperatingContract",
    "OperatingContractConnection",
    "operating_contract",
    ("id", "starts_on"),
    _operator_contracts,
    roles=frozenset({Role.OPERATOR}),
    writers={"OperatingContract": AS_ITS_OPERATOR_SEES},
)
