"""A trainee's completion from the enrolment's row, in Debian's chromium (issue 9, item 8)."""

from __future__ import annotations

import asyncio

import pytest

from services.training import attendance
from services.training.rules import Actor
from tables import training as t
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.job_posting import make_cast
from tests.fixtures.training import enrol, make_course, session_ids, shift_into_past

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "training"
PASSWORD = "Passw0rd!x"
PAGES = [
    "training_course",
    "training_session",
    "training_attendance",
    "training_institution",
    "forms/training-class-attendance/",
    "forms/training-attendance/",
]


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_staff_complete_an_enrolment_from_its_row():
    pytest.importorskip("playwright")
    # given a finished forklift course whose trainee attended both sessions
    await make_staff("qian")
    cast = await make_cast()
    course_id = await make_course(cast.market_id, title="叉车操作实训（望江班）")
    enrolment_id = await enrol(cast.worker_id, course_id)
    await shift_into_past(course_id)
    for session_id in await session_ids(course_id):
        await attendance.record_attendance(Actor("STAFF", 1), enrolment_id, session_id, True)

    found: dict[str, list[str]] = {}
    async with asyncio.timeout(240), staff_page("qian", PASSWORD) as (page, base):
        # the other screens of the domain read in Chinese too
        for path in PAGES:
            await page.goto(f"{base}/admin/#/{path}")
            await page.wait_for_load_state("networkidle")
            await page.wait_for_timeout(300)
            found[path] = await interface_english(page, {"qian"})
            await _shot(page, "page-" + path.replace("/", "-").strip("-"))
        await page.goto(f"{base}/admin/#/training_enrolment")
        row = page.locator("tr", has_text="叉车操作实训（望江班）")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        listed = await row.inner_text()
        list_english = await interface_english(page, {"qian"})
        await _shot(page, "enrolments")
        # when staff open the row's menu, choose 结业, write the number and submit
        await row.locator("a:has(svg[data-icon^=ellipsis])").click()
        menu = await row.inner_text()
        await row.get_by_text("结业", exact=True).click()
        await page.locator("form [name=enrolment_id]").wait_for()
        await page.wait_for_function(
            "document.querySelector('form [name=enrolment_id]').value !== ''"
        )
        prefilled = await page.locator("form [name=enrolment_id]").input_value()
        await page.fill("form [name=certificate_no]", "ZJ-2026-0088")
        form_english = await interface_english(page, {"qian"})
        await _shot(page, "complete-form")
        shown = await submit_form(page)
        await _shot(page, "complete-done")

    # then the list and the form read in Chinese, the form came filled in and it is done
    assert "已报名" in listed
    assert "记录出勤" in menu and "记录缺勤" in menu and "编辑" not in menu
    assert (list_english, form_english) == ([], [])
    assert found == {path: [] for path in PAGES}
    assert prefilled == str(enrolment_id)
    assert shown == f"报名 {enrolment_id} 已结业，证书编号 ZJ-2026-0088"
    row = await t.TrainingEnrolment.select(
        t.TrainingEnrolment.status, t.TrainingEnrolment.certificate_no
    ).where(t.TrainingEnrolment.id == enrolment_id)
    assert row == [{"status": "COMPLETED", "certificate_no": "ZJ-2026-0088"}]
