"""The monitoring lists bring what they show (resolvers/statistics/loaders.py): the occupations
of the supply-demand lists and the quiet markets, primed exactly as their loaders load them."""

from __future__ import annotations

from datetime import date

import pytest

from resolvers.loaders import Loaders
from resolvers.statistics.loaders import prime_markets, prime_occupations
from services.certification import clock
from services.market.rules import MARKET_COLUMNS
from services.statistics.balance import balances
from services.statistics.periods import Granularity, period_of
from services.statistics.quiet_markets import quiet_markets
from services.statistics.series import Scope
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator, occupation_id
from tests.fixtures.prefetch import same_through_both
from tests.fixtures.sql import count_sql
from tests.fixtures.statistics import ROLLUPS, posting_at, scene, worker_at


@pytest.mark.parametrize("rollup", ROLLUPS)
async def test_supply_and_demand_bring_their_occupations(rollup):
    # given: the scene (装卸搬运工 and 快递员 demanded and sought), an occupation only
    # demanded and one without a national code only sought
    s = await scene(rollup)
    employer, _ = await make_employer()
    await posting_at(employer, "2025-02-20 08:00:00", s.market_id, occupation="快件处理员")
    await worker_at("2025-02-21 09:00:00", s.market_id, occupations=("餐厅服务员",))
    days = [
        period_of(date(2025, 2, 1), Granularity.DAY),
        period_of(date(2025, 3, 31), Granularity.DAY),
    ]

    # when: what the rollup covers (one statement, two once built), then one statement
    with count_sql() as statements:
        found = await balances(Scope(s.market_id, None, None), days, suppress=False)
    primed = Loaders()
    prime_occupations(primed, found)

    # then
    assert statements[0] == (2 if rollup is None else 3)
    names = ("装卸搬运工", "快递员", "快件处理员", "餐厅服务员")
    ids = sorted([await occupation_id(n) for n in names])
    assert [b.occupation_id for b in found] == ids
    got = await same_through_both(primed, {"occupation_by_id": ids})
    assert {o.name: o.code for o in got["occupation_by_id"]}["餐厅服务员"] is None


async def test_nothing_found_primes_nothing():
    # given: no records at all in the range
    market = await make_market()
    days = [
        period_of(date(2020, 1, 1), Granularity.DAY),
        period_of(date(2020, 1, 2), Granularity.DAY),
    ]

    # when
    found = await balances(Scope(market, None, None), days, suppress=True)

    # then
    assert found == []


async def test_quiet_markets_bring_their_markets(monkeypatch):
    # given: the scene's markets (one active, unreported), a market without an operator, a
    # station under the first with its own operator
    s = await scene()
    bare = await make_market()
    station = await make_market(
        station_type="RURAL_STATION",
        parent_market_id=s.market_id,
        operator_id=await make_operator(),
    )
    monkeypatch.setattr(clock, "today", lambda: date(2025, 3, 9))

    # when: one statement
    with count_sql() as statements:
        found = await quiet_markets(Scope(None, None, None), clock.today(), MARKET_COLUMNS)
    primed = Loaders()
    prime_markets(primed, found)

    # then
    assert statements[0] == 1
    ids = [q.market_id for q in found]
    assert {s.market_id, s.other_market_id, bare, station} <= set(ids)
    assert ids == sorted(ids)
    got = await same_through_both(primed, {"market_by_id": ids})
    by_id = dict(zip(ids, got["market_by_id"], strict=True))
    assert by_id[bare].operator is None and by_id[station].parent_market_id == s.market_id
    flags = {q.market_id: (q.active_last_7_days, q.reported_last_month) for q in found}
    assert flags[bare] == (False, None) and flags[station] == (False, False)
