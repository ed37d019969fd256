"""The monitoring charts in Debian's chromium: from the targets dashboard to a city's charts,
picked by name, and its CSV download (issue 12, item 3)."""

from __future__ import annotations

import asyncio

import pytest

from tests.admin.conftest import PASSWORD, make_staff
from tests.fixtures.browser import ARTIFACTS, interface_english, needs_chromium, staff_page
from tests.fixtures.statistics import scene

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "statistics"


async def test_staff_open_a_citys_charts_from_the_dashboard_by_its_name():
    pytest.importorskip("playwright")
    # given February and March 2025 in 杭州市 (tests/fixtures/statistics.scene)
    await scene()
    await make_staff("wu")
    SHOTS.mkdir(parents=True, exist_ok=True)

    async with asyncio.timeout(240), staff_page("wu", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin-dashboard/targets")
        await page.get_by_role("link", name="动态监测图表").click()
        await page.get_by_role("heading", name="动态监测图表 · 浙江省").wait_for()

        await page.select_option("#scope", label="杭州市")
        await page.fill("input[name=from]", "2025-02-01")
        await page.fill("input[name=to]", "2025-03-31")
        await page.get_by_role("button", name="查看").click()
        await page.get_by_role("heading", name="动态监测图表 · 杭州市").wait_for()
        await page.screenshot(path=str(SHOTS / "city-months.png"), full_page=True)

        captions = await page.locator("figcaption").all_inner_texts()
        headcount = page.locator("figure[data-metric=headcount_demanded]")
        summary = await headcount.locator(".sum").inner_text()
        bars = await headcount.locator("svg rect").count()
        box = await headcount.locator("svg").bounding_box()
        wage = await page.locator("figure[data-metric=median_daily_wage] .sum").inner_text()
        english = await interface_english(page, {"wu"})
        async with page.expect_download() as download_info:
            await page.get_by_role("link", name="下载 CSV").click()
        download = await download_info.value
        downloaded = (await download.path()).read_text(encoding="utf-8")

    assert captions == [
        "求职登记人数（人）",
        "活跃求职人数（人）",
        "发布岗位数（个）",
        "需求人数（人）",
        "报名人次（人次）",
        "确认匹配人次（人次）",
        "到岗人次（人次）",
        "完工人次（人次）",
        "平均确认时长（小时）",
        "日工资中位数（元/天）",
        "求人倍率（倍）",
    ]
    assert summary == "本期合计 17；上期 2；变化 +15"
    assert bars == 2  # February and March
    assert box is not None and box["width"] == 480 and box["height"] == 170
    assert wage.startswith("本期合计 200.00；")
    assert english == []
    assert download.suggested_filename == "动态监测-杭州市-2025-02-01至2025-03-31-按月.csv"
    assert downloaded.startswith("\ufeff期间,起始日期,截止日期,求职登记人数（人）")
    assert "\n2025-02,2025-02-01,2025-02-28," in downloaded
