"""Directory filters in the admin beyond a market's own columns: city, open now, demonstration."""

from __future__ import annotations

import pytest

from tables.certification import DemonstrationCertificate
from tests.fixtures.market import make_market

ALL_DAY = [(d, "00:00", "00:00") for d in range(1, 8)]  # 00:00–00:00 is the whole day


@pytest.fixture
async def directory() -> dict[str, int]:
    ids = {
        "hangzhou_open": await make_market(
            name="上城区望江综合零工市场", region_code="330102", opening_hours=ALL_DAY
        ),
        "hangzhou_closed": await make_market(
            name="西湖区文三综合零工市场", region_code="330106", opening_hours=[]
        ),
        "ningbo_open": await make_market(
            name="海曙区南门综合零工市场", region_code="330203", opening_hours=ALL_DAY
        ),
    }
    await DemonstrationCertificate.insert(
        DemonstrationCertificate(market=ids["ningbo_open"], year=2025, certificate_no="ZJSF-T-1")
    )
    return ids


async def _ids(client, **params) -> list[int]:
    response = await client.get(
        "/admin/api/tables/market/", params={**params, "__order": "id", "__page_size": 100}
    )
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["rows"]]


async def _count(client, **params) -> int:
    response = await client.get("/admin/api/tables/market/count/", params=params)
    assert response.status_code == 200, response.text
    return response.json()["count"]


async def test_markets_by_city_open_now_and_demonstration(client, staff, directory):
    d = directory
    # when staff filter by city, by open now and by both
    by_city = await _ids(client, city="330100")
    open_now = await _ids(client, open_now="true")
    closed = await _ids(client, open_now="false")
    hangzhou_open = await _ids(client, city="330100", open_now="true")
    demonstration = await _ids(client, is_demonstration="true")

    # then each list holds exactly the matching markets, and the counts agree
    assert by_city == [d["hangzhou_open"], d["hangzhou_closed"]]
    assert open_now == [d["hangzhou_open"], d["ningbo_open"]]
    assert closed == [d["hangzhou_closed"]]
    assert hangzhou_open == [d["hangzhou_open"]]
    assert demonstration == [d["ningbo_open"]]
    assert await _count(client, city="330100", open_now="true") == 1
    assert await _count(client, city="330200") == 1


async def test_the_filters_are_offered_with_chinese_titles_and_city_names(client, staff):
    schema = (await client.get("/admin/api/tables/market/schema/")).json()

    assert [n for n in schema["extra"]["visible_filter_names"] if n in schema["properties"]][
        -3:
    ] == ["city", "open_now", "is_demonstration"]
    city = schema["properties"]["city"]
    assert city["title"] == "所在设区市"
    assert city["extra"]["filter_only"] is True
    assert city["extra"]["choices"]["330100"] == {"display_name": "杭州市", "value": "330100"}
    assert len(city["extra"]["choices"]) == 11  # Zhejiang's 11 cities
    assert schema["properties"]["open_now"]["type"] == "boolean"


async def test_a_malformed_filter_value_is_a_client_error(client, staff, directory):
    response = await client.get("/admin/api/tables/market/", params={"open_now": "maybe"})
    assert response.status_code == 400
    assert response.text == "筛选值无效：maybe"
