"""Staff publish the market list (（二十）) from the admin and find it in the publication record,
in Debian's chromium (issue 12, item 4)."""

from __future__ import annotations

import asyncio

import pytest

from tables import market as t
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.market import make_market

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "market"
PASSWORD = "Passw0rd!x"


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def _submit(page) -> str:
    try:
        # Publishing writes the whole list and its file: allow for a loaded CI machine.
        return await submit_form(page, timeout_ms=45_000)
    except Exception:
        await _shot(page, "submit-failed")
        raise


async def test_staff_publish_the_list_once_and_see_it_in_the_record():
    pytest.importorskip("playwright")
    # given two markets and a station in the directory
    staff = await make_staff("zhou")
    first = await make_market(name="上城区望江综合零工市场")
    await make_market(name="拱墅区城北综合零工市场", region_code="330105")
    await make_market(
        name="上城区近江零工驿站", station_type="RURAL_STATION", parent_market_id=first
    )

    async with asyncio.timeout(240), staff_page("zhou", PASSWORD) as (page, base):
        # when staff open the form, publish, then publish again without a change
        await page.goto(f"{base}/admin/#/forms/directory-publish/")
        await page.get_by_text("清单未变化也发布新一期").wait_for()
        form_english = await interface_english(page, {"zhou"})
        await _shot(page, "publish-form")
        published = await _submit(page)
        await page.reload()  # the form again, as a person opening it anew
        await page.get_by_text("清单未变化也发布新一期").wait_for()
        repeated = await _submit(page)
        await _shot(page, "publish-repeated")
        # and open the publication record
        (kept,) = await t.DirectoryPublication.select()
        await page.goto(f"{base}/admin/#/directory_publication")
        row = page.locator("tr", has_text=str(kept["byte_size"]))
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        header = await page.locator("thead").first.inner_text()
        listed = await row.inner_text()
        list_english = await interface_english(page, {"zhou"})
        await _shot(page, "publication-record")

    # then one publication, by this staff member, shown in Chinese
    assert await t.DirectoryPublication.count() == 1
    assert published == (
        f"已发布第 {kept['id']} 期：零工市场 2 家，驿站和超市 1 个；"
        f"下载地址 /exports/markets/publications/{kept['id']}.csv"
    )
    assert repeated == (
        f"清单未变化，未重复发布（仍为第 {kept['id']} 期）：零工市场 2 家，驿站和超市 1 个；"
        f"下载地址 /exports/markets/publications/{kept['id']}.csv"
    )
    assert kept["published_by"] == staff
    for title in ("期号", "发布时间", "零工市场数", "驿站和超市数", "文件大小（字节）"):
        assert title in header
    assert listed.split()[:1] == [str(kept["id"])]
    assert (form_english, list_english) == ([], [])
