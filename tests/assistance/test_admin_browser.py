"""A worker's service tier adjusted from the worker's row, in Debian's chromium (issue 10,
item 4): the form reads in Chinese with the tiers by name, comes filled in, and is done."""

from __future__ import annotations

import asyncio

import pytest

from tables.assistance import WorkerServiceTier
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.worker import make_worker

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "assistance"
PASSWORD = "Passw0rd!x"


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_staff_adjust_a_tier_from_the_workers_row():
    pytest.importorskip("playwright")
    await make_staff("wu")
    worker_id, _ = await make_worker(name="陈秀兰", assistance=("LOW_INCOME",))

    async with asyncio.timeout(240), staff_page("wu", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/worker")
        row = page.locator("tr", has_text="陈秀兰")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        await row.get_by_text("调整服务等级", exact=True).click()
        await page.locator("form [name=worker_id]").wait_for()
        await page.wait_for_function("document.querySelector('form [name=worker_id]').value !== ''")
        prefilled = await page.locator("form [name=worker_id]").input_value()
        options = await page.locator("form select[name=tier] option").all_inner_texts()
        await page.select_option("form select[name=tier]", label="援助服务")
        await page.fill("form [name=reason]", "家中两人失业，需一对一帮扶")
        english = await interface_english(page, {"wu"})
        await _shot(page, "tier-form")
        shown = await submit_form(page)
        await _shot(page, "tier-done")

    assert prefilled == str(worker_id)
    # (the admin lists choices in the order of their codes)
    assert {o.strip() for o in options if o.strip()} == {
        "普通服务",
        "重点服务",
        "援助服务",
        "按规则认定（取消人工调整）",
    }
    assert english == []
    assert shown == f"零工 {worker_id} 的服务等级已设为援助服务（按规则认定为重点服务）"
    assert await WorkerServiceTier.select(WorkerServiceTier.tier, WorkerServiceTier.reason) == [
        {"tier": "ASSISTED", "reason": "家中两人失业，需一对一帮扶"}
    ]
