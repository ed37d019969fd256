"""`trainings` and `training`: published courses for everyone; drafts and trainees only for the
course's operator and staff; a market's and a station's page list their courses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tests.fixtures.job_posting import ROLES, make_cast
from tests.fixtures.market import make_market
from tests.fixtures.training import enrol, make_course, sessions, shift_into_past

CODE = "4-02-05-01"  # 装卸搬运工
LIST = """
query($where: TrainingWhereInput, $near: GeoPointInput, $search: String, $order: TrainingOrder) {
  trainings(where: $where, near: $near, search: $search, orderBy: $order) {
    totalCount
    nodes { title seatsLeft distanceKm fee }
  }
}"""
DETAIL = """
query($id: ID!) {
  training(id: $id) {
    title status waitlistCount
    enrolments { status worker { name } }
    myEnrolment { status }
  }
}"""
MARKET = """
query($id: ID!) { market(id: $id) { trainings { title } } }
"""


async def scene():
    """At the cast's market: a free subsidised course nearby, a paid online one, a full one
    held at a station 30 km away, a draft, a finished one; and one at the other market."""
    cast = await make_cast()
    station = await make_market(
        station_type="RURAL_STATION",
        parent_market_id=cast.market_id,
        latitude=30.52,
        longitude=120.17,
        region_code="330110",
        name="余杭区测试零工驿站",
    )
    free = await make_course(
        cast.market_id, title="叉车操作实训", times=sessions(starts_in=timedelta(days=2))
    )
    online = await make_course(
        cast.market_id,
        title="电商直播创业课",
        occupation=None,
        category="ENTREPRENEURSHIP",
        mode="ONLINE",
        fee="199.90",
        subsidised=False,
        times=sessions(starts_in=timedelta(days=4)),
    )
    full = await make_course(
        cast.market_id,
        title="养老护理员培训",
        occupation="养老护理员",
        venue_id=station,
        capacity=1,
        times=sessions(starts_in=timedelta(days=6)),
    )
    await enrol(cast.worker_id, full)
    await make_course(cast.market_id, title="草稿课程", publish=False)
    finished = await make_course(cast.market_id, title="已结束课程")
    await shift_into_past(finished, timedelta(days=30))
    await make_course(
        cast.other_market_id, title="别处的课", times=sessions(starts_in=timedelta(days=8))
    )
    return cast, station, {"free": free, "online": online, "full": full}


async def test_the_public_list_filters_searches_sorts_and_measures_distance(gql):
    # given
    cast, station, _ = await scene()

    # when
    everything = await gql(LIST)
    mine = await gql(LIST, {"where": {"marketId": encode_id("Market", cast.market_id)}})
    at_station = await gql(LIST, {"where": {"marketId": encode_id("Market", station)}})
    filtered = await gql(
        LIST,
        {
            "where": {
                "regionCode": "330100",
                "category": "URGENT_SKILL",
                "mode": "OFFLINE",
                "subsidised": True,
                "occupationCode": CODE,
                "startsFrom": (now() + timedelta(days=5)).isoformat(),
            }
        },
    )
    unsubsidised = await gql(LIST, {"where": {"subsidised": False}})
    online = await gql(LIST, {"where": {"mode": "ONLINE"}})
    searched = await gql(LIST, {"search": "直播"})
    by_fee = await gql(LIST, {"order": {"field": "FEE", "direction": "DESC"}})
    near = await gql(LIST, {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 10}})

    # then
    titles = lambda b: [n["title"] for n in b["data"]["trainings"]["nodes"]]  # noqa: E731
    assert everything["data"]["trainings"]["totalCount"] == 4
    assert titles(everything) == ["叉车操作实训", "电商直播创业课", "养老护理员培训", "别处的课"]
    assert titles(mine) == ["叉车操作实训", "电商直播创业课", "养老护理员培训"]
    assert titles(at_station) == ["养老护理员培训"]
    # the nearby course starts too early, the station's teaches 养老护理员, the online one is paid
    assert titles(filtered) == ["别处的课"]
    assert titles(unsubsidised) == titles(online) == ["电商直播创业课"]
    assert titles(searched) == ["电商直播创业课"]
    assert titles(by_fee)[0] == "电商直播创业课"
    assert [
        (n["title"], n["seatsLeft"], n["fee"]) for n in everything["data"]["trainings"]["nodes"]
    ][:3] == [
        ("叉车操作实训", 10, "0.00"),
        ("电商直播创业课", 10, "199.90"),
        ("养老护理员培训", 0, "0.00"),
    ]
    assert [(n["title"], n["distanceKm"]) for n in near["data"]["trainings"]["nodes"]] == [
        ("叉车操作实训", 0.0),
        ("别处的课", 0.0),
    ]


async def test_bad_filters_are_client_errors(gql):
    for variables, field in (
        ({"where": {"regionCode": "33"}}, "where.regionCode"),
        ({"where": {"occupationCode": "x"}}, "where.occupationCode"),
        ({"order": {"field": "DISTANCE"}}, "orderBy"),
        ({"where": {"startsFrom": "2026-12-01T00:00:00"}}, "where.startsFrom"),
        ({"near": {"latitude": 30, "longitude": 120, "radiusKm": 999}}, "near.radiusKm"),
    ):
        body = await gql(LIST, variables)
        assert body["data"] is None
        assert [e["extensions"] for e in body["errors"]] == [
            {"code": "BAD_USER_INPUT", "field": field.split(".")}
        ]


@pytest.mark.parametrize("role", ROLES)
async def test_trainees_and_drafts_only_for_the_courses_operator_and_staff(gql, role):
    # given
    cast, _, courses = await scene()
    draft = await make_course(cast.market_id, title="未发布", publish=False)

    # when
    body = await gql(DETAIL, {"id": encode_id("Training", courses["full"])}, token=cast.token[role])
    hidden = await gql(DETAIL, {"id": encode_id("Training", draft)}, token=cast.token[role])

    # then
    course = body["data"]["training"]
    manages = role in ("operator", "staff")
    assert (course["title"], course["status"]) == ("养老护理员培训", "FULL")
    assert course["enrolments"] == (
        [{"status": "ENROLLED", "worker": {"name": "张三"}}] if manages else None
    )
    assert course["waitlistCount"] == (0 if manages else None)
    assert course["myEnrolment"] == ({"status": "ENROLLED"} if role == "worker" else None)
    assert (hidden["data"]["training"] is not None) == manages


async def test_a_markets_and_a_stations_page_list_their_courses(gql):
    cast, station, _ = await scene()

    market = await gql(MARKET, {"id": encode_id("Market", cast.market_id)})
    at_station = await gql(MARKET, {"id": encode_id("Market", station)})
    node = await gql(
        "query($id: ID!) { node(id: $id) { ... on Training { title } } }",
        {"id": encode_id("Training", 999999)},
    )

    assert market["data"]["market"]["trainings"] == [
        {"title": "叉车操作实训"},
        {"title": "电商直播创业课"},
        {"title": "养老护理员培训"},
    ]
    assert at_station["data"]["market"]["trainings"] == [{"title": "养老护理员培训"}]
    assert node == {"data": {"node": None}}
