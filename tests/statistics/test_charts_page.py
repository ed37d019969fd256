"""The staff monitoring charts over HTTP: the same figures as `marketStatistics`, the same
series as CSV, the admin session and the staff member's region required, Chinese refusals."""

from __future__ import annotations

import csv
import io
import itertools
import re
from html import unescape

import httpx
import pytest

from admin.statistics.charts import _chunks
from resolvers.global_ids import encode_id
from tables.auth import StaffScope
from tables.region import Region
from tests.admin.conftest import PASSWORD, make_staff
from tests.fixtures.account import staff_token
from tests.fixtures.market import make_market
from tests.fixtures.statistics import QUERY, scene

PAGE = "/admin-dashboard/statistics"
CSV = "/admin-dashboard/statistics.csv"
# The page's figure keys and the API's field names, in the page's order.
FIELDS = {
    "job_seekers_registered": "jobSeekersRegistered",
    "job_seekers_active": "jobSeekersActive",
    "postings_published": "postingsPublished",
    "headcount_demanded": "headcountDemanded",
    "applications": "applications",
    "matches_confirmed": "matchesConfirmed",
    "workers_onboarded": "workersOnboarded",
    "completed": "completed",
    "average_hours_to_confirm": "averageHoursToConfirm",
    "median_daily_wage": "medianDailyWage",
    "supply_demand_ratio": "supplyDemandRatio",
}
_CELL = re.compile(r'<td data-period="([^"]+)" data-metric="([a-z_]+)">([^<]*)</td>')
_addresses = itertools.count(1)


