"""`markets`: the public directory — paging, every filter, search, distance, ordering, nested fields."""

from __future__ import annotations

import base64
import json
import math
from datetime import UTC, date, datetime

from resolvers.global_ids import encode_id
from tables.certification import DemonstrationCertificate
from tests.fixtures.market import make_market, make_operator

ROUND_THE_CLOCK = [(d, "00:00", "00:00") for d in range(1, 8)]
CENTRE = (30.25, 120.17)  # the factory's default position, in 上城区
EARTH_RADIUS_KM = 6371.0088

IDS = """query($first: Int, $after: String, $where: MarketWhereInput, $search: String,
  $near: GeoPointInput, $orderBy: MarketOrder) {
  markets(first: $first, after: $after, where: $where, search: $search, near: $near,
    orderBy: $orderBy) {
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage }
    totalCount
  }
}"""

EDGES = """query($first: Int, $after: String, $near: GeoPointInput, $orderBy: MarketOrder) {
  markets(first: $first, after: $after, near: $near, orderBy: $orderBy) {
    edges { cursor node { id distanceKm } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}"""


def gid(market_id: int) -> str:
    return encode_id("Market", market_id)


def page(ids: list[int], total: int, has_next: bool = False, has_previous: bool = False) -> dict:
    return {
        "data": {
            "markets": {
                "nodes": [{"id": gid(i)} for i in ids],
                "pageInfo": {"hasNextPage": has_next, "hasPreviousPage": has_previous},
                "totalCount": total,
            }
        }
    }


def everything(ids: list[int]) -> dict:
    return page(ids, total=len(ids))


def bad_input(query: str, message: str, field: str) -> dict:
    """The whole response for a rejected `markets` argument (the field is non-null: data is null)."""
    before = query[: query.index("markets(")]
    location = {"line": before.count("\n") + 1, "column": len(before.rsplit("\n", 1)[-1]) + 1}
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [location],
                "path": ["markets"],
                "extensions": {"code": "BAD_USER_INPUT", "field": field.split(".")},
            }
        ],
    }


def edges_page(
    body: dict, nodes: list[dict], total: int, has_next: bool = False, has_previous: bool = False
) -> dict:
    """The whole expected EDGES response; cursors are opaque, so they are taken from `body`."""
    cursors = [e["cursor"] for e in body["data"]["markets"]["edges"]]
    assert len(cursors) == len(nodes) and len(set(cursors)) == len(cursors)
    return {
        "data": {
            "markets": {
                "edges": [{"cursor": c, "node": n} for c, n in zip(cursors, nodes, strict=True)],
                "pageInfo": {
                    "hasNextPage": has_next,
                    "hasPreviousPage": has_previous,
                    "startCursor": cursors[0] if cursors else None,
                    "endCursor": cursors[-1] if cursors else None,
                },
                "totalCount": total,
            }
        }
    }


