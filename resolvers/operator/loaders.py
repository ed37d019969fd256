"""Operator batch loader (public view: name only), and the page of an operator's contracts."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from resolvers.market.loaders import to_market
from resolvers.prefetch import prime_joined, rerooted
from schema.operator.types import OperatingContract, Operator
from services.market.rules import MARKET_COLUMNS
from tables.operator import OperatingContract as ContractRow
from tables.operator import Operator as OperatorRow


async def load_operators(ids: list[int]) -> list[Operator | None]:
    rows = await OperatorRow.select(OperatorRow.id, OperatorRow.name).where(
        OperatorRow.id.is_in(list(set(ids)))
    )
    by_id = {r["id"]: Operator(id=r["id"], name=r["name"]) for r in rows}
    return [by_id.get(i) for i in ids]


def to_contract(row: dict) -> OperatingContract:
    return OperatingContract(
        id=row["id"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        public_welfare=bool(row["public_welfare"]),
        yearly_budget=Decimal(row["yearly_budget_fen"]).scaleb(-2),
        market_id=row["market"],
    )


@cache  # Piccolo builds a joined column anew on each attribute access: once per process
def _contract_page_columns() -> tuple:
    return (*ContractRow.all_columns(), *rerooted(ContractRow.market, MARKET_COLUMNS))


def contract_page_select():
    """An operator's contracts with the row each contract's market loads, joined
    (resolvers/prefetch.py): the operator portal's page of contracts in one statement."""
    return ContractRow.select(*_contract_page_columns())


def primed_contract(loaders, row: dict) -> OperatingContract:
    """The contract of a contract_page_select() row; the request's market loader primed with
    what load_markets would load (tests/operator/test_prefetch.py)."""
    prime_joined(row, (("market.", loaders.market_by_id, to_market),))
    return to_contract(row)
