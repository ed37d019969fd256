"""The policy register as staff see it, in Debian's chromium (issue 10, item 6): the list and
the form read in Chinese with audience names, not codes; publishing starts from the record."""

from __future__ import annotations

import asyncio

import pytest

from tables import policy as t
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.policy import make_policy

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "policy"
PASSWORD = "Passw0rd!x"


AUDIENCE = ("regions", "assistance_categories", "occupations", "roles")


async def _picked(page, name: str) -> list[str]:
    """The names chosen in an audience picker's dropdowns, in order."""
    return await page.evaluate(
        """(name) => Array.from(
             document.querySelectorAll(`[data-uitest=${name}_array_widget] select`)
           ).map((s) => (s.selectedIndex >= 0 ? s.options[s.selectedIndex].text.trim() : ""))""",
        name,
    )


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_staff_read_the_register_and_publish_a_draft_from_its_row():
    pytest.importorskip("playwright")
    # given a published item for workers in 上城区 and a draft for operators
    await make_staff("zhou")
    published = await make_policy(
        "快件处理员职业伤害保障（上城区）",
        clause="（十六）",
        regions=("330102", "330100"),
        categories=("OLDER",),
        occupations=("快件处理员",),
        roles=("WORKER", "EMPLOYER"),
    )
    draft = await make_policy(
        "第三方运营绩效奖励", clause="（十一）", roles=("OPERATOR",), status="DRAFT"
    )

    async with asyncio.timeout(240), staff_page("zhou", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/policy_item")
        row = page.locator("tr", has_text="快件处理员职业伤害保障（上城区）")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        header = await page.locator("table thead").inner_text()
        listed = await row.inner_text()
        list_english = await interface_english(page, {"zhou"})
        await _shot(page, "register")
        # the record's edit form shows the audience by name, one dropdown per item
        await row.get_by_role("link", name=str(published), exact=True).click()
        await page.locator("[data-uitest=regions_array_widget] select").first.wait_for()
        await page.wait_for_load_state("networkidle")
        await page.wait_for_timeout(300)
        picked = {name: await _picked(page, name) for name in AUDIENCE}
        form_english = await interface_english(page, {"zhou"})
        await _shot(page, "edit-form")
        # staff add 宁波市海曙区 with the regions' picker and save
        regions = page.locator("[data-uitest=regions_array_widget]")
        await regions.get_by_text("新建").click()
        await regions.locator("select").nth(2).select_option(label="宁波市海曙区")
        await page.click("[data-uitest=save_button]")
        await page.get_by_text("已保存").wait_for()
        await _shot(page, "edit-saved")
        # when staff open the draft's menu, choose 发布政策 and submit
        await page.goto(f"{base}/admin/#/policy_item")
        draft_row = page.locator("tr", has_text="第三方运营绩效奖励")
        await draft_row.wait_for()
        await page.wait_for_load_state("networkidle")
        await draft_row.locator("a:has(svg[data-icon^=ellipsis])").click()
        menu = await draft_row.inner_text()
        await draft_row.get_by_text("发布政策", exact=True).click()
        await page.locator("form [name=policy_id]").wait_for()
        await page.wait_for_function("document.querySelector('form [name=policy_id]').value !== ''")
        prefilled = await page.locator("form [name=policy_id]").input_value()
        await _shot(page, "publish-form")
        shown = await submit_form(page)
        await _shot(page, "publish-done")

    # then the register reads in Chinese, with names for the audience
    for title in ("编号", "条款", "标题", "发文字号", "适用对象", "适用地区", "状态", "生效日期"):
        assert title in header, header
    for text in (
        "（十六）",
        "浙人社发〔2023〕5号",
        "已发布",
        "零工（灵活就业人员）",
        "用工主体",
        "杭州市上城区",
        "杭州市",
    ):
        assert text in listed, listed
    assert "330102" not in listed and "WORKER" not in listed
    assert picked == {
        "regions": ["杭州市上城区", "杭州市"],
        "assistance_categories": ["大龄"],
        "occupations": ["快件处理员"],
        "roles": ["零工（灵活就业人员）", "用工主体"],
    }
    saved = await t.PolicyItem.select(t.PolicyItem.regions, t.PolicyItem.status).where(
        t.PolicyItem.id == published
    )
    assert saved == [{"regions": ["330102", "330100", "330203"], "status": "PUBLISHED"}]
    assert (list_english, form_english) == ([], [])
    assert "发布政策" in menu and "撤回政策" in menu
    assert prefilled == str(draft)
    assert shown == f"政策条目 {draft} 已发布，生效期内将推送给适用对象"
    row = await t.PolicyItem.select(t.PolicyItem.status).where(t.PolicyItem.id == draft)
    assert row == [{"status": "PUBLISHED"}]