def cursor_of(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def km_along_meridian(latitude: float) -> float:
    """Distance from CENTRE to a point due north or south of it: an arc of the meridian."""
    return round(EARTH_RADIUS_KM * math.radians(abs(latitude - CENTRE[0])), 3)


async def walk(gql, query: str, first: int, **variables) -> list[dict]:
    """Every page of `query`, following endCursor until hasNextPage is false."""
    pages, after = [], None
    while True:
        body = await gql(query, {"first": first, "after": after, **variables})
        connection = body["data"]["markets"]
        pages.append(connection)
        if not connection["pageInfo"]["hasNextPage"]:
            return pages
        after = connection["pageInfo"]["endCursor"]
        assert len(pages) < 20, "pagination does not end"


async def certify(market_id: int, year: int, revoked: bool = False) -> None:
    await DemonstrationCertificate(
        market=market_id,
        year=year,
        certificate_no=f"ZJSF-{year}-{market_id:04d}",
        certified_at=datetime(year, 12, 1, 2, 0, tzinfo=UTC),
        revoked_on=date(year + 1, 3, 1) if revoked else None,
        revoked_reason="复核不合格" if revoked else "",
    ).save()


# Pagination


async def test_markets_default_page_has_20_in_id_order_and_counts_all(gql):
    # given
    ids = [await make_market() for _ in range(23)]

    # when
    body = await gql(IDS)

    # then
    assert body == page(ids[:20], total=23, has_next=True)


async def test_markets_first_up_to_100_is_accepted_and_more_or_negative_is_rejected(gql):
    ids = [await make_market() for _ in range(2)]

    assert await gql(IDS, {"first": 100}) == everything(ids)
    for first in (101, 1000, -1):
        body = await gql(IDS, {"first": first})
        assert body == bad_input(IDS, "first：每页条数须在 0 到 100 之间", "first"), first


async def test_markets_first_zero_returns_no_nodes_but_tells_whether_any_match(gql):
    ids = [await make_market() for _ in range(2)]

    assert await gql(IDS, {"first": 0}) == page([], total=2, has_next=True)
    assert await gql(IDS, {"first": 0, "search": "没有这个"}) == page([], total=0)
    assert await gql(IDS, {"first": 1}) == page(ids[:1], total=2, has_next=True)


async def test_markets_after_walks_every_page_once_without_gaps(gql):
    # given
    ids = [await make_market() for _ in range(13)]
    after = None

    for number in range(3):
        # when
        body = await gql(EDGES, {"first": 5, "after": after})

        # then
        chunk = ids[number * 5 : number * 5 + 5]
        assert body == edges_page(
            body,
            [{"id": gid(i), "distanceKm": None} for i in chunk],
            total=13,
            has_next=number < 2,
            has_previous=number > 0,
        ), number
        after = body["data"]["markets"]["pageInfo"]["endCursor"]

    pages = await walk(gql, EDGES, first=5)
    assert [e["node"]["id"] for p in pages for e in p["edges"]] == [gid(i) for i in ids]


async def test_markets_tampered_cursor_is_bad_user_input(gql):
    # given
    market_id = await make_market()
    by_name = (await gql(EDGES, {"first": 1, "orderBy": {"field": "NAME"}}))["data"]["markets"]
    name_cursor = by_name["pageInfo"]["endCursor"]
    near = {"latitude": CENTRE[0], "longitude": CENTRE[1]}
    tampered = [
        ({}, "not a cursor!"),
        ({}, base64.urlsafe_b64encode(b"not json").decode()),
        ({}, cursor_of({"id": market_id})),
        ({}, cursor_of([])),
        ({}, cursor_of([str(market_id)])),
        ({}, cursor_of([1.5])),
        ({}, cursor_of([True])),
        ({}, cursor_of([2**31])),  # beyond PostgreSQL's INTEGER: must not reach the driver
        ({}, cursor_of([-(2**31) - 1])),
        ({}, cursor_of([10**20])),
        ({}, name_cursor),  # a cursor of another ordering
        ({"orderBy": {"field": "NAME"}}, cursor_of(["上城区\u0000", market_id])),
        ({"orderBy": {"field": "NAME"}}, cursor_of([1, market_id])),
        ({"orderBy": {"field": "ESTABLISHED_ON"}}, cursor_of(["2024-13-01", market_id])),
        ({"orderBy": {"field": "ESTABLISHED_ON"}}, cursor_of([20240301, market_id])),
        ({"near": near}, cursor_of([1.0])),
        ({"near": near}, cursor_of(["1.0", market_id])),
        ({"near": near}, "WyJOYU4iLCAxXQ=="),  # ["NaN", 1]
        ({"near": near}, base64.urlsafe_b64encode(b"[NaN, 1]").decode()),
        ({"near": near}, base64.urlsafe_b64encode(b"[Infinity, 1]").decode()),
    ]

    for variables, cursor in tampered:
        # when
        body = await gql(EDGES, {"after": cursor, **variables})

        # then
        expected = bad_input(EDGES, "after：游标无效，请使用本列表返回的游标", "after")
        assert body == expected, (variables, cursor)


# Filters


async def test_markets_where_region_code_takes_a_county_a_city_or_the_province(gql):
    # given
    shangcheng = await make_market(name="上城区望江零工市场")
    xihu = await make_market(name="西湖区文三路零工市场", region_code="330106")
    jiande = await make_market(
        name="建德市新安江零工市场", region_code="330182", latitude=29.47, longitude=119.28
    )
    haishu = await make_market(
        name="海曙区鼓楼零工市场", region_code="330203", latitude=29.87, longitude=121.55
    )

    # when / then
    cases = {
        "330102": [shangcheng],
        "330106": [xihu],
        "330182": [jiande],
        "330100": [shangcheng, xihu, jiande],
        " 330100 ": [shangcheng, xihu, jiande],
        "330200": [haishu],
        "330000": [shangcheng, xihu, jiande, haishu],
        "330300": [],
        "110000": [],
    }
    for code, expected in cases.items():
        assert await gql(IDS, {"where": {"regionCode": code}}) == everything(expected), code


async def test_markets_where_malformed_region_code_is_rejected(gql):
    await make_market()

    for code in ["", "3301", "3301000", "33010x", "３３０１０２", "330102\u0000"]:
        body = await gql(IDS, {"where": {"regionCode": code}})
        expected = bad_input(
            IDS, "regionCode：须为 6 位行政区划代码（GB/T 2260），例如 330106", "where.regionCode"
        )
        assert body == expected, code


async def test_markets_where_kind_ownership_and_station_type(gql):
    # given
    public = await make_market()
    operated = await make_market(kind="INDUSTRY", ownership="MARKET_OPERATED")
    station = await make_market(station_type="RURAL_STATION", parent_market_id=public)
    supermarket = await make_market(
        station_type="GIG_SUPERMARKET", parent_market_id=operated, ownership="MARKET_OPERATED"
    )

    # when / then
    cases = [
        ({"kind": "INDUSTRY"}, [operated]),
        ({"kind": "COMPREHENSIVE"}, [public, station, supermarket]),
        ({"ownership": "PUBLIC_WELFARE"}, [public, station]),
        ({"ownership": "MARKET_OPERATED"}, [operated, supermarket]),
        ({"stationType": "MARKET"}, [public, operated]),
        ({"stationType": "RURAL_STATION"}, [station]),
        ({"stationType": "GIG_SUPERMARKET"}, [supermarket]),
        ({"kind": "COMPREHENSIVE", "ownership": "MARKET_OPERATED"}, [supermarket]),
        ({"kind": "INDUSTRY", "stationType": "RURAL_STATION"}, []),
        ({}, [public, operated, station, supermarket]),
    ]
    for where, expected in cases:
        assert await gql(IDS, {"where": where}) == everything(expected), where


async def test_markets_where_occupation_code(gql):
    # given
    porters = await make_market(occupations=("装卸搬运工", "快递员"))
    couriers = await make_market(occupations=("快递员",))
    await make_market(occupations=("家政服务员",))  # an occupation without a national code
    await make_market()

    # when / then
    cases = {
        "4-02-05-01": [porters],
        "4-02-07-08": [porters, couriers],
        " 4-02-07-08 ": [porters, couriers],
        "6-18-02-04": [],
        "9-99-99-99": [],
    }
    for code, expected in cases.items():
        assert await gql(IDS, {"where": {"occupationCode": code}}) == everything(expected), code


async def test_markets_where_malformed_occupation_code_is_rejected(gql):
    await make_market(occupations=("装卸搬运工",))

    for code in ["", "4020501", "装卸搬运工", "4-02-05-01%", "4-02-05-01\u0000"]:
        body = await gql(IDS, {"where": {"occupationCode": code}})
        expected = bad_input(
            IDS,
            "occupationCode：须为国家职业分类代码，例如 4-02-05-01",
            "where.occupationCode",
        )
        assert body == expected, code


async def test_markets_where_is_demonstration_counts_only_unrevoked_certificates(gql):
    # given
    certified = await make_market()
    revoked = await make_market()
    plain = await make_market()
    recertified = await make_market()
    await certify(certified, 2025)
    await certify(revoked, 2024, revoked=True)
    await certify(recertified, 2023, revoked=True)
    await certify(recertified, 2025)

    # when / then
    assert await gql(IDS, {"where": {"isDemonstration": True}}) == everything(
        [certified, recertified]
    )
    assert await gql(IDS, {"where": {"isDemonstration": False}}) == everything([revoked, plain])
    assert await gql(IDS, {"where": {"isDemonstration": None}}) == everything(
        [certified, revoked, plain, recertified]
    )


async def test_markets_where_open_at_handles_overnight_periods_and_the_sunday_rollover(gql):
    # given (2026-11-29 is a Sunday, 2026-11-30 a Monday)
    office = await make_market(opening_hours=[(d, "08:00", "17:00") for d in range(1, 6)])
    night = await make_market(opening_hours=[(7, "22:00", "06:00")])
    always = await make_market(opening_hours=ROUND_THE_CLOCK)
    await make_market(opening_hours=[])

    # when / then
    cases = {
        "2026-11-29T21:59:00+08:00": [always],
        "2026-11-29T22:00:00+08:00": [night, always],
        "2026-11-29T23:30:00+08:00": [night, always],
        "2026-11-30T00:00:00+08:00": [night, always],
        "2026-11-30T02:00:00+08:00": [night, always],
        "2026-11-29T18:00:00+00:00": [night, always],  # the same moment in UTC, still Sunday there
        "2026-11-30T05:59:59+08:00": [night, always],
        "2026-11-30T06:00:00+08:00": [always],  # closing time is exclusive
        "2026-11-30T07:59:00+08:00": [always],
        "2026-11-30T08:00:00+08:00": [office, always],
        "2026-11-30T00:30:00Z": [office, always],  # 08:30 in Shanghai
        "2026-11-30T16:59:59+08:00": [office, always],
        "2026-11-30T17:00:00+08:00": [always],
        "2026-11-28T10:00:00+08:00": [always],  # Saturday
        "2026-12-01T02:00:00+08:00": [always],  # Tuesday night: the Sunday period is long over
        "2026-12-06T23:00:00+08:00": [night, always],  # the next Sunday
    }
    for moment, expected in cases.items():
        assert await gql(IDS, {"where": {"openAt": moment}}) == everything(expected), moment


async def test_markets_where_open_at_without_timezone_is_rejected(gql):
    await make_market(opening_hours=ROUND_THE_CLOCK)

    body = await gql(IDS, {"where": {"openAt": "2026-11-30T08:00:00"}})

    assert body == bad_input(
        IDS, "openAt：须带时区，例如 2026-11-28T08:00:00+08:00", "where.openAt"
    )


async def test_markets_where_status_hides_closed_markets_by_default(gql):
    # given
    active = await make_market()
    suspended = await make_market(status="SUSPENDED")
    closed = await make_market(status="CLOSED")

    # when / then
    assert await gql(IDS) == everything([active, suspended])
    assert await gql(IDS, {"where": {"status": ["CLOSED"]}}) == everything([closed])
    assert await gql(IDS, {"where": {"status": ["ACTIVE"]}}) == everything([active])
    assert await gql(IDS, {"where": {"status": ["ACTIVE", "CLOSED"]}}) == everything(
        [active, closed]
    )
    assert await gql(IDS, {"where": {"status": ["ACTIVE", "SUSPENDED", "CLOSED"]}}) == everything(
        [active, suspended, closed]
    )


# Search


async def test_markets_search_matches_name_address_or_labour_brand(gql):
    # given
    by_name = await make_market(name="上城区望江综合零工市场")
    by_address = await make_market(address="杭州市上城区清泰街88号")
    by_brand = await make_market(labour_brand="钱塘巧匠")
    other = await make_market()

    # when / then
    cases = {
        "望江": [by_name],
        "  望江 ": [by_name],
        "清泰街": [by_address],
        "巧匠": [by_brand],
        "上城区": [by_name, by_address, by_brand, other],
        "拱墅区": [],
        "": [by_name, by_address, by_brand, other],
        "   ": [by_name, by_address, by_brand, other],
    }
    for text, expected in cases.items():
        assert await gql(IDS, {"search": text}) == everything(expected), text


async def test_markets_search_matches_like_wildcards_literally(gql):
    # given: names without digits (the factory's default names carry a counter, which would
    # match "100" once a run has made a hundred markets)
    underscore = await make_market(
        name="上城区测试甲号零工市场", address="杭州市上城区测试路10_1号"
    )
    digits = await make_market(name="上城区测试乙号零工市场", address="杭州市上城区测试路1001号")
    percent = await make_market(name="上城区测试丙号零工市场", address="杭州市上城区测试路100%号")
    thousand = await make_market(name="上城区测试丁号零工市场", address="杭州市上城区测试路1000号")
    bang = await make_market(name="上城区测试戊号零工市场", labour_brand="上城!巧匠")
    backslash = await make_market(name="上城区测试己号零工市场", labour_brand="上城\\巧匠")
    latin = await make_market(name="上城区测试庚号零工市场", address="杭州市上城区测试路8号B座")
    every = [underscore, digits, percent, thousand, bang, backslash, latin]

    # when / then
    cases = {
        "%": [percent],
        "_": [underscore],
        "10_1": [underscore],
        "100%": [percent],
        "100": [digits, percent, thousand],
        "!": [bang],
        "!巧匠": [bang],
        "\\": [backslash],
        "\\巧匠": [backslash],
        "%巧匠": [],
        "b座": [latin],  # ASCII case is ignored on both engines
        "\u0000": every,  # control characters are dropped: nothing left to search for
        "望江" * 30: [],  # long input is cut, not an error
    }
    for text, expected in cases.items():
        assert await gql(IDS, {"search": text}) == everything(expected), text


# Distance


async def _around_centre() -> dict[str, int]:
    """Markets due north and south of CENTRE, so their distances are exact meridian arcs."""
    lat, lon = CENTRE
    return {
        "north1": await make_market(latitude=lat + 0.01, longitude=lon),
        "north2": await make_market(latitude=lat + 0.02, longitude=lon),
        "south1": await make_market(latitude=lat - 0.01, longitude=lon),  # ties with north1
        "north3": await make_market(latitude=lat + 0.03, longitude=lon),
        "far": await make_market(latitude=lat + 0.15, longitude=lon),
        "closed": await make_market(latitude=lat + 0.005, longitude=lon, status="CLOSED"),
        "east": await make_market(latitude=lat, longitude=lon + 1.5),  # about 144 km away
    }


def near(radius_km: float | None = None) -> dict:
    point = {"latitude": CENTRE[0], "longitude": CENTRE[1]}
    return point if radius_km is None else {**point, "radiusKm": radius_km}


def distance_edges(connection: dict) -> list[tuple[str, float]]:
    return [(e["node"]["id"], e["node"]["distanceKm"]) for e in connection["edges"]]


def with_distance(market_id: int, km: float) -> dict:
    return {"id": gid(market_id), "distanceKm": km}


async def test_markets_near_returns_markets_within_radius_nearest_first_with_distances(gql):
    # given
    m = await _around_centre()
    lat = CENTRE[0]

    # when
    body = await gql(EDGES, {"near": near(5)})

    # then
    assert body == edges_page(
        body,
        [
            with_distance(m["north1"], km_along_meridian(lat + 0.01)),
            with_distance(m["south1"], km_along_meridian(lat - 0.01)),  # a tie: lower id first
            with_distance(m["north2"], km_along_meridian(lat + 0.02)),
            with_distance(m["north3"], km_along_meridian(lat + 0.03)),
        ],
        total=4,
    )
    assert [km_along_meridian(lat + d) for d in (0.01, -0.01, 0.02, 0.03, 0.15)] == [
        1.112,
        1.112,
        2.224,
        3.336,
        16.679,
    ]


async def test_markets_near_radius_defaults_to_20_km_and_reaches_300_km(gql):
    # given
    m = await _around_centre()
    nearby = [
        with_distance(m["north1"], 1.112),
        with_distance(m["south1"], 1.112),
        with_distance(m["north2"], 2.224),
        with_distance(m["north3"], 3.336),
        with_distance(m["far"], 16.679),
    ]
    # 1.5° of longitude along the 30.25° parallel: the great circle is a little shorter
    east_km = round(
        2
        * EARTH_RADIUS_KM
        * math.asin(math.cos(math.radians(CENTRE[0])) * math.sin(math.radians(1.5) / 2)),
        3,
    )

    # when
    default = await gql(EDGES, {"near": near()})
    widest = await gql(EDGES, {"near": near(300)})
    narrow = await gql(EDGES, {"near": near(1)})

    # then
    assert default == edges_page(default, nearby, total=5)
    assert widest == edges_page(widest, [*nearby, with_distance(m["east"], east_km)], total=6)
    assert narrow == edges_page(narrow, [], total=0)


async def test_markets_near_descending_distance(gql):
    m = await _around_centre()

    body = await gql(
        EDGES, {"near": near(5), "orderBy": {"field": "DISTANCE", "direction": "DESC"}}
    )

    assert body == edges_page(
        body,
        [
            with_distance(m["north3"], 3.336),
            with_distance(m["north2"], 2.224),
            with_distance(m["south1"], 1.112),  # a tie: the higher id first when descending
            with_distance(m["north1"], 1.112),
        ],
        total=4,
    )


async def test_markets_near_pages_with_cursors_in_both_directions(gql):
    # given
    m = await _around_centre()
    ascending = [m["north1"], m["south1"], m["north2"], m["north3"], m["far"]]

    for direction, expected in (("ASC", ascending), ("DESC", ascending[::-1])):
        # when
        pages = await walk(
            gql, EDGES, first=2, near=near(), orderBy={"field": "DISTANCE", "direction": direction}
        )

        # then
        assert [[e["node"]["id"] for e in p["edges"]] for p in pages] == [
            [gid(i) for i in expected[0:2]],
            [gid(i) for i in expected[2:4]],
            [gid(i) for i in expected[4:5]],
        ], direction
        assert [p["pageInfo"]["hasNextPage"] for p in pages] == [True, True, False]
        assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False, True, True]
        assert [p["totalCount"] for p in pages] == [5, 5, 5]
        assert [p["pageInfo"]["endCursor"] for p in pages] == [
            p["edges"][-1]["cursor"] for p in pages
        ]


