"""`workerProfileUpdate`: the signed-in worker's 求职登记, with sensitive data encrypted."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.crypto import decrypt
from tables.worker import Worker
from tests.fixtures.account import next_resident_id
from tests.fixtures.job_posting import ROLES, make_cast, snapshot
from tests.fixtures.market import occupation_id
from tests.fixtures.worker import make_worker

UPDATE = """
mutation($input: WorkerProfileUpdateInput!) {
  workerProfileUpdate(input: $input) {
    worker {
      name residentId residentIdMasked birthYear occupations { name } homeRegion { code }
      location { latitude longitude } availability assistanceCategories prioritised
    }
    userErrors { code field message }
  }
}"""


async def test_the_worker_completes_their_profile(gql):
    # given
    _, token = await make_worker(name="张三")
    resident_id = next_resident_id(born="19680305")
    cook = encode_id("Occupation", await occupation_id("中式烹调师"))

    # when
    body = await gql(
        UPDATE,
        {
            "input": {
                "name": "张三丰",
                "residentId": resident_id.lower(),
                "occupationIds": [cook],
                "homeRegionCode": "330106",
                "location": {"latitude": 30.27, "longitude": 120.13},
                "availability": "工作日白天",
                "assistanceCategories": ["OLDER", "LONG_WAITING"],
            }
        },
        token=token,
    )

    # then
    assert body == {
        "data": {
            "workerProfileUpdate": {
                "worker": {
                    "name": "张三丰",
                    "residentId": resident_id,
                    "residentIdMasked": resident_id[:3] + "*" * 11 + resident_id[-4:],
                    "birthYear": 1968,
                    "occupations": [{"name": "中式烹调师"}],
                    "homeRegion": {"code": "330106"},
                    "location": {"latitude": 30.27, "longitude": 120.13},
                    "availability": "工作日白天",
                    "assistanceCategories": ["LONG_WAITING", "OLDER"],
                    "prioritised": True,
                },
                "userErrors": [],
            }
        }
    }
    row = await Worker.select().first()
    # sensitive values are ciphertext at rest; only the derived flag is plain
    assert resident_id not in str(row) and "OLDER" not in str(row)
    assert decrypt(row["resident_id_encrypted"]) == resident_id
    assert row["prioritised"] is True and row["version"] == 2


async def test_omitted_fields_are_kept_and_null_clears(gql):
    # given
    _, token = await make_worker(
        name="张三", location=(30.2, 120.1), assistance=("DISABLED",), availability="周末"
    )

    # when
    body = await gql(UPDATE, {"input": {"location": None, "assistanceCategories": []}}, token=token)

    # then
    worker = body["data"]["workerProfileUpdate"]["worker"]
    assert (worker["name"], worker["availability"], worker["location"]) == ("张三", "周末", None)
    assert (worker["assistanceCategories"], worker["prioritised"]) == ([], False)


async def test_invalid_input_reports_every_problem_and_changes_nothing(gql):
    # given
    _, token = await make_worker()
    before = await snapshot()

    # when
    body = await gql(
        UPDATE,
        {
            "input": {
                "name": "",
                "residentId": "330102199902300011",
                "occupationIds": ["nonsense"],
                "homeRegionCode": "330100",
                "location": {"latitude": 39.9, "longitude": 116.4},
                "availability": "早" * 201,
            }
        },
        token=token,
    )

    # then
    assert body == {
        "data": {
            "workerProfileUpdate": {
                "worker": None,
                "userErrors": [
                    {"code": "REQUIRED", "field": ["name"], "message": "请填写姓名或名称"},
                    {
                        "code": "INVALID_RESIDENT_ID",
                        "field": ["residentId"],
                        "message": "公民身份号码无效（校验位或出生日期不符）",
                    },
                    {"code": "NOT_FOUND", "field": ["occupationIds"], "message": "工种不存在"},
                    {
                        "code": "INVALID_REGION",
                        "field": ["homeRegionCode"],
                        "message": "请填写浙江省县（市、区）六位区划代码",
                    },
                    {
                        "code": "INVALID_LOCATION",
                        "field": ["location"],
                        "message": "位置不在浙江省范围内",
                    },
                    {"code": "TOO_LONG", "field": ["availability"], "message": "不超过 200 个字"},
                ],
            }
        }
    }
    assert await snapshot() == before


async def test_a_resident_id_belongs_to_one_worker(gql):
    # given
    resident_id = next_resident_id()
    await make_worker(resident_id=resident_id)
    _, token = await make_worker()
    before = await snapshot()

    # when
    body = await gql(UPDATE, {"input": {"residentId": resident_id}}, token=token)

    # then
    assert body["data"]["workerProfileUpdate"]["userErrors"] == [
        {
            "code": "RESIDENT_ID_TAKEN",
            "field": ["residentId"],
            "message": "该身份证号已被其他求职登记使用",
        }
    ]
    assert await snapshot() == before


@pytest.mark.parametrize("role", ROLES)
async def test_only_a_worker_updates_a_profile(gql, role):
    # given
    cast = await make_cast()
    before = await snapshot()

    # when
    body = await gql(UPDATE, {"input": {"availability": "随时"}}, token=cast.token[role])

    # then
    if role == "worker":
        assert body["data"]["workerProfileUpdate"]["worker"]["availability"] == "随时"
        return
    expected = "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN"
    assert body["data"] is None and body["errors"][0]["extensions"] == {"code": expected}
    assert await snapshot() == before
