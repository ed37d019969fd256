"""`quietMarkets`: no activity in the 7 days up to today (Asia/Shanghai), or no workload
report for last month."""

from __future__ import annotations

from datetime import date

from resolvers.global_ids import encode_id
from services.certification import clock
from tables.assessment import WorkloadReport
from tests.fixtures.market import make_market
from tests.fixtures.statistics import scene

QUERY = """
query($where: MarketStatisticsWhereInput) {
  quietMarkets(where: $where) { market { id } activeLast7Days reportedLastMonth }
}"""


async def report(operator_id: int, market_id: int, period: str) -> None:
    await WorkloadReport.insert(
        WorkloadReport(
            operator=operator_id,
            market=market_id,
            period=period,
            idempotency_key=f"{market_id}-{period}",
            payload_hash="0" * 64,
        )
    )


async def test_quiet_and_unreported_markets_are_listed(gql, monkeypatch):
    s = await scene()
    await report(s.operator_id, s.market_id, "2025-02")
    no_operator = await make_market()
    # Today 9 March: the window is 3–9 March; M's last activity is a registration at
    # 00:00:00 on Monday 3 March (still 2 March in UTC). N's last is a posting on 10 February.
    monkeypatch.setattr(clock, "today", lambda: date(2025, 3, 9))

    body = await gql(QUERY)

    assert body == {
        "data": {
            "quietMarkets": [
                {
                    "market": {"id": encode_id("Market", s.other_market_id)},
                    "activeLast7Days": False,
                    "reportedLastMonth": False,
                },
                {
                    "market": {"id": encode_id("Market", no_operator)},
                    "activeLast7Days": False,
                    "reportedLastMonth": None,
                },
            ]
        }
    }


async def test_a_day_later_the_market_is_quiet_and_its_report_is_for_the_wrong_month(
    gql, monkeypatch
):
    s = await scene()
    await report(s.operator_id, s.market_id, "2025-02")
    monkeypatch.setattr(clock, "today", lambda: date(2025, 4, 1))
    # 1 April: window 26 March – 1 April (w5 on 31 March, the April worker at 00:00 on 1 April,
    # w4's application at 23:59:59 on 31 March); last month is March, not reported.

    body = await gql(QUERY, {"where": {"marketId": encode_id("Market", s.market_id)}})

    assert body == {
        "data": {
            "quietMarkets": [
                {
                    "market": {"id": encode_id("Market", s.market_id)},
                    "activeLast7Days": True,
                    "reportedLastMonth": False,
                }
            ]
        }
    }


async def test_the_window_ends_at_shanghai_midnight(gql, monkeypatch):
    s = await scene()
    await report(s.operator_id, s.market_id, "2025-01")
    # 7 February: the window 1–7 February opens with w1 and p1 at 00:00:00 on 1 February (still
    # 31 January in UTC); January is reported. 30 January: the window 24–30 January holds
    # nothing (w2 and p5 come at 23:59:59 on 31 January), and December is not reported.
    monkeypatch.setattr(clock, "today", lambda: date(2025, 2, 7))
    inside = await gql(QUERY, {"where": {"marketId": encode_id("Market", s.market_id)}})
    monkeypatch.setattr(clock, "today", lambda: date(2025, 1, 30))
    before = await gql(QUERY, {"where": {"marketId": encode_id("Market", s.market_id)}})

    assert inside == {"data": {"quietMarkets": []}}
    assert before["data"]["quietMarkets"] == [
        {
            "market": {"id": encode_id("Market", s.market_id)},
            "activeLast7Days": False,
            "reportedLastMonth": False,
        }
    ]