async def test_markets_near_combines_with_where_and_search(gql):
    # given
    m = await _around_centre()
    beside = await make_market(
        name="上城区近旁零工市场", latitude=CENTRE[0], longitude=CENTRE[1] + 0.001
    )
    station = await make_market(
        station_type="RURAL_STATION",
        parent_market_id=m["north2"],
        latitude=CENTRE[0] + 0.04,
        longitude=CENTRE[1],
    )

    # when
    stations = await gql(IDS, {"near": near(), "where": {"stationType": "RURAL_STATION"}})
    searched = await gql(IDS, {"near": near(), "search": "近旁"})
    closed = await gql(IDS, {"near": near(), "where": {"status": ["CLOSED"]}})
    elsewhere = await gql(IDS, {"near": near(), "where": {"regionCode": "330200"}})

    # then
    assert stations == everything([station])
    assert searched == everything([beside])
    assert closed == everything([m["closed"]])
    assert elsewhere == everything([])


async def test_markets_near_with_invalid_point_or_radius_is_rejected(gql):
    await _around_centre()
    lat, lon = CENTRE
    radius_message = "near.radiusKm：半径须大于 0 公里且不超过 300 公里"
    point_message = "near：纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间"
    cases = [
        ({"latitude": lat, "longitude": lon, "radiusKm": 0}, radius_message, "near.radiusKm"),
        ({"latitude": lat, "longitude": lon, "radiusKm": -5}, radius_message, "near.radiusKm"),
        ({"latitude": lat, "longitude": lon, "radiusKm": 300.5}, radius_message, "near.radiusKm"),
        ({"latitude": 91, "longitude": lon}, point_message, "near"),
        ({"latitude": lat, "longitude": -180.5}, point_message, "near"),
    ]

    for point, message, field in cases:
        body = await gql(IDS, {"near": point})
        assert body == bad_input(IDS, message, field), point


