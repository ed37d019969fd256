"""An application approved from its row by two staff members, in Debian's chromium (issue 10,
item 6): what a person sees is Chinese, money in yuan, the form comes filled in."""

from __future__ import annotations

import asyncio

import pytest

from services.subsidy import review
from tables import subsidy as t
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.job_posting import make_cast
from tests.fixtures.subsidy import apply, make_completed_training, make_programme

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "subsidy"
PASSWORD = "Passw0rd!x"
PAGES = [
    "subsidy_programme",
    "forms/subsidy-programme-create/",
    "forms/subsidy-programme-edit/",
    "forms/subsidy-reject/",
    "forms/subsidy-pay/",
]


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_the_second_approver_approves_an_application_from_its_row():
    pytest.importorskip("playwright")
    # given: an 800-yuan training subsidy application, approved once by another staff member
    first = await make_staff("zhao")
    await make_staff("sun")
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    programme = await make_programme("2026年职业培训补贴（望江）", amount="800", threshold="500")
    application = await apply(cast.worker_id, programme)
    assert await review.approve(application, first) == "FIRST_APPROVED"

    found: dict[str, list[str]] = {}
    async with asyncio.timeout(240), staff_page("sun", PASSWORD) as (page, base):
        # the other screens of the domain read in Chinese too
        for path in PAGES:
            await page.goto(f"{base}/admin/#/{path}")
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(300)
            found[path] = await interface_english(page, {"sun"})
            await _shot(page, "page-" + path.replace("/", "-").strip("-"))
        await page.goto(f"{base}/admin/#/subsidy_application")
        row = page.locator("tr", has_text="2026年职业培训补贴（望江）")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        listed = await row.inner_text()
        list_english = await interface_english(page, {"sun", "zhao"})  # usernames
        await _shot(page, "applications")
        # when the second approver opens the row's menu, chooses 批准 and submits
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        menu = await row.inner_text()
        await row.get_by_text("批准", exact=True).click()
        await page.locator("form [name=application_id]").wait_for()
        await page.wait_for_function(
            "document.querySelector('form [name=application_id]').value !== ''"
        )
        prefilled = await page.locator("form [name=application_id]").input_value()
        form_english = await interface_english(page, {"sun"})
        await _shot(page, "approve-form")
        shown = await submit_form(page)
        await _shot(page, "approve-done")

    # then: the queue read in Chinese with money in yuan, and the application is approved
    assert "初审通过（待复核）" in listed and "800.00 元" in listed and "zhao" in listed
    assert "驳回" in menu and "登记发放" in menu and "编辑" not in menu
    assert (list_english, form_english) == ([], [])
    assert found == {path: [] for path in PAGES}
    assert prefilled == str(application)
    assert shown == f"补贴申请 {application} 已批准，金额已计入项目预算"
    row = await t.SubsidyApplication.select(
        t.SubsidyApplication.status, t.SubsidyApplication.first_approved_by
    ).where(t.SubsidyApplication.id == application)
    assert row == [{"status": "APPROVED", "first_approved_by": first}]
