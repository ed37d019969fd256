"""The demonstration markets' list written by the database (resolvers/compiled/texts.py):
its page, whose Market cards resolvers/market/texts.py writes. Serves frontend teams (the
public list of provincial demonstration markets, 省级示范零工市场)."""

from __future__ import annotations

from typing import Any

from resolvers.certification.queries import BY_ID, demonstration_markets
from resolvers.compiled.texts import (
    ROOTS,
    Cards,
    connection_root,
    text_page,
)
from tables import market as t


async def _demonstration_markets(kwargs: dict[str, Any], rows: Cards) -> Any:
    """The `demonstrationMarkets` resolver's page, its cards as text."""
    conds, count = demonstration_markets(kwargs.get("year"))
    return await text_page(t.Market.id, conds, BY_ID, kwargs, count, rows)


ROOTS["demonstrationMarkets"] = connection_root(
    "Market", "MarketConnection", "market", ("id",), _demonstration_markets, small_table=True
)