async def test_markets_order_by_distance_needs_near_and_near_needs_distance_order(gql):
    await make_market()

    without_near = await gql(IDS, {"orderBy": {"field": "DISTANCE"}})
    by_name_near = await gql(IDS, {"near": near(), "orderBy": {"field": "NAME"}})

    assert without_near == bad_input(
        IDS, "orderBy：按距离（DISTANCE）排序须同时提供 near", "orderBy"
    )
    assert by_name_near == bad_input(
        IDS, "orderBy：使用 near 时只能按距离（DISTANCE）排序", "orderBy"
    )


# Ordering


async def test_markets_order_by_name_both_directions_pages_like_the_whole_list(gql):
    # given: created out of alphabetical order, names differing only in an ASCII letter
    letters = ["C", "A", "E", "B", "D"]
    by_letter = {x: await make_market(name=f"上城区{x}号零工市场") for x in letters}
    ascending = [by_letter[x] for x in sorted(letters)]

    for direction, expected in (("ASC", ascending), ("DESC", ascending[::-1])):
        order = {"field": "NAME", "direction": direction}

        # when
        whole = await gql(IDS, {"first": 100, "orderBy": order})
        pages = await walk(gql, EDGES, first=2, orderBy=order)

        # then
        assert whole == everything(expected), direction
        assert [e["node"]["id"] for p in pages for e in p["edges"]] == [gid(i) for i in expected]
        assert len(pages) == 3


