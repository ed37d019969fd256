"""Per-request DataLoaders for every nested field: one batched query per field and request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.dataloader import DataLoader

from resolvers.certification import loaders as certification
from resolvers.market import loaders as market
from resolvers.operator import loaders as operator
from resolvers.reference import loaders as reference


def _mapped(source: DataLoader, convert: Callable[[Any], Any]) -> Callable[[list], Awaitable[list]]:
    async def load(keys: list) -> list:
        return [convert(v) for v in await source.load_many(keys)]

    return load


class Loaders:
    """Created per request in the context; caches live only as long as the request."""

    def __init__(self) -> None:
        self.market_by_id = DataLoader(market.load_markets)
        self.periods_by_market = DataLoader(market.load_periods)
        self.opening_hours_by_market = DataLoader(
            _mapped(self.periods_by_market, market.to_opening_periods)
        )
        self.is_open_now_by_market = DataLoader(_mapped(self.periods_by_market, market.open_now))
        self.occupations_by_market = DataLoader(market.load_occupations_by_market)
        self.stations_by_market = DataLoader(market.load_stations)
        self.demonstration_by_market = DataLoader(market.load_demonstrations)
        self.occupation_by_id = DataLoader(reference.load_occupations)
        self.operator_by_id = DataLoader(operator.load_operators)
        self.standard_by_id = DataLoader(certification.load_standards)
        self.criterion_by_id = DataLoader(certification.load_criteria)
        self.scores_by_application = DataLoader(certification.load_scores)
        self.evidence_by_application = DataLoader(certification.load_evidence)
        self.certificate_no_by_application = DataLoader(certification.load_certificate_numbers)
