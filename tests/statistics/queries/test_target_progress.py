"""`targetProgress(asOf:)`: figures against the policy's targets, overall and per city."""

import csv
from datetime import date, datetime
from pathlib import Path

from services.certification import clock
from services.timeutil import SHANGHAI
from tables.certification import CertificationStandard, DemonstrationCertificate
from tables.market import Market
from tables.region import Region
from tests.fixtures.market import make_market
from tools.demo import seed_demo

COVERAGE = """
  region { code } counties marketsBuilt publicWelfareMarkets demonstrationMarkets
  countiesWithMarket countiesWithPublicWelfareMarket countiesWithDemonstrationMarket
  countiesMissingMarket { code } countiesMissingPublicWelfareMarket { code }
  countiesMissingDemonstrationMarket { code }
"""
QUERY = f"""
query($asOf: Date) {{
  targetProgress(asOf: $asOf) {{
    asOf
    targets {{ kind goal deadline achieved met }}
    overall {{ {COVERAGE} }}
    cities {{ {COVERAGE} }}
  }}
}}"""
DIVISIONS = list(
    csv.DictReader(
        (Path(__file__).parents[3] / "tables/data/zhejiang_divisions.csv").open(encoding="utf-8")
    )
)
CITIES = [r["code"] for r in DIVISIONS if r["level"] == "prefecture"]
COUNTIES = {city: [r["code"] for r in DIVISIONS if r["parent_code"] == city] for city in CITIES}
ALL_COUNTIES = [c for city in CITIES for c in COUNTIES[city]]


def _coverage(code: str, counties: list[str], built: dict, welfare: dict, demo: dict) -> dict:
    """Expected figures from per-county counts of built, public-welfare and demo markets."""
    mine = lambda counts: {c: n for c, n in counts.items() if c in counties}  # noqa: E731
    return {
        "region": {"code": code},
        "counties": len(counties),
        "marketsBuilt": sum(mine(built).values()),
        "publicWelfareMarkets": sum(mine(welfare).values()),
        "demonstrationMarkets": sum(mine(demo).values()),
        "countiesWithMarket": len(mine(built)),
        "countiesWithPublicWelfareMarket": len(mine(welfare)),
        "countiesWithDemonstrationMarket": len(mine(demo)),
        "countiesMissingMarket": [{"code": c} for c in counties if c not in built],
        "countiesMissingPublicWelfareMarket": [{"code": c} for c in counties if c not in welfare],
        "countiesMissingDemonstrationMarket": [{"code": c} for c in counties if c not in demo],
    }


def _expected(as_of: str, built: dict, welfare: dict, demo: dict) -> dict:
    markets, demos = sum(built.values()), sum(demo.values())
    return {
        "data": {
            "targetProgress": {
                "asOf": as_of,
                "targets": [
                    {
                        "kind": "MARKETS_BUILT",
                        "goal": 200,
                        "deadline": "2023-12-31",
                        "achieved": markets,
                        "met": markets >= 200,
                    },
                    {
                        "kind": "PUBLIC_WELFARE_COUNTIES",
                        "goal": 90,
                        "deadline": "2023-12-31",
                        "achieved": len(welfare),
                        "met": len(welfare) >= 90,
                    },
                    {
                        "kind": "DEMONSTRATION_MARKETS_2023",
                        "goal": 30,
                        "deadline": "2023-12-31",
                        "achieved": demos,
                        "met": demos >= 30,
                    },
                    {
                        "kind": "DEMONSTRATION_MARKETS_2025",
                        "goal": 100,
                        "deadline": "2025-12-31",
                        "achieved": demos,
                        "met": demos >= 100,
                    },
                    {
                        "kind": "DEMONSTRATION_COUNTIES",
                        "goal": 90,
                        "deadline": "2025-12-31",
                        "achieved": len(demo),
                        "met": len(demo) >= 90,
                    },
                ],
                "overall": _coverage("330000", ALL_COUNTIES, built, welfare, demo),
                "cities": [_coverage(c, COUNTIES[c], built, welfare, demo) for c in CITIES],
            }
        }
    }


async def _certificate(market_id: int, certified_at: datetime, revoked_on: date | None = None):
    await DemonstrationCertificate(
        market=market_id,
        year=certified_at.year,
        certificate_no=f"ZJSF-T-{market_id}",
        certified_at=certified_at,
        revoked_on=revoked_on,
    ).save()


