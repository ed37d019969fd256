"""The monitoring screen's lists bring the objects they show (resolvers/prefetch.py): the
occupations of the supply-demand lists and the markets of the quiet-markets list are primed into
the request's loaders from the statements that find them (public screens, staff)."""

from __future__ import annotations

from resolvers.market.loaders import to_market
from resolvers.reference.loaders import to_occupation
from services.statistics.balance import Balance
from services.statistics.quiet_markets import QuietMarket


def prime_occupations(loaders, found: list[Balance]) -> None:
    """occupation_by_id primed with what load_occupations would load for each occupation."""
    for b in found:
        if b.occupation is not None:
            loaders.occupation_by_id.prime(b.occupation_id, to_occupation(b.occupation))


def prime_markets(loaders, found: list[QuietMarket]) -> None:
    """market_by_id primed with what load_markets would load for each market (its row is read
    with MARKET_COLUMNS)."""
    for q in found:
        loaders.market_by_id.prime(q.market_id, to_market(q.row))
