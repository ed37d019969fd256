"""Staff tasks in the admin, in Debian's chromium: what a person sees (issue: the back office).

Each test walks one task and asserts the visible text; screenshots go to tests/artifacts/admin/.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from tables.audit import AuditLog
from tables.auth import StaffScope
from tables.employer import Employer
from tables.market import Market, MarketOpeningPeriod
from tables.region import Region
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.employer import make_employer
from tests.fixtures.market import make_market, make_operator

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "admin"
PASSWORD = "Passw0rd!x"
HEX = re.compile(r"[0-9a-f]+")


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_the_pages_staff_visit_show_no_interface_english():
    pytest.importorskip("playwright")
    # given a directory with a market, an employer waiting for review and an audit entry
    await make_staff("zhao")
    market_id = await make_market(name="上城区望江综合零工市场", operator_id=await make_operator())
    await make_employer(name="杭州望江物流有限公司", verified=False)
    await make_employer(name="杭州钱塘仓储有限公司")  # its verification is in the audit log
    pages = {
        "home": "#/",
        "markets": "#/market",
        "market-edit": f"#/market/{market_id}",
        "employers": "#/employer",
        "audit-log": "#/audit_log",
        "certification-applications": "#/certification_application",
        "opening-hours": "#/market_opening_period",
        "verify-form": "#/forms/审核用工主体/",
    }
    found = {}

    # when staff visit each page
    async with asyncio.timeout(180), staff_page("zhao", PASSWORD) as (page, base):
        for name, path in pages.items():
            await page.goto(f"{base}/admin/{path}")
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(300)
            await _shot(page, f"english-{name}")
            words = await interface_english(page, {"zhao"})  # the signed-in username
            # the audit log shows each entry's chain hashes: hexadecimal data, not interface
            found[name] = [w for w in words if not (name == "audit-log" and HEX.fullmatch(w))]
        # and the dialogs a list opens: CSV export and filters
        await page.goto(f"{base}/admin/#/market")
        await page.click("[data-uitest=csv_button]")
        modal = page.locator("[data-uitest=csv_modal]")
        await modal.wait_for()
        await modal.get_by_text("列", exact=True).click()  # show the column choices
        await page.get_by_text("全选/全不选").wait_for()
        await _shot(page, "english-csv-dialog")
        found["csv-dialog"] = await interface_english(page, {"zhao"})
        await page.reload()  # closes the dialog
        await page.click("[data-uitest=filter_button]")
        await page.locator("select[name=open_now]").wait_for()
        await _shot(page, "english-filters")
        found["filters"] = await interface_english(page, {"zhao"})

    # then no page shows untranslated interface English
    assert found == {name: [] for name in [*pages, "csv-dialog", "filters"]}


async def test_a_refused_save_shows_its_reason_and_changes_nothing():
    pytest.importorskip("playwright")
    # given a market whose name staff are about to break
    await make_staff("qian")
    market_id = await make_market(name="上城区望江综合零工市场", operator_id=await make_operator())
    before = await Market.select().where(Market.id == market_id).first()

    async with asyncio.timeout(120), staff_page("qian", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/market/{market_id}")
        name = page.locator("form [name=name]")
        await name.wait_for()
        # when the name loses its required suffix and staff save
        await name.fill("上城区望江综合市场")
        await page.click("[data-uitest=save_button]")
        errors = page.locator(".errors")
        await errors.wait_for()
        await _shot(page, "refused-save")
        shown = await errors.inner_text()
        toast = await page.inner_text("body")

        # then the reason is on the page, in Chinese, and the form is still there to fix
        assert "名称须以“零工市场”结尾" in shown
        assert "未能保存，请查看页面上方的原因。" in toast
        assert await page.locator("[data-uitest=save_button]").is_enabled()

    # and nothing was written
    assert await Market.select().where(Market.id == market_id).first() == before


async def test_staff_verify_an_employer_from_its_row_in_three_actions():
    pytest.importorskip("playwright")
    # given an employer waiting for review
    await make_staff("sun")
    employer_id, _ = await make_employer(name="杭州望江物流有限公司", verified=False)

    async with asyncio.timeout(120), staff_page("sun", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/employer")
        row = page.locator("tr", has_text="杭州望江物流有限公司")
        await row.wait_for()
        # when staff open the row's menu (1), choose 审核通过 (2) and submit (3)
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        await row.get_by_text("审核通过").click()
        await page.locator("form [name=employer_id]").wait_for()
        await page.wait_for_function(
            "document.querySelector('form [name=employer_id]').value !== ''"
        )
        decision = await page.locator("form [name=decision]").input_value()
        await _shot(page, "verify-prefilled")
        shown = await submit_form(page)
        await _shot(page, "verify-done")

    # then the form arrived filled in with the employer and the decision, and it is verified
    assert decision == "VERIFIED"
    assert shown == f"用工主体 {employer_id} 审核结果：通过"
    employer = await Employer.select(Employer.verification_status).where(Employer.id == employer_id)
    assert employer == [{"verification_status": "VERIFIED"}]


async def test_read_only_tables_offer_no_writes_in_the_interface():
    pytest.importorskip("playwright")
    # given an audit entry (an employer's verification)
    await make_staff("li")
    await make_employer(name="杭州钱塘仓储有限公司")
    assert await AuditLog.count() >= 1

    async with asyncio.timeout(120), staff_page("li", PASSWORD) as (page, base):
        # when staff open the audit log and a row's menu
        await page.goto(f"{base}/admin/#/audit_log")
        row = page.locator("tr:visible", has_text="用工主体审核").first
        await row.wait_for()
        add_visible = await page.get_by_text("新建记录").is_visible()
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        menu = await row.inner_text()
        await _shot(page, "read-only")
        # and the market list for comparison
        await page.goto(f"{base}/admin/#/market")
        await page.get_by_text("新建记录").wait_for()

    # then neither "新建记录" nor edit or delete is offered on the read-only table
    assert add_visible is False
    assert "编辑" not in menu and "删除" not in menu


async def test_a_records_history_shows_who_changed_what():
    pytest.importorskip("playwright")
    # given a market
    await make_staff("zhou")
    market_id = await make_market(name="上城区望江综合零工市场", operator_id=await make_operator())

    async with asyncio.timeout(120), staff_page("zhou", PASSWORD) as (page, base):
        # when staff change its address and save
        await page.goto(f"{base}/admin/#/market/{market_id}")
        address = page.locator("form [name=address]")
        await address.wait_for()
        await address.fill("杭州市上城区望江路1号")
        await page.click("[data-uitest=save_button]")
        await page.get_by_text("已保存").wait_for()
        # and open the record's history from its menu
        await page.click("[data-uitest=drop_down_button]")
        await page.get_by_text("变更记录").click()
        await page.wait_for_timeout(2000)
        await _shot(page, "history")
        print(page.url)
        row = page.locator("tr:visible", has_text="后台修改").first
        await row.wait_for()
        shown = await row.inner_text()

    # then the entry says who, what and from what to what, in Chinese
    assert "zhou" not in shown  # actor ids are shown, not names, for every actor type
    assert "后台修改" in shown and "零工市场（站点）" in shown
    assert "地址：杭州市上城区望江路1号" in shown
    # and only what staff changed (and the update time) is recorded: never the creation time
    assert "创建时间" not in shown


async def test_staff_set_a_week_of_opening_hours_from_the_market_row_in_four_actions():
    pytest.importorskip("playwright")
    # given a market open on Monday mornings only
    await make_staff("wu")
    market_id = await make_market(
        name="上城区望江综合零工市场", opening_hours=[(1, "08:00", "12:00")]
    )

    async with asyncio.timeout(120), staff_page("wu", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/market")
        row = page.locator("tr", has_text="上城区望江综合零工市场")
        await row.wait_for()
        # when staff open the row's menu (1), choose 设置开放时间 (2), write the week (3), submit (4)
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        await row.get_by_text("设置开放时间").click()
        await page.wait_for_function(
            f"document.querySelector('form [name=market_id]')?.value === '{market_id}'"
        )
        await page.fill(
            "form [name=hours]", "周一至周五 08:00-12:00 14:00-18:00\n周六 09:00-12:00\n周日 休息"
        )
        await _shot(page, "hours-form")
        shown = await submit_form(page)
        await _shot(page, "hours-done")

    # then the whole week is stored and the page says so
    week = "；".join(
        [f"周{d} 08:00-12:00 14:00-18:00" for d in "一二三四五"] + ["周六 09:00-12:00"]
    )
    assert shown == f"零工市场 {market_id} 的开放时间已更新：{week}"
    periods = await MarketOpeningPeriod.count().where(MarketOpeningPeriod.market == market_id)
    assert periods == 11


async def test_staff_find_the_hangzhou_markets_open_now_in_four_actions():
    pytest.importorskip("playwright")
    # given markets in 杭州市 (one open all day, one closed) and in 宁波市 (open all day)
    await make_staff("zheng")
    all_day = [(d, "00:00", "00:00") for d in range(1, 8)]
    await make_market(name="上城区望江综合零工市场", region_code="330102", opening_hours=all_day)
    await make_market(name="西湖区文三综合零工市场", region_code="330106", opening_hours=[])
    await make_market(name="海曙区南门综合零工市场", region_code="330203", opening_hours=all_day)

    async with asyncio.timeout(120), staff_page("zheng", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/market")
        await page.get_by_text("西湖区文三综合零工市场").wait_for()
        # when staff open the filters (1), choose 杭州市 (2) and 现在开放 = 是 (3), and apply (4)
        await page.click("[data-uitest=filter_button]")
        await page.select_option("select[name=city]", "330100")
        await page.select_option("select[name=open_now]", "true")
        await page.click("[data-uitest=submit_filter_button]")
        await page.get_by_text("已筛选").wait_for()
        await page.get_by_text("共 1 条").wait_for()
        await _shot(page, "hangzhou-open-now")
        listed = await page.locator("table:visible").first.inner_text()

    # then only the 杭州市 market that is open now is listed
    assert "上城区望江综合零工市场" in listed
    assert "西湖区文三综合零工市场" not in listed and "海曙区南门综合零工市场" not in listed


async def test_the_home_page_lists_what_waits_and_leads_to_it():
    pytest.importorskip("playwright")
    # given an employer waiting for review
    await make_staff("feng")
    await make_employer(name="杭州望江物流有限公司", verified=False)
    await make_employer(name="杭州钱塘仓储有限公司")

    async with asyncio.timeout(120), staff_page("feng", PASSWORD) as (page, base):
        # when staff sign in, the home page lists the work; they follow the first item
        work = page.locator("#lg-worklist")
        await work.get_by_text("待审核的用工主体").wait_for()
        await _shot(page, "worklist")
        listed = await work.inner_text()
        await work.get_by_text("待审核的用工主体").click()
        await page.get_by_text("共 1 条").wait_for()
        table = await page.locator("table:visible").first.inner_text()

    # then the count is shown, and the link leads to exactly the employer waiting
    assert "待办事项" in listed and "待审核的用工主体 1" in listed
    assert "杭州望江物流有限公司" in table and "杭州钱塘仓储有限公司" not in table


async def test_hangzhou_city_staff_do_not_see_a_ningbo_market():
    pytest.importorskip("playwright")
    # given a 杭州市 staff member, a 杭州市 market and a 宁波市 market
    user_id = await make_staff("hz")
    city = await Region.select(Region.id).where(Region.code == "330100").first()
    await StaffScope.insert(StaffScope(user=user_id, region=city["id"]))
    await make_market(name="上城区望江综合零工市场", region_code="330102")
    ningbo = await make_market(name="海曙区南门综合零工市场", region_code="330203")

    async with asyncio.timeout(120), staff_page("hz", PASSWORD) as (page, base):
        # when they open the market list, then the 宁波市 market's own address
        await page.goto(f"{base}/admin/#/market")
        await page.get_by_text("上城区望江综合零工市场").wait_for()
        listed = await page.locator("table:visible").first.inner_text()
        await _shot(page, "scope-list")
        await page.goto(f"{base}/admin/#/market/{ningbo}")
        await page.wait_for_load_state("networkidle")
        await page.wait_for_timeout(500)
        await _shot(page, "scope-record")
        record = await page.inner_text("body")

    # then the 宁波市 market is neither listed nor shown
    assert "上城区望江综合零工市场" in listed and "海曙区南门综合零工市场" not in listed
    assert "海曙区南门综合零工市场" not in record


async def test_staff_edit_an_employer_in_its_form():
    pytest.importorskip("playwright")
    # given a verified employer (its form also holds the verification and phone columns)
    await make_staff("chen")
    employer_id, _ = await make_employer(name="杭州望江物流有限公司")

    async with asyncio.timeout(120), staff_page("chen", PASSWORD) as (page, base):
        # when staff change its contact person and save the whole form
        await page.goto(f"{base}/admin/#/employer/{employer_id}")
        contact = page.locator("form [name=contact_name]")
        await contact.wait_for()
        await contact.fill("钱经理")
        await page.click("[data-uitest=save_button]")
        await page.get_by_text("已保存").wait_for()
        await _shot(page, "employer-edit")

    # then the change is stored and the verification is untouched
    row = await Employer.select(Employer.contact_name, Employer.verification_status).where(
        Employer.id == employer_id
    )
    assert row == [{"contact_name": "钱经理", "verification_status": "VERIFIED"}]