async def _known_data() -> None:
    shangcheng = await make_market(established_on=date(2023, 5, 1))
    await make_market(
        name="上城区测试站零工驿站", station_type="RURAL_STATION", parent_market_id=shangcheng
    )
    gongshu = await make_market(
        name="拱墅区运河综合零工市场", region_code="330105", established_on=date(2023, 2, 1)
    )
    await make_market(
        name="淳安县千岛湖综合零工市场",
        region_code="330127",
        latitude=29.6,
        longitude=119.0,
        established_on=date(2024, 1, 10),
        ownership="MARKET_OPERATED",
    )
    await make_market(
        name="西湖区转塘综合零工市场",
        region_code="330106",
        established_on=date(2023, 1, 5),
        status="CLOSED",
    )
    await make_market(
        name="海曙区南门综合零工市场",
        region_code="330203",
        latitude=29.87,
        longitude=121.55,
        established_on=date(2025, 6, 1),
    )
    await _certificate(shangcheng, datetime(2023, 11, 20, 10, 0, tzinfo=SHANGHAI))
    # Granted late on New Year's Eve, Shanghai time: it counts for 2023-12-31.
    await _certificate(gongshu, datetime(2023, 12, 31, 23, 30, tzinfo=SHANGHAI), date(2024, 6, 1))


async def test_end_of_2023_counts_open_markets_public_welfare_counties_and_valid_certificates(gql):
    await _known_data()

    body = await gql(QUERY, {"asOf": "2023-12-31"})

    assert body == _expected(
        "2023-12-31",
        built={"330102": 1, "330105": 1},
        welfare={"330102": 1, "330105": 1},
        demo={"330102": 1, "330105": 1},
    )


async def test_later_dates_add_new_markets_and_drop_revoked_certificates(gql):
    await _known_data()

    before_revocation = await gql(QUERY, {"asOf": "2024-05-31"})
    revoked = await gql(QUERY, {"asOf": "2025-06-01"})

    assert before_revocation == _expected(
        "2024-05-31",
        built={"330102": 1, "330105": 1, "330127": 1},
        welfare={"330102": 1, "330105": 1},
        demo={"330102": 1, "330105": 1},
    )
    assert revoked == _expected(
        "2025-06-01",
        built={"330102": 1, "330105": 1, "330127": 1, "330203": 1},
        welfare={"330102": 1, "330105": 1, "330203": 1},
        demo={"330102": 1},
    )


async def test_as_of_defaults_to_today_in_shanghai(gql, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2024, 2, 29))

    body = await gql("{ targetProgress { asOf overall { marketsBuilt } } }")

    assert body == {
        "data": {"targetProgress": {"asOf": "2024-02-29", "overall": {"marketsBuilt": 0}}}
    }


async def test_demo_data_figures(gql):
    await seed_demo(markets=120)
    today = clock.today()

    body = await gql(QUERY, {"asOf": today.isoformat()})

    # seed_demo opens one comprehensive market per county (2023-01-01 … 2025-06-19, so all open
    # today), every fourth market-operated, and certifies every ninth of them today.
    counties = ALL_COUNTIES
    built = {c: 1 for c in counties}
    welfare = {c: 1 for i, c in enumerate(_seed_order()) if i % 4}
    demo = {c: 1 for i, c in enumerate(_seed_order()) if i % 9 == 0}
    assert (len(built), len(welfare), len(demo)) == (90, 67, 10)
    assert body == _expected(today.isoformat(), built, welfare, demo)
    # seed-demo also loads the default certification standard, once.
    assert await CertificationStandard.count() == 1


async def test_demo_data_at_a_past_date_matches_a_count_of_the_rows(gql):
    await seed_demo(markets=120)

    body = await gql(QUERY, {"asOf": "2023-12-31"})

    rows = await Market.select(Market.region.code, Market.ownership).where(
        (Market.station_type == "MARKET") & (Market.established_on <= date(2023, 12, 31))
    )
    built, welfare = {}, {}
    for r in rows:
        built[r["region.code"]] = built.get(r["region.code"], 0) + 1
        if r["ownership"] == "PUBLIC_WELFARE":
            welfare[r["region.code"]] = welfare.get(r["region.code"], 0) + 1
    assert 0 < len(built) < 90
    # The demo's certificates are granted today, so none is valid at the end of 2023.
    assert body == _expected("2023-12-31", built, welfare, {})


def _seed_order() -> list[str]:
    # seed_demo walks the counties by code; index i gets county i.
    return sorted(ALL_COUNTIES)


async def test_region_reference_has_90_counties_in_11_cities():
    assert len(CITIES) == 11 and len(ALL_COUNTIES) == 90
    assert await Region.count().where(Region.level == "prefecture") == 11
