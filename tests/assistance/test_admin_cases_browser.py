"""An assistance case worked in Debian's chromium (issue 10): the queue reads in Chinese with the
case whose plan step is overdue on top; from that case's row staff offer a public-welfare job
and close the case, each form filled in from the row and answered in Chinese."""

from __future__ import annotations

import asyncio

import pytest

from services.assistance.cases import mark_step_done
from tables import assistance as a
from tests.fixtures.assistance import make_case, public_welfare_posting
from tests.fixtures.browser import (
    ARTIFACTS,
    interface_english,
    needs_chromium,
    staff_page,
    submit_form,
)
from tests.fixtures.certification import make_staff
from tests.fixtures.employer import make_employer
from tests.fixtures.worker import make_worker

pytestmark = needs_chromium
SHOTS = ARTIFACTS / "assistance"
PASSWORD = "Passw0rd!x"


async def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def _row_action(page, row, label: str) -> None:
    await page.wait_for_load_state("networkidle")
    await row.locator("a:has(svg[data-icon^=ellipsis])").click()
    await row.get_by_text(label, exact=True).click()
    await page.locator("form [name=case_id]").wait_for()
    await page.wait_for_function("document.querySelector('form [name=case_id]').value !== ''")


async def test_staff_offer_a_job_and_close_a_case_from_its_row():
    pytest.importorskip("playwright")
    staff = await make_staff("wu")
    on_time, _ = await make_worker(name="陈秀兰", assistance=("LOW_INCOME",))
    late, _ = await make_worker(name="杨军", assistance=("DISABLED",))
    first, _ = await make_case(on_time, staff)
    overdue_step = await a.AssistanceStep.select(a.AssistanceStep.id).where(
        (a.AssistanceStep.case == first) & (a.AssistanceStep.title == "推荐公益性岗位")
    )
    await mark_step_done(staff, overdue_step[0]["id"])
    case_id, _ = await make_case(late, staff)  # its first step was due yesterday
    employer_id, _ = await make_employer()
    posting_id = await public_welfare_posting(employer_id)

    async with asyncio.timeout(240), staff_page("wu", PASSWORD) as (page, base):
        await page.goto(f"{base}/admin/#/assistance_case")
        row = page.locator("tr", has_text="杨军")
        await row.wait_for()
        await page.wait_for_load_state("networkidle")
        names = await page.locator("tbody tr").all_inner_texts()
        english_list = await interface_english(page, {"wu"})
        await _shot(page, "case-queue")

        await _row_action(page, row, "推荐岗位或培训")
        prefilled = await page.locator("form [name=case_id]").input_value()
        kinds = await page.locator("form select[name=kind] option").all_inner_texts()
        await page.select_option("form select[name=kind]", label="岗位")
        await page.fill("form [name=target_id]", str(posting_id))
        await page.fill("form [name=note]", "离家近，工作时间短")
        english_form = await interface_english(page, {"wu"})
        await _shot(page, "offer-form")
        offered = await submit_form(page)

        await page.goto(f"{base}/admin/#/assistance_case")
        row = page.locator("tr", has_text="杨军")
        await row.wait_for()
        await _row_action(page, row, "结案")
        await page.select_option("form select[name=outcome]", label="已就业")
        await page.fill("form [name=note]", "已在社区公益岗位上岗")
        closed = await submit_form(page)
        await _shot(page, "case-closed")

    shown = [n for n in names if "杨军" in n or "陈秀兰" in n]
    assert len(shown) == 2
    assert "杨军" in shown[0] and "援助中" in shown[0]  # the overdue case on top
    assert "陈秀兰" in shown[1]
    assert english_list == english_form == []
    assert prefilled == str(case_id)
    assert {k.strip() for k in kinds if k.strip()} == {"岗位", "培训"}
    assert offered == f"已向第 {case_id} 号援助档案的零工推荐岗位 {posting_id}，待本人答复"
    assert closed == f"第 {case_id} 号援助档案已结案：已就业"
    case = await a.AssistanceCase.select().where(a.AssistanceCase.id == case_id).first()
    assert (case["status"], case["outcome"], case["outcome_note"]) == (
        "CLOSED",
        "EMPLOYED",
        "已在社区公益岗位上岗",
    )
    offers = await a.AssistanceOffer.select(a.AssistanceOffer.posting, a.AssistanceOffer.note)
    assert offers == [{"posting": posting_id, "note": "离家近，工作时间短"}]
