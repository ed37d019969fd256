"""`marketMap`: markets as a GeoJSON FeatureCollection for map widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime

from resolvers.global_ids import encode_id
from tables.certification import DemonstrationCertificate
from tests.fixtures.market import make_market

MAP = """query($where: MarketWhereInput) {
  marketMap(where: $where) {
    type
    features { type id geometry { type coordinates } properties }
  }
}"""


def feature(market_id: int, longitude: float, latitude: float, **properties) -> dict:
    return {
        "type": "Feature",
        "id": encode_id("Market", market_id),
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def collection(*features: dict) -> dict:
    return {"data": {"marketMap": {"type": "FeatureCollection", "features": list(features)}}}


async def _three_markets() -> dict[str, int]:
    hangzhou = await make_market(
        name="上城区望江综合零工市场",
        latitude=30.2356,
        longitude=120.1872,
        address="杭州市上城区望江路1号",
    )
    station = await make_market(
        name="上城区近江零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=hangzhou,
        latitude=30.2401,
        longitude=120.1903,
        address="杭州市上城区近江村",
        ownership="MARKET_OPERATED",
    )
    ningbo = await make_market(
        name="海曙区鼓楼行业性零工市场",
        region_code="330203",
        latitude=29.8756,
        longitude=121.5498,
        address="宁波市海曙区中山西路2号",
        kind="INDUSTRY",
    )
    closed = await make_market(
        name="上城区闸口零工市场",
        status="CLOSED",
        latitude=30.2102,
        longitude=120.1601,
        address="杭州市上城区闸口路3号",
    )
    await DemonstrationCertificate(
        market=ningbo,
        year=2025,
        certificate_no="ZJSF-2025-001",
        certified_at=datetime(2025, 12, 1, tzinfo=UTC),
    ).save()
    await DemonstrationCertificate(
        market=hangzhou,
        year=2024,
        certificate_no="ZJSF-2024-009",
        revoked_on=date(2025, 3, 1),
        revoked_reason="复核不合格",
    ).save()
    return {"hangzhou": hangzhou, "station": station, "ningbo": ningbo, "closed": closed}


def _features(m: dict[str, int]) -> dict[str, dict]:
    return {
        "hangzhou": feature(
            m["hangzhou"],
            120.1872,
            30.2356,
            name="上城区望江综合零工市场",
            kind="COMPREHENSIVE",
            ownership="PUBLIC_WELFARE",
            stationType="MARKET",
            regionCode="330102",
            address="杭州市上城区望江路1号",
            contactPhone="0571-87000000",
            isDemonstration=False,  # its only certificate was revoked
        ),
        "station": feature(
            m["station"],
            120.1903,
            30.2401,
            name="上城区近江零工驿站",
            kind="COMPREHENSIVE",
            ownership="MARKET_OPERATED",
            stationType="RURAL_STATION",
            regionCode="330102",
            address="杭州市上城区近江村",
            contactPhone="0571-87000000",
            isDemonstration=False,
        ),
        "ningbo": feature(
            m["ningbo"],
            121.5498,
            29.8756,
            name="海曙区鼓楼行业性零工市场",
            kind="INDUSTRY",
            ownership="PUBLIC_WELFARE",
            stationType="MARKET",
            regionCode="330203",
            address="宁波市海曙区中山西路2号",
            contactPhone="0571-87000000",
            isDemonstration=True,
        ),
        "closed": feature(
            m["closed"],
            120.1601,
            30.2102,
            name="上城区闸口零工市场",
            kind="COMPREHENSIVE",
            ownership="PUBLIC_WELFARE",
            stationType="MARKET",
            regionCode="330102",
            address="杭州市上城区闸口路3号",
            contactPhone="0571-87000000",
            isDemonstration=False,
        ),
    }


async def test_market_map_is_a_feature_collection_in_longitude_latitude_order(gql):
    # given
    f = _features(await _three_markets())

    # when
    body = await gql(MAP)

    # then: closed markets are left out, as in the directory
    assert body == collection(f["hangzhou"], f["station"], f["ningbo"])


async def test_market_map_applies_the_directory_filters(gql):
    # given
    m = await _three_markets()
    f = _features(m)

    # when / then
    cases = [
        ({"regionCode": "330100"}, [f["hangzhou"], f["station"]]),
        ({"regionCode": "330203"}, [f["ningbo"]]),
        ({"regionCode": "330000"}, [f["hangzhou"], f["station"], f["ningbo"]]),
        ({"isDemonstration": True}, [f["ningbo"]]),
        ({"isDemonstration": False}, [f["hangzhou"], f["station"]]),
        ({"stationType": "MARKET"}, [f["hangzhou"], f["ningbo"]]),
        ({"kind": "INDUSTRY"}, [f["ningbo"]]),
        ({"ownership": "MARKET_OPERATED"}, [f["station"]]),
        ({"occupationCode": "4-02-05-01"}, []),
        ({"openAt": "2026-11-30T08:00:00+08:00"}, [f["hangzhou"], f["station"], f["ningbo"]]),
        ({"openAt": "2026-11-30T20:00:00+08:00"}, []),
    ]
    for where, expected in cases:
        assert await gql(MAP, {"where": where}) == collection(*expected), where


async def test_market_map_shows_closed_markets_only_when_asked(gql):
    f = _features(await _three_markets())

    closed = await gql(MAP, {"where": {"status": ["CLOSED"]}})
    everything = await gql(MAP, {"where": {"status": ["ACTIVE", "SUSPENDED", "CLOSED"]}})

    assert closed == collection(f["closed"])
    assert everything == collection(f["hangzhou"], f["station"], f["ningbo"], f["closed"])


async def test_market_map_of_nothing_is_an_empty_collection(gql):
    assert await gql(MAP) == collection()


async def test_market_map_with_malformed_filter_is_rejected(gql):
    await _three_markets()

    body = await gql(MAP, {"where": {"regionCode": "杭州"}})

    assert body == {
        "data": None,
        "errors": [
            {
                "message": "regionCode：须为 6 位行政区划代码（GB/T 2260），例如 330106",
                "locations": [{"line": 2, "column": 3}],
                "path": ["marketMap"],
                "extensions": {"code": "BAD_USER_INPUT", "field": ["where", "regionCode"]},
            }
        ],
    }


TYPED = """query {
  marketMap {
    features {
      id
      properties
      attributes {
        name kind ownership stationType regionCode address contactPhone isDemonstration isOpenNow
      }
    }
  }
  markets(first: 10) { nodes { id isOpenNow } }
}"""


async def test_the_typed_attributes_say_what_the_properties_say_and_whether_it_is_open(gql):
    # given
    m = await _three_markets()
    f = _features(m)

    # when
    body = await gql(TYPED)

    # then: the deprecated untyped properties, field for field, plus isOpenNow as the
    # directory has it
    open_now = {n["id"]: n["isOpenNow"] for n in body["data"]["markets"]["nodes"]}
    features = body["data"]["marketMap"]["features"]
    assert [x["id"] for x in features] == [f[k]["id"] for k in ("hangzhou", "station", "ningbo")]
    for x in features:
        attributes = dict(x["attributes"])
        assert attributes.pop("isOpenNow") is open_now[x["id"]]
        assert attributes == x["properties"]