async def test_markets_order_by_established_on_breaks_ties_by_id_across_pages(gql):
    # given
    may_a = await make_market(established_on=date(2024, 5, 1))
    oldest = await make_market(established_on=date(2023, 1, 1))
    may_b = await make_market(established_on=date(2024, 5, 1))
    newest = await make_market(established_on=date(2025, 2, 1))
    may_c = await make_market(established_on=date(2024, 5, 1))
    ascending = [oldest, may_a, may_b, may_c, newest]
    descending = [newest, may_c, may_b, may_a, oldest]

    for direction, expected in (("ASC", ascending), ("DESC", descending)):
        order = {"field": "ESTABLISHED_ON", "direction": direction}

        # when
        pages = await walk(gql, EDGES, first=2, orderBy=order)

        # then
        assert [[e["node"]["id"] for e in p["edges"]] for p in pages] == [
            [gid(i) for i in expected[0:2]],
            [gid(i) for i in expected[2:4]],
            [gid(i) for i in expected[4:5]],
        ], direction
        assert await gql(IDS, {"orderBy": order}) == everything(expected)


async def test_markets_order_by_id_descending(gql):
    ids = [await make_market() for _ in range(5)]

    pages = await walk(gql, EDGES, first=3, orderBy={"field": "ID", "direction": "DESC"})

    assert [e["node"]["id"] for p in pages for e in p["edges"]] == [gid(i) for i in ids[::-1]]
    assert [len(p["edges"]) for p in pages] == [3, 2]


