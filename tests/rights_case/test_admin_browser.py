"""Accepting a case from the case queue, in Debian's chromium (issue 11, item 6)."""

from __future__ import annotations

import asyncio

import pytest

from tables import rights_case as t
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.rights_case import file_case, make_scene

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "rights_case"
PASSWORD = "Passw0rd!x"
PAGES = [
    "rights_case_step",
    "posting_review",
    "gathering_place",
    "wage_settlement",
    *(
        f"forms/{slug}/"
        for slug in (
            "case-file-phone",
            "case-resolve",
            "case-route",
            "case-refer",
            "posting-review-decide",
            "posting-take-down",
        )
    ),
]


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_staff_accept_a_case_from_the_case_queue():
    pytest.importorskip("playwright")
    # given a worker's wage-arrears case waiting in labour inspection's queue
    await make_staff("wu")
    scene = await make_scene()
    case_id = await file_case(scene.cast.worker_id, application_id=scene.application_id)
    found: dict[str, list[str]] = {}

    async with asyncio.timeout(240), staff_page("wu", PASSWORD) as (page, base):
        # the other screens of the domain read in Chinese too
        for path in PAGES:
            await page.goto(f"{base}/admin/#/{path}")
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(300)
            found[path] = await interface_english(page, {"wu"})
            await _shot(page, "page-" + path.replace("/", "-").strip("-"))
        await page.goto(f"{base}/admin/#/rights_case")
        row = page.locator("tr", has_text="劳动保障监察")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        listed = await row.inner_text()
        list_english = await interface_english(page, {"wu"})
        await _shot(page, "case-queue")
        # when staff open the row's menu, choose 受理 and submit
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        menu = await row.inner_text()
        await row.get_by_text("受理", exact=True).click()
        await page.locator("form [name=case_id]").wait_for()
        await page.wait_for_function("document.querySelector('form [name=case_id]').value !== ''")
        prefilled = await page.locator("form [name=case_id]").input_value()
        form_english = await interface_english(page, {"wu"})
        await _shot(page, "accept-form")
        shown = await submit_form(page)
        await _shot(page, "accept-done")

    # then the queue reads in Chinese, the form came filled in and the case is accepted
    assert "欠薪" in listed and "已登记" in listed and "220.00 元" in listed
    assert all(label in menu for label in ("开始调解", "办结", "转办", "移送", "关闭"))
    assert "编辑" not in menu
    assert (list_english, form_english) == ([], [])
    assert found == {path: [] for path in PAGES}
    assert prefilled == str(case_id)
    assert shown.startswith(f"案件 {case_id} 已受理，须在 ") and shown.endswith(" 前办结")
    row = await t.RightsCase.select(t.RightsCase.status).where(t.RightsCase.id == case_id)
    assert row == [{"status": "ACCEPTED"}]
