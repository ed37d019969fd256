"""The page of an operator's contracts brings each contract's market in its own statement
(resolvers/operator/loaders.py): the primed market loader holds what load_markets loads."""

from __future__ import annotations

from datetime import date

from resolvers.loaders import Loaders
from resolvers.operator.loaders import contract_page_select, primed_contract
from tables.operator import OperatingContract
from tests.fixtures.market import make_market, make_operator
from tests.fixtures.operator import make_contract
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql


async def test_a_page_of_contracts_primes_their_markets():
    # given: an operator with a past and a current contract on two markets (one a station of
    # the other, one with hours and occupations, one without), and another operator's contract
    operator_id = await make_operator()
    market = await make_market(operator_id=operator_id, labour_brand="上城巧匠")
    station = await make_market(
        station_type="RURAL_STATION", parent_market_id=market, opening_hours=[], occupations=()
    )
    ids = [
        await make_contract(operator_id, market, date(2023, 1, 1), date(2023, 12, 31)),
        await make_contract(operator_id, station, public_welfare=False, yearly_budget_fen=12_345),
        await make_contract(await make_operator(), await make_market()),
    ]

    # when: one statement for the page
    primed = Loaders()
    with count_sql() as statements:
        rows = await contract_page_select().where(OperatingContract.id.is_in(ids))
    contracts = {c.id: c for c in (primed_contract(primed, row) for row in rows)}

    # then
    assert statements[0] == 1
    assert str(contracts[ids[1]].yearly_budget) == "123.45"
    got = await same_through_both(primed, {"market_by_id": [contracts[i].market_id for i in ids]})
    assert [m.id for m in got["market_by_id"][:2]] == [market, station]
    assert got["market_by_id"][1].parent_market_id == market
