"""`regions`: Zhejiang's divisions, checked against the reference CSV files they are loaded from."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "tables" / "data"
REGIONS = """query($parentCode: String) {
  regions(parentCode: $parentCode) { code name level parentCode isMountainOrIsland }
}"""


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


DIVISIONS = _csv("zhejiang_divisions.csv")
FLAGGED = {r["code"] for r in _csv("mountain_island_counties.csv")}


def expected_children(parent_code: str) -> list[dict]:
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "level": r["level"].upper(),
            "parentCode": parent_code,
            "isMountainOrIsland": r["code"] in FLAGGED,
        }
        for r in sorted(DIVISIONS, key=lambda r: r["code"])
        if r["parent_code"] == parent_code
    ]


async def test_regions_without_parent_is_the_province(gql):
    body = await gql(REGIONS)

    assert body == {
        "data": {
            "regions": [
                {
                    "code": "330000",
                    "name": "浙江省",
                    "level": "PROVINCE",
                    "parentCode": None,
                    "isMountainOrIsland": False,
                }
            ]
        }
    }


async def test_regions_of_the_province_are_its_11_cities(gql):
    body = await gql(REGIONS, {"parentCode": "330000"})

    cities = body["data"]["regions"]
    assert body == {"data": {"regions": expected_children("330000")}}
    assert [c["name"] for c in cities] == [
        "杭州市",
        "宁波市",
        "温州市",
        "嘉兴市",
        "湖州市",
        "绍兴市",
        "金华市",
        "衢州市",
        "舟山市",
        "台州市",
        "丽水市",
    ]
    assert {c["level"] for c in cities} == {"PREFECTURE"}


async def test_regions_of_a_city_are_its_counties(gql):
    body = await gql(REGIONS, {"parentCode": "330100"})

    assert body == {"data": {"regions": expected_children("330100")}}
    assert len(body["data"]["regions"]) == 13
    assert body["data"]["regions"][:2] == [
        {
            "code": "330102",
            "name": "上城区",
            "level": "DISTRICT",
            "parentCode": "330100",
            "isMountainOrIsland": False,
        },
        {
            "code": "330105",
            "name": "拱墅区",
            "level": "DISTRICT",
            "parentCode": "330100",
            "isMountainOrIsland": False,
        },
    ]


async def test_regions_every_city_lists_exactly_its_counties_90_in_all(gql):
    # given
    cities = (await gql(REGIONS, {"parentCode": "330000"}))["data"]["regions"]
    total = 0

    for city in cities:
        # when
        body = await gql(REGIONS, {"parentCode": city["code"]})

        # then
        expected = expected_children(city["code"])
        assert body == {"data": {"regions": expected}}, city["name"]
        assert expected, city["name"]
        total += len(expected)

    assert total == 90
    assert sum(1 for r in DIVISIONS if r["level"] in ("district", "county_city", "county")) == 90


async def test_regions_flag_mountain_and_island_counties(gql):
    hangzhou = (await gql(REGIONS, {"parentCode": "330100"}))["data"]["regions"]
    zhoushan = (await gql(REGIONS, {"parentCode": "330900"}))["data"]["regions"]

    flagged = {r["name"] for r in hangzhou + zhoushan if r["isMountainOrIsland"]}
    assert {
        "code": "330127",
        "name": "淳安县",
        "level": "COUNTY",
        "parentCode": "330100",
        "isMountainOrIsland": True,
    } in hangzhou
    assert flagged == {"淳安县", "定海区", "普陀区", "岱山县", "嵊泗县"}


async def test_regions_of_a_county_or_an_unknown_code_are_empty(gql):
    for code in ["330102", "330127", "110000", "999999", " 330102 "]:
        assert await gql(REGIONS, {"parentCode": code}) == {"data": {"regions": []}}, code


async def test_regions_with_malformed_parent_code_is_rejected(gql):
    for code in ["", "3301", "杭州市", "３３００００", "330000\u0000"]:
        body = await gql(REGIONS, {"parentCode": code})

        assert body == {
            "data": None,
            "errors": [
                {
                    "message": "parentCode：须为 6 位行政区划代码（GB/T 2260），例如 330106",
                    "locations": [{"line": 2, "column": 3}],
                    "path": ["regions"],
                    "extensions": {"code": "BAD_USER_INPUT", "field": ["parentCode"]},
                }
            ],
        }, code
