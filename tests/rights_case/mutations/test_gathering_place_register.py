"""`gatheringPlaceRegister` / `gatheringPlaceUpdate`: the register of roadside gathering places
(零散聚集点, （十七））, kept by staff; incidents are cases filed at a place."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from tables import rights_case as t
from tables.audit import AuditLog
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.rights_case import snapshot

REGISTER = """
mutation($input: GatheringPlaceInput!) {
  gatheringPlaceRegister(input: $input) {
    gatheringPlace {
      id name address typicalHours typicalSize measures status
      region { code } market { id } location { latitude longitude }
    }
    userErrors { code field message }
  }
}"""
UPDATE = """
mutation($id: ID!, $input: GatheringPlaceInput!) {
  gatheringPlaceUpdate(id: $id, input: $input) {
    gatheringPlace { measures status typicalSize }
    userErrors { code field message }
  }
}"""
FILE = """
mutation($input: RightsCaseFileInput!) {
  rightsCaseFile(input: $input) {
    rightsCase { department place { address } market { id } gatheringPlace { name } }
    userErrors { code field message }
  }
}"""
PLACES = """
query($regionCode: String, $status: [GatheringStatus!]) {
  gatheringPlaces(regionCode: $regionCode, status: $status) {
    totalCount nodes { name incidents { kind summary } }
  }
}"""


def place(cast, **extra) -> dict:
    return {
        "name": "望江路立交桥下",
        "address": "杭州市上城区望江路与秋涛路交叉口",
        "regionCode": "330102",
        "marketId": encode_id("Market", cast.market_id),
        "location": {"latitude": 30.24, "longitude": 120.18},
        "typicalHours": "每日 5:00–8:00",
        "typicalSize": 30,
        "measures": "张贴零工市场指引，每日早班劝导进入市场",
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
async def test_only_staff_register_a_place(gql, role):
    cast = await make_cast()
    before = await snapshot()

    body = await gql(REGISTER, {"input": place(cast)}, token=cast.token[role])

    if role == "staff":
        registered = body["data"]["gatheringPlaceRegister"]
        row = await t.GatheringPlace.select(t.GatheringPlace.id).first()
        assert registered == {
            "gatheringPlace": {
                "id": encode_id("GatheringPlace", row["id"]),
                "name": "望江路立交桥下",
                "address": "杭州市上城区望江路与秋涛路交叉口",
                "typicalHours": "每日 5:00–8:00",
                "typicalSize": 30,
                "measures": "张贴零工市场指引，每日早班劝导进入市场",
                "status": "ACTIVE",
                "region": {"code": "330102"},
                "market": {"id": encode_id("Market", cast.market_id)},
                "location": {"latitude": 30.24, "longitude": 120.18},
            },
            "userErrors": [],
        }
        assert await AuditLog.count().where(AuditLog.action == "gathering_place.register") == 1
        return
    assert_denied(body, role, "gatheringPlaceRegister")
    assert await snapshot() == before


async def test_bad_input_is_refused_at_once_and_nothing_is_written(gql):
    cast = await make_cast()
    before = await snapshot()

    body = await gql(
        REGISTER,
        {
            "input": place(
                cast,
                name=" ",
                regionCode="110101",
                typicalSize=-1,
                marketId="???",
                location={"latitude": 39.9, "longitude": 116.4},
            )
        },
        token=cast.token["staff"],
    )

    assert body["data"]["gatheringPlaceRegister"] == {
        "gatheringPlace": None,
        "userErrors": [
            {"code": "REQUIRED", "field": ["name"], "message": "请填写此项"},
            {
                "code": "INVALID_REGION",
                "field": ["regionCode"],
                "message": "请填写浙江省县（市、区）六位区划代码",
            },
            {
                "code": "INVALID_SIZE",
                "field": ["typicalSize"],
                "message": "聚集人数须为 0 到 10000",
            },
            {"code": "INVALID_LOCATION", "field": ["location"], "message": "位置不在浙江省范围内"},
            {"code": "NOT_FOUND", "field": ["marketId"], "message": "零工市场不存在"},
        ],
    }
    assert await snapshot() == before
    assert await t.GatheringPlace.count() == 0


async def test_measures_incidents_and_the_register_for_operators(gql):
    # given: a registered place
    cast = await make_cast()
    staff = cast.token["staff"]
    registered = await gql(REGISTER, {"input": place(cast)}, token=staff)
    gid = registered["data"]["gatheringPlaceRegister"]["gatheringPlace"]["id"]

    # when: an incident is reported there, then staff record that it was cleared
    incident = await gql(
        FILE,
        {
            "input": {
                "kind": "SAFETY",
                "summary": "有人在聚集点强收“介绍费”",
                "gatheringPlaceId": gid,
            }
        },
        token=cast.token["worker"],
    )
    updated = await gql(
        UPDATE,
        {"id": gid, "input": place(cast, status="CLEARED", typicalSize=0, measures="已疏导入市场")},
        token=staff,
    )
    listed = await gql(PLACES, {"regionCode": "330100"}, token=cast.token["operator"])
    active = await gql(PLACES, {"status": ["ACTIVE"]}, token=staff)

    # then
    assert incident["data"]["rightsCaseFile"] == {
        "rightsCase": {
            "department": "PUBLIC_SECURITY",
            "place": {"address": "杭州市上城区望江路与秋涛路交叉口"},
            "market": {"id": encode_id("Market", cast.market_id)},
            "gatheringPlace": {"name": "望江路立交桥下"},
        },
        "userErrors": [],
    }
    assert updated["data"]["gatheringPlaceUpdate"] == {
        "gatheringPlace": {"measures": "已疏导入市场", "status": "CLEARED", "typicalSize": 0},
        "userErrors": [],
    }
    assert listed["data"]["gatheringPlaces"] == {
        "totalCount": 1,
        "nodes": [
            {
                "name": "望江路立交桥下",
                "incidents": [{"kind": "SAFETY", "summary": "有人在聚集点强收“介绍费”"}],
            }
        ],
    }
    assert active["data"]["gatheringPlaces"] == {"totalCount": 0, "nodes": []}
    # in chain order: PostgreSQL returns rows in no particular order without ORDER BY
    audit = (
        await AuditLog.select(AuditLog.action)
        .where(AuditLog.entity_type == "gathering_place")
        .order_by(AuditLog.id)
    )
    assert [a["action"] for a in audit] == ["gathering_place.register", "gathering_place.update"]


async def test_workers_and_employers_do_not_see_the_register(gql):
    cast = await make_cast()
    for role in ("worker", "employer", "anonymous"):
        body = await gql(PLACES, {}, token=cast.token[role])
        assert_denied(body, role, "gatheringPlaces")
