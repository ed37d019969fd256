"""`trainingCreate`: operators at their markets and staff anywhere create a DRAFT course (（九）)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resolvers.global_ids import encode_id
from services.timeutil import now
from tables import training as t
from tests.fixtures.job_posting import ROLES, assert_denied, make_cast
from tests.fixtures.market import make_market, occupation_id
from tests.fixtures.training import make_institution, snapshot

CREATE = """
mutation($input: TrainingCreateInput!) {
  trainingCreate(input: $input) {
    training {
      title status category mode capacity enrolledCount seatsLeft fee subsidised
      provider { kind name }
      place { address region { code } location { latitude longitude } venue { id } }
      sessions { seq startsAt endsAt }
      occupation { name }
    }
    userErrors { code field message }
  }
}"""


def iso(moment) -> str:
    return moment.isoformat()


async def course_input(market_id: int, **changes) -> dict:
    start = (now() + timedelta(days=5)).replace(microsecond=0)
    value = {
        "marketId": encode_id("Market", market_id),
        "occupationId": encode_id("Occupation", await occupation_id("装卸搬运工")),
        "title": "叉车操作实训",
        "description": "两天实操",
        "category": "URGENT_SKILL",
        "mode": "OFFLINE",
        "capacity": 20,
        "fee": "120.50",
        "subsidised": True,
        "sessions": [
            {"startsAt": iso(start), "endsAt": iso(start + timedelta(hours=3))},
            {
                "startsAt": iso(start + timedelta(days=1)),
                "endsAt": iso(start + timedelta(days=1, hours=3)),
            },
        ],
        "place": {"venueId": encode_id("Market", market_id)},
    }
    return {**value, **changes}


@pytest.mark.parametrize("role", ROLES)
async def test_operators_of_the_market_and_staff_create_courses(gql, role):
    # given
    cast = await make_cast()
    data = await course_input(cast.market_id)
    before = await snapshot()

    # when
    body = await gql(CREATE, {"input": data}, token=cast.token[role])

    # then
    if role in ("operator", "staff"):
        course = body["data"]["trainingCreate"]
        assert course["userErrors"] == []
        s0, s1 = data["sessions"]
        assert course["training"] == {
            "title": "叉车操作实训",
            "status": "DRAFT",
            "category": "URGENT_SKILL",
            "mode": "OFFLINE",
            "capacity": 20,
            "enrolledCount": 0,
            "seatsLeft": 20,
            "fee": "120.50",
            "subsidised": True,
            "provider": {"kind": "OPERATOR", "name": course["training"]["provider"]["name"]},
            "place": {
                "address": course["training"]["place"]["address"],
                "region": {"code": "330102"},
                "location": {"latitude": 30.25, "longitude": 120.17},
                "venue": {"id": encode_id("Market", cast.market_id)},
            },
            "sessions": [
                {"seq": 1, "startsAt": s0["startsAt"], "endsAt": s0["endsAt"]},
                {"seq": 2, "startsAt": s1["startsAt"], "endsAt": s1["endsAt"]},
            ],
            "occupation": {"name": "装卸搬运工"},
        }
        assert course["training"]["provider"]["name"].startswith("测试运营机构")
        assert await t.TrainingCourse.count() == 1
        assert await t.TrainingSession.count() == 2
        return
    if role == "other_operator":
        assert body == {
            "data": {
                "trainingCreate": {
                    "training": None,
                    "userErrors": [
                        {
                            "code": "NOT_FOUND",
                            "field": ["marketId"],
                            "message": "零工市场不存在或不由你运营",
                        }
                    ],
                }
            }
        }
    else:
        assert_denied(body, role, "trainingCreate")
    assert await snapshot() == before


async def test_every_problem_is_reported_at_once_and_nothing_is_written(gql):
    # given
    cast = await make_cast()
    past = now() - timedelta(days=1)
    data = await course_input(
        cast.market_id,
        title=" ",
        capacity=0,
        fee="12.345",
        occupationId=encode_id("Occupation", 999999),
        sessions=[
            {"startsAt": iso(past), "endsAt": iso(past + timedelta(hours=2))},
            {"startsAt": iso(past), "endsAt": iso(past - timedelta(hours=1))},
        ],
        place={"address": "某地", "regionCode": "110101"},
    )
    before = await snapshot()

    # when
    body = await gql(CREATE, {"input": data}, token=cast.token["operator"])

    # then
    assert body["data"]["trainingCreate"]["training"] is None
    assert [(e["code"], e["field"]) for e in body["data"]["trainingCreate"]["userErrors"]] == [
        ("REQUIRED", ["title"]),
        ("INVALID_CAPACITY", ["capacity"]),
        ("INVALID_FEE", ["fee"]),
        ("INVALID_SESSIONS", ["sessions", "1", "endsAt"]),
        ("NOT_FOUND", ["occupationId"]),
        ("INVALID_REGION", ["place", "regionCode"]),
        ("INVALID_LOCATION", ["place", "location"]),
    ]
    assert await snapshot() == before


async def test_a_course_in_the_past_or_without_a_place_is_refused(gql):
    cast = await make_cast()
    past = now() - timedelta(hours=1)
    started = await course_input(
        cast.market_id,
        sessions=[{"startsAt": iso(past), "endsAt": iso(past + timedelta(hours=3))}],
    )
    nowhere = await course_input(cast.market_id, place=None)
    before = await snapshot()

    results = [
        await gql(CREATE, {"input": d}, token=cast.token["operator"]) for d in (started, nowhere)
    ]

    assert [r["data"]["trainingCreate"]["userErrors"] for r in results] == [
        [
            {
                "code": "SESSION_IN_PAST",
                "field": ["sessions", "0", "startsAt"],
                "message": "第一次课须在将来",
            }
        ],
        [
            {
                "code": "PLACE_REQUIRED",
                "field": ["place"],
                "message": "线下或线上线下结合的课程须填写上课地点",
            }
        ],
    ]
    assert await snapshot() == before


async def test_an_online_course_by_an_institution_needs_no_place(gql):
    cast = await make_cast()
    institution_id = await make_institution("杭州市测试职业技能培训学校")
    data = await course_input(
        cast.market_id,
        mode="ONLINE",
        place=None,
        fee="0",
        institutionId=encode_id("TrainingInstitution", institution_id),
    )

    body = await gql(CREATE, {"input": data}, token=cast.token["staff"])

    course = body["data"]["trainingCreate"]["training"]
    assert body["data"]["trainingCreate"]["userErrors"] == []
    assert (course["provider"], course["fee"], course["place"]) == (
        {"kind": "INSTITUTION", "name": "杭州市测试职业技能培训学校"},
        "0.00",
        {"address": None, "region": {"code": "330102"}, "location": None, "venue": None},
    )


async def test_the_venue_must_be_the_market_or_one_of_its_stations(gql):
    cast = await make_cast()
    station = await make_market(station_type="RURAL_STATION", parent_market_id=cast.market_id)
    elsewhere = await course_input(
        cast.market_id, place={"venueId": encode_id("Market", cast.other_market_id)}
    )
    at_station = await course_input(cast.market_id, place={"venueId": encode_id("Market", station)})

    refused = await gql(CREATE, {"input": elsewhere}, token=cast.token["operator"])
    accepted = await gql(CREATE, {"input": at_station}, token=cast.token["operator"])

    assert refused["data"]["trainingCreate"]["userErrors"] == [
        {
            "code": "NOT_FOUND",
            "field": ["place", "venueId"],
            "message": "上课地点须是本零工市场或其驿站",
        }
    ]
    venue = accepted["data"]["trainingCreate"]["training"]["place"]["venue"]
    assert venue == {"id": encode_id("Market", station)}


async def test_session_times_need_a_timezone(gql):
    cast = await make_cast()
    data = await course_input(
        cast.market_id,
        sessions=[{"startsAt": "2030-01-01T09:00:00", "endsAt": "2030-01-01T12:00:00"}],
    )
    before = await snapshot()

    body = await gql(CREATE, {"input": data}, token=cast.token["staff"])

    assert body["data"]["trainingCreate"]["userErrors"] == [
        {
            "code": "INVALID_TIME",
            "field": ["sessions", "0"],
            "message": "时间须带时区，例如 2026-12-01T08:00:00+08:00",
        }
    ]
    assert await snapshot() == before
