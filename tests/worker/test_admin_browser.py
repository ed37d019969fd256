"""查看完整信息 in Debian's chromium: the list masked, a reason asked, the values shown once."""

from __future__ import annotations

import asyncio

import pytest

from tables.audit import AuditLog
from tests.fixtures.account import next_resident_id
from tests.fixtures.browser import ARTIFACTS, needs_chromium, staff_page, submit_form
from tests.fixtures.certification import make_staff
from tests.fixtures.worker import make_worker

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "worker"
PASSWORD = "Passw0rd!x"
PHONE = "13955559999"


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_staff_reveal_a_workers_full_data_from_its_row_with_a_reason():
    pytest.importorskip("playwright")
    # given a worker with a phone and an ID number
    await make_staff("qian")
    resident_id = next_resident_id()
    await make_worker(name="王五", phone=PHONE, resident_id=resident_id)

    async with asyncio.timeout(150), staff_page("qian", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/worker")
        row = page.locator("tr", has_text="王五")
        await row.wait_for()
        listed = await row.inner_text()
        await _shot(page, "reveal-list")
        # when staff open the row's menu, choose 查看完整信息, first without a real reason
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        await row.get_by_text("查看完整信息").click()
        await page.locator("form [name=worker_id]").wait_for()
        await page.wait_for_function("document.querySelector('form [name=worker_id]').value !== ''")
        await page.fill("form [name=reason]", "看看")
        await page.click("[data-uitest=submit_custom_form_button]")
        await page.get_by_text("请写明查看完整信息的具体事由").first.wait_for()
        refused = await page.inner_text("body")
        await _shot(page, "reveal-refused")
        # then with one
        await page.fill("form [name=reason]", "核实补贴申请人身份")
        shown = await submit_form(page)
        await _shot(page, "reveal-shown")

    # then the list showed the phone and the ID masked, the refusal showed nothing, and the
    # values were shown once, with the reveal in the audit trail
    assert "139****9999" in listed and PHONE not in listed and resident_id not in listed
    assert PHONE not in refused
    assert shown == (
        f"王五：手机号 {PHONE}；公民身份号码 {resident_id}；援助类别 无"
        "（仅本次显示，查看已记入审计日志）"
    )
    assert await AuditLog.count().where(AuditLog.action == "personal_data.reveal") == 1
