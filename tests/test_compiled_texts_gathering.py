"""The register of gathering places' text plan (resolvers/rights_case/texts.py): GatheringPlaces,
signed in as staff or as an operator (who sees only its own markets' incidents), byte-identical
to the generic executor; everyone else keeps the generic executor."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from resolvers.global_ids import encode_id
from services.db import current_engine
from tables import rights_case as rc
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.market import make_market, make_operator, region_id
from tests.fixtures.worker import make_worker
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

LATE = datetime(2026, 11, 30, 23, 59, 59, 999999, tzinfo=UTC)
P = rc.GatheringPlace


async def _place(region: str, market: int | None, at: datetime, **columns: Any) -> int:
    rows = await P.insert(
        P(region=await region_id(region), market=market, recorded_by=1, **columns)
    ).returning(P.id)
    await P.update({P.created_at: at, P.updated_at: at}).where(P.id == rows[0]["id"])
    return rows[0]["id"]


async def _incident(place: int, market: int, at: datetime, **columns: Any) -> int:
    rows = await rc.RightsCase.insert(
        rc.RightsCase(
            market=market, gathering_place=place, kind=columns.pop("kind", "GATHERING"),
            summary="占道聚集", opened_at=at, **columns,
        )
    ).returning(rc.RightsCase.id)  # fmt: skip
    return rows[0]["id"]


async def _edge_places() -> dict[str, Any]:
    """Places in 上城区 and 西湖区, with and without a market and a position, with every string
    writer's edge, doubles with 17 digits, ties in recording time broken by id; incidents of
    two operators' markets, ties in filing time, microseconds late in the UTC day, and one
    place with more incidents than are shown."""
    mine, theirs = await make_operator(), await make_operator()
    market = await make_market(name='上城区"引号\\😀零工市场', operator_id=mine)
    other = await make_market(
        name="西湖区文三综合零工市场", operator_id=theirs, region_code="330106"
    )
    busy = await _place(
        "330102", market, LATE,
        name='望江路"立交\\桥下', address="换行\u2028地址😀", typical_hours="6:00-8:00\t早",
        typical_size=35, measures="控制\u0007字符", latitude=30.123456789012345,
        longitude=120.17,
    )  # fmt: skip
    tie = await _place("330102", None, LATE, name="秋涛路口", address="", status="CLEARED")
    half = await _place("330106", other, LATE - timedelta(days=1), name="半个坐标", address="x",
                        latitude=30.0)  # fmt: skip
    crowded = await _place("330106", other, datetime(2026, 1, 1, tzinfo=UTC), name="人多",
                           address="y", typical_size=0, longitude=-0.0, latitude=0.0)  # fmt: skip
    await _incident(busy, market, LATE)
    await _incident(busy, other, LATE)  # a tie: the larger id first
    await _incident(busy, market, LATE - timedelta(microseconds=1), status="CLOSED")
    await _incident(busy, other, datetime(2026, 11, 30, 16, 0, tzinfo=UTC), kind="WAGE_ARREARS")
    start = datetime(2026, 6, 1, 8, 0, 0, 123456, tzinfo=UTC)
    for i in range(102):
        await _incident(crowded, other if i % 2 else market, start + timedelta(minutes=i % 97))
    return {
        "places": [busy, tie, half, crowded],
        "staff": await staff_token(),
        "mine": await operator_token(mine),
        "theirs": await operator_token(theirs),
        "worker": (await make_worker(name="旁人"))[1],
    }


FILTERS: list[dict] = [
    {"regionCode": "330102"},
    {"regionCode": "330100"},
    {"regionCode": "330106", "first": 1},
    {"status": ["ACTIVE"]},
    {"status": ["CLEARED"]},
    {"status": []},
    {"regionCode": "330108"},  # nothing there: an empty page
]
REFUSED: list[dict] = [*BAD_PAGES, {"regionCode": "33"}, {"status": ["NOPE"]}]


async def test_the_gathering_places_are_written_as_graphql_core_writes_them_for_each_reader(
    client, app, monkeypatch
):
    # given
    scene = await _edge_places()
    paths = _SignedInPaths(client, app, "GatheringPlaces", monkeypatch)
    answering = [*PAGE_SIZES, *FILTERS]

    # when staff send every variant and walk the pages; the others send them too
    for variables in [*answering, *REFUSED]:
        await paths.both(variables, scene["staff"])
    walked = await paths.walk("gatheringPlaces", {}, scene["staff"], 3)
    for reader in ("mine", "theirs", "worker"):
        for variables in answering:
            await paths.both(variables, scene[reader])
    for bearer in ("not-a-token", None):
        await paths.both({}, bearer)

    # then the same bytes everywhere; the text plan answered staff and both operators, each
    # with the incidents it may see, and nobody else
    assert len(walked) == 2
    assert paths.differences == {}
    operators = [("OPERATOR", v) for _ in ("mine", "theirs") for v in answering]
    assert paths.answered == [*(("STAFF", v) for v in [*answering, *walked]), *operators]
    page = json.loads(await paths.both({"first": 100}, scene["staff"]))["data"]["gatheringPlaces"]
    busy, tie, half, crowded = scene["places"]
    ids = [encode_id("GatheringPlace", p) for p in (tie, busy, half, crowded)]
    assert [n["id"] for n in page["nodes"]] == ids
    nodes = page["nodes"]
    assert nodes[1]["location"] == {"latitude": 30.123456789012345, "longitude": 120.17}
    assert nodes[2]["location"] is None and nodes[0]["market"] is None
    assert nodes[3]["location"] == {"latitude": 0.0, "longitude": -0.0}
    assert len(nodes[3]["incidents"]) == 100
    assert [i["status"] for i in nodes[1]["incidents"]][:3] == ["FILED", "FILED", "CLOSED"]
    assert nodes[1]["incidents"][0]["filedAt"] == "2026-11-30T23:59:59.999999+00:00"
    mine = json.loads(await paths.both({"first": 100}, scene["mine"]))["data"]["gatheringPlaces"]
    theirs = json.loads(await paths.both({"first": 100}, scene["theirs"]))["data"]
    # of the crowded place's first 100 incidents, each operator's own markets' half
    assert [len(p["incidents"]) for p in mine["nodes"]] == [0, 2, 0, 50]
    assert [len(p["incidents"]) for p in theirs["gatheringPlaces"]["nodes"]] == [0, 2, 0, 50]


async def test_odd_incidents_are_left_to_the_generic_executor(client, app, monkeypatch):
    """An incident the generic executor fails to convert (a department nobody knows), and on
    SQLite one filed at a time stored with another offset: pages holding their place are the
    generic executor's; the same bytes."""
    market = await make_market(operator_id=await make_operator())
    plain = await _place("330102", market, LATE, name="甲", address="a")
    odd = await _place("330106", market, LATE, name="乙", address="b")
    shifted = await _place("330108", market, LATE, name="丙", address="c")
    await _incident(plain, market, LATE)
    case = await _incident(odd, market, LATE)
    await rc.RightsCase.update({rc.RightsCase.department: "NOPE"}).where(rc.RightsCase.id == case)
    shifted_case = await _incident(shifted, market, LATE)
    sqlite = current_engine().engine_type == "sqlite"
    if sqlite:  # the same moment, written with Shanghai's offset
        await rc.RightsCase.raw(
            "UPDATE rights_case SET opened_at = '2026-12-01 07:59:59.999999+08:00' WHERE id = {}",
            shifted_case,
        )
    paths = _SignedInPaths(client, app, "GatheringPlaces", monkeypatch)
    token = await staff_token()
    sent = [{"regionCode": code} for code in ("330102", "330106", "330108")]

    bodies = [json.loads(await paths.both(v, token)) for v in sent]

    assert paths.differences == {}
    assert bodies[1]["data"] is None  # the generic executor fails on the department
    assert [v for _, v in paths.answered] == [sent[0]] + ([] if sqlite else [sent[2]])