# Nested fields

NESTED = """{
  markets {
    nodes {
      id name kind ownership stationType status address contactPhone labourBrand
      establishedOn distanceKm functionAreas facilities isOpenNow
      region { code name level parentCode isMountainOrIsland }
      location { latitude longitude }
      responsibleUnits { construction maintenance service }
      operator { id name }
      parentMarket { id name }
      stations { id name stationType }
      openingHours { weekday opens closes }
      occupations { code name aliases majorGroup }
      demonstration { year certifiedAt certificateNo }
    }
  }
}"""


async def test_markets_nested_fields_come_from_related_rows(gql):
    # given
    operator = await make_operator("杭州快聘人力资源有限公司")
    market = await make_market(
        name="淳安县千岛湖综合零工市场",
        region_code="330127",
        latitude=29.6,
        longitude=119.04,
        operator_id=operator,
        occupations=("家政服务员", "装卸搬运工"),
        opening_hours=ROUND_THE_CLOCK,
        established_on=date(2023, 6, 1),
        address="杭州市淳安县千岛湖镇新安大街1号",
        kind="COMPREHENSIVE",
        ownership="PUBLIC_WELFARE",
        function_areas=["GENERAL_SERVICE", "JOB_MATCHING", "LIVING_SERVICE"],
        facilities=["NEGOTIATION", "SHELTER", "PARKING"],
        construction_unit="淳安县人力资源和社会保障局",
        maintenance_unit="淳安县就业服务中心",
        service_unit="千岛湖镇人民政府",
        labour_brand="千岛湖巧匠",
    )
    station = await make_market(
        name="淳安县文昌镇零工驿站",
        station_type="RURAL_STATION",
        parent_market_id=market,
        region_code="330127",
        latitude=29.55,
        longitude=118.95,
        opening_hours=[],
        established_on=date(2024, 1, 2),
        address="杭州市淳安县文昌镇文昌村",
    )
    await make_market(
        name="淳安县汾口镇零工超市",
        station_type="GIG_SUPERMARKET",
        parent_market_id=market,
        region_code="330127",
        latitude=29.45,
        longitude=118.6,
        status="CLOSED",
    )
    await certify(market, 2024)
    await certify(market, 2025)
    await certify(market, 2026, revoked=True)
    region = {
        "code": "330127",
        "name": "淳安县",
        "level": "COUNTY",
        "parentCode": "330100",
        "isMountainOrIsland": True,
    }

    # when
    body = await gql(NESTED)

    # then
    assert body == {
        "data": {
            "markets": {
                "nodes": [
                    {
                        "id": gid(market),
                        "name": "淳安县千岛湖综合零工市场",
                        "kind": "COMPREHENSIVE",
                        "ownership": "PUBLIC_WELFARE",
                        "stationType": "MARKET",
                        "status": "ACTIVE",
                        "address": "杭州市淳安县千岛湖镇新安大街1号",
                        "contactPhone": "0571-87000000",
                        "labourBrand": "千岛湖巧匠",
                        "establishedOn": "2023-06-01",
                        "distanceKm": None,
                        "functionAreas": ["GENERAL_SERVICE", "JOB_MATCHING", "LIVING_SERVICE"],
                        "facilities": ["NEGOTIATION", "SHELTER", "PARKING"],
                        "isOpenNow": True,
                        "region": region,
                        "location": {"latitude": 29.6, "longitude": 119.04},
                        "responsibleUnits": {
                            "construction": "淳安县人力资源和社会保障局",
                            "maintenance": "淳安县就业服务中心",
                            "service": "千岛湖镇人民政府",
                        },
                        "operator": {
                            "id": encode_id("Operator", operator),
                            "name": "杭州快聘人力资源有限公司",
                        },
                        "parentMarket": None,
                        "stations": [
                            {
                                "id": gid(station),
                                "name": "淳安县文昌镇零工驿站",
                                "stationType": "RURAL_STATION",
                            }
                        ],
                        "openingHours": [
                            {"weekday": d, "opens": "00:00", "closes": "00:00"} for d in range(1, 8)
                        ],
                        "occupations": [
                            {
                                "code": "4-02-05-01",
                                "name": "装卸搬运工",
                                "aliases": ["搬运工", "装卸工", "小工"],
                                "majorGroup": 4,
                            },
                            {
                                "code": None,
                                "name": "家政服务员",
                                "aliases": ["保姆", "钟点工"],
                                "majorGroup": 4,
                            },
                        ],
                        "demonstration": {
                            "year": 2025,
                            "certifiedAt": "2025-12-01T02:00:00+00:00",
                            "certificateNo": f"ZJSF-2025-{market:04d}",
                        },
                    },
                    {
                        "id": gid(station),
                        "name": "淳安县文昌镇零工驿站",
                        "kind": "COMPREHENSIVE",
                        "ownership": "PUBLIC_WELFARE",
                        "stationType": "RURAL_STATION",
                        "status": "ACTIVE",
                        "address": "杭州市淳安县文昌镇文昌村",
                        "contactPhone": "0571-87000000",
                        "labourBrand": None,
                        "establishedOn": "2024-01-02",
                        "distanceKm": None,
                        "functionAreas": [],
                        "facilities": [],
                        "isOpenNow": False,
                        "region": region,
                        "location": {"latitude": 29.55, "longitude": 118.95},
                        "responsibleUnits": {"construction": "", "maintenance": "", "service": ""},
                        "operator": None,
                        "parentMarket": {"id": gid(market), "name": "淳安县千岛湖综合零工市场"},
                        "stations": [],
                        "openingHours": [],
                        "occupations": [],
                        "demonstration": None,
                    },
                ]
            }
        }
    }