@pytest.fixture
async def browser(app):
    """A client from its own address (the admin's login limiter counts per address)."""
    n = next(_addresses)
    transport = httpx.ASGITransport(app=app, client=(f"10.77.{n % 250}.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def signed_in(
    client, username: str, region_code: str | None = None, read_only: bool = False
) -> None:
    user_id = await make_staff(username)
    if region_code is not None:
        region = await Region.select(Region.id).where(Region.code == region_code).first()
        await StaffScope.insert(StaffScope(user=user_id, region=region["id"], read_only=read_only))
    await client.get("/admin/")
    response = await client.post(
        "/admin/public/login/",
        json={"username": username, "password": PASSWORD},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    assert response.status_code == 200, response.text


def shown(value) -> str:
    """What the page shows for an API value."""
    return "—（无数据）" if value is None else str(value)


def page_cells(html: str) -> dict[tuple[str, str], str]:
    return {(p, m): unescape(v) for p, m, v in _CELL.findall(html)}


def api_cells(stats: dict) -> dict[tuple[str, str], str]:
    cells = {}
    for period in stats["series"]:
        for key, field in FIELDS.items():
            cells[(period["period"], key)] = shown(period["figures"][field])
    for key, field in FIELDS.items():
        cells[("合计", key)] = shown(stats["total"][field])
    return cells


async def statistics(gql, variables: dict) -> dict:
    body = await gql(QUERY, variables, token=await staff_token())
    return body["data"]["marketStatistics"]


@pytest.mark.parametrize(
    ("scope", "where", "start", "end", "granularity"),
    [
        ("region:330100", {"regionCode": "330100"}, "2025-02-01", "2025-03-31", "MONTH"),
        ("province", None, "2025-01-01", "2025-04-30", "MONTH"),
        ("region:330102", {"regionCode": "330102"}, "2025-02-24", "2025-03-09", "WEEK"),
        ("market", "market", "2025-02-27", "2025-03-02", "DAY"),
    ],
)
async def test_the_page_shows_the_figures_market_statistics_returns(
    browser, gql, scope, where, start, end, granularity
):
    s = await scene()
    if scope == "market":
        scope, where = f"market:{s.market_id}", {"marketId": encode_id("Market", s.market_id)}
    await signed_in(browser, "zhao")
    params = {"scope": scope, "from": start, "to": end, "granularity": granularity}

    response = await browser.get(PAGE, params=params)
    stats = await statistics(
        gql, {"from": start, "to": end, "granularity": granularity, "where": where}
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert page_cells(response.text) == api_cells(stats)
    assert stats["suppressed"] is False
    html = response.text
    assert html.count('<svg class="chart"') == len(FIELDS)
    for title in ("发布岗位数", "需求人数", "活跃求职人数", "确认匹配人次", "到岗人次", "完工人次"):
        assert f"<figcaption>{title}（" in html
    assert "<figcaption>日工资中位数（元/天）</figcaption>" in html
    assert "<figcaption>求人倍率（倍）</figcaption>" in html
    assert "来源：平台业务记录" in html
    assert "口径：求人倍率 = 需求人数 ÷ 活跃求职人数" in html
    assert "<script" not in html
    assert "http://" not in html and "https://" not in html  # nothing loaded from outside


async def test_a_city_month_reads_as_a_person_sees_it(browser):
    await scene()
    await signed_in(browser, "qian")

    response = await browser.get(
        PAGE, params={"scope": "region:330100", "from": "2025-02-10", "to": "2025-03-05"}
    )

    html = response.text
    assert "<h1>动态监测图表 · 杭州市</h1>" in html
    assert (
        "统计范围：设区市 杭州市；期间：\n2025-02-01 至 2025-03-31（按月，\n2 期，北京时间）"
        in html
    )
    assert '<option value="region:330100" selected>杭州市</option>' in html
    assert '<optgroup label="杭州市的零工市场">' in html  # its markets, picked by name
    assert '<b data-total="headcount_demanded">17</b>' in html
    assert '<b data-total="median_daily_wage">200.00</b>' in html
    # 2025-02 in bars: 12 of an axis up to 20 is 76.8 of the 128 pixels, from y = 63.2
    assert 'y="63.2" width="147" height="76.8"' in html
    assert 'href="/admin-dashboard/statistics.csv?scope=region%3A330100&amp;from=2025-02-10' in html


async def test_the_csv_streams_the_same_series_with_a_bom(browser, gql):
    s = await scene()
    await signed_in(browser, "sun")
    params = {"scope": f"market:{s.market_id}", "from": "2025-02-01", "to": "2025-03-31"}

    response = await browser.get(CSV, params={**params, "granularity": "MONTH"})
    stats = await statistics(
        gql,
        {
            "from": "2025-02-01",
            "to": "2025-03-31",
            "granularity": "MONTH",
            "where": {"marketId": encode_id("Market", s.market_id)},
        },
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["期间", "起始日期", "截止日期", "求职登记人数（人）"]
    assert rows[0][-2:] == ["日工资中位数（元/天）", "求人倍率（倍）"]

    def api_row(label: str, first: str, last: str, figures: dict) -> list[str]:
        values = [figures[field] for field in FIELDS.values()]
        return [label, first, last, *["" if v is None else str(v) for v in values]]

    assert rows[1:] == [
        *[api_row(p["period"], p["startsOn"], p["endsOn"], p["figures"]) for p in stats["series"]],
        api_row("合计", stats["from"], stats["to"], stats["total"]),
    ]


async def test_csv_cells_cannot_start_a_formula():
    chunks = [c async for c in _chunks([["=HYPERLINK(1)", "-3", "12"]])]

    assert chunks == ["\ufeff", "'=HYPERLINK(1),'-3,12\r\n"]


async def test_without_an_admin_session_both_addresses_redirect_to_the_login(browser):
    for path in (PAGE, CSV):
        response = await browser.get(path, params={"scope": "province"})
        assert (response.status_code, response.headers["location"]) == (303, "/admin/")


async def test_city_staff_see_their_city_and_are_refused_another(browser):
    await signed_in(browser, "hz_staff", region_code="330100")
    ningbo_market = await make_market(name="海曙区南门综合零工市场", region_code="330203")
    hangzhou_market = await make_market(name="上城区望江综合零工市场", region_code="330102")

    own = await browser.get(PAGE, params={"from": "2025-01-01", "to": "2025-12-31"})
    county = await browser.get(PAGE, params={"scope": "region:330102"})
    market = await browser.get(PAGE, params={"scope": f"market:{hangzhou_market}"})
    refused = {
        scope: [
            (r.status_code, r.text)
            for r in [
                await browser.get(PAGE, params={"scope": scope}),
                await browser.get(CSV, params={"scope": scope}),
            ]
        ]
        for scope in ("region:330200", "province", f"market:{ningbo_market}", "region:330203")
    }

    assert own.status_code == 200
    assert "<h1>动态监测图表 · 杭州市</h1>" in own.text
    assert "管辖范围：杭州市" in own.text
    assert ">宁波市<" not in own.text and ">浙江省<" not in own.text  # not offered either
    assert '<option value="region:330102">上城区</option>' in own.text
    assert "海曙区南门综合零工市场" not in own.text
    assert (county.status_code, market.status_code) == (200, 200)
    names = {"region:330200": "宁波市", "province": "浙江省", "region:330203": "海曙区"}
    names[f"market:{ningbo_market}"] = "海曙区南门综合零工市场"
    for scope, answers in refused.items():
        for status, text in answers:
            assert status == 403
            assert f"您的管辖范围是杭州市，不能查看{names[scope]}的统计。" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2025-13-01"}, "起始日期须为 YYYY-MM-DD 格式的日期，例如 2025-01-01。"),
        ({"to": "明天"}, "截止日期须为 YYYY-MM-DD 格式的日期"),
        ({"granularity": "YEAR"}, "统计粒度须为按月、按周或按日（MONTH、WEEK、DAY）。"),
        ({"from": "2025-03-01", "to": "2025-02-01"}, "起始日期：须不晚于 截止日期"),
        ({"from": "1999-12-31", "to": "2000-01-31"}, "起始日期：须不早于 2000-01-01"),
        (
            {"from": "2024-01-01", "to": "2025-06-30", "granularity": "DAY"},
            "截止日期：按日序列最多 366 期，请缩短 起始日期 至 截止日期 的范围或改用更长的粒度",
        ),
        ({"scope": "region:999999"}, "统计范围：999999 不是浙江省的行政区划代码。"),
        ({"scope": "region:3301"}, "统计范围须从列表中选择"),
        ({"scope": "market:987654"}, "统计范围：所选零工市场不存在。"),
        ({"scope": "market:99999999999999999999999"}, "统计范围须从列表中选择"),
        ({"scope": "330100"}, "统计范围须从列表中选择"),
    ],
)
async def test_bad_parameters_are_a_400_in_chinese(browser, params, message):
    await signed_in(browser, "li")

    page = await browser.get(PAGE, params=params)
    download = await browser.get(CSV, params=params)

    for response in (page, download):
        assert response.status_code == 400
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert message in unescape(response.text)
        assert "返回动态监测图表" in response.text


@pytest.mark.parametrize(
    ("region_code", "read_only", "statuses"),
    [
        (None, False, {"province": 200, "region:330100": 200, "region:330106": 200}),
        ("330106", False, {"province": 403, "region:330100": 403, "region:330106": 200}),
        ("330100", True, {"province": 403, "region:330100": 200, "region:330106": 200}),
    ],
)
async def test_province_county_and_read_only_staff(browser, region_code, read_only, statuses):
    await signed_in(browser, "ma", region_code, read_only)

    seen = {
        scope: (await browser.get(PAGE, params={"scope": scope})).status_code for scope in statuses
    }
    default = await browser.get(PAGE)

    assert seen == statuses
    name = {None: "浙江省", "330106": "西湖区", "330100": "杭州市"}[region_code]
    assert f"<h1>动态监测图表 · {name}</h1>" in default.text


async def test_the_targets_dashboard_and_the_admin_menu_link_to_the_charts(browser):
    await signed_in(browser, "zhou")

    response = await browser.get("/admin-dashboard/targets")
    links = await browser.get("/admin/api/links/")

    assert '<a href="/admin-dashboard/statistics">动态监测图表</a>' in response.text
    assert links.json() == {
        "目标进度看板": "/admin-dashboard/targets",
        "动态监测图表": "/admin-dashboard/statistics",
    }
