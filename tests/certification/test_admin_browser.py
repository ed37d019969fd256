"""Browser test: a staff member certifies a market through the zh-CN admin in Debian's chromium."""

# The browser and the live server come from tests/fixtures/browser.py.

import asyncio
from datetime import date, timedelta

import httpx
import pytest

from resolvers.global_ids import encode_id
from services.certification import clock
from tables.certification import CertificationApplication
from tests.fixtures.browser import (
    ARGS,
    CHROMIUM,
    STEP_TIMEOUT_MS,
    fill_form,
    live_server,
    needs_chromium,
    submit_form,
)
from tests.fixtures.browser import ARTIFACTS as BROWSER_ARTIFACTS
from tests.fixtures.certification import default_standard, make_staff
from tests.fixtures.market import make_market, make_operator

ARTIFACTS = BROWSER_ARTIFACTS / "certification"
PASSWORD = "Passw0rd!x"

pytestmark = needs_chromium


async def _submit_form(page, base: str, slug: str, fields: dict, shot: str) -> str:
    await page.goto(f"{base}/admin/#/forms/{slug}")
    # The single-page app reuses the form view between hash routes: reload for a fresh form.
    await page.reload()
    await fill_form(page, fields)
    shown = await submit_form(page)
    await page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    return shown


async def test_staff_certify_a_market_in_the_admin_and_graphql_shows_it(monkeypatch):
    pytest.importorskip("playwright")
    from playwright.async_api import async_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await make_staff("liu")
    market_id = await make_market(
        name="上城区望江综合零工市场",
        operator_id=await make_operator(),
        established_on=date(2024, 3, 1),
    )
    standard = await default_standard()
    marks = ",".join(str(c.max_score) for c in standard.criteria)

    async with asyncio.timeout(180), live_server() as base, async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = await browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
            page.set_default_timeout(STEP_TIMEOUT_MS)
            await page.goto(f"{base}/admin/")
            await page.fill("[name=username]", "liu")
            await page.fill("[name=password]", PASSWORD)
            await page.screenshot(path=str(ARTIFACTS / "01-login.png"))
            assert (await page.inner_text("[data-uitest=login_button]")).strip() == "登录"
            await page.click("[data-uitest=login_button]")
            await page.get_by_text("目标进度看板").wait_for()
            await page.screenshot(path=str(ARTIFACTS / "02-home.png"), full_page=True)

            submitted = await _submit_form(
                page,
                base,
                "certification-submit",
                {
                    "market_id": market_id,
                    "year": 2025,
                    "self_scores": marks,
                    "evidence_titles": "场地平面图",
                },
                "03-submitted.png",
            )
            app_id = (await CertificationApplication.select(CertificationApplication.id).first())[
                "id"
            ]
            steps = [
                (
                    "certification-recommend",
                    {"application_id": app_id, "note": "同意推荐"},
                    "04-recommended.png",
                ),
                (
                    "certification-assess",
                    {"application_id": app_id, "scores": marks},
                    "05-assessed.png",
                ),
                ("certification-publicise", {"application_id": app_id}, "06-publicised.png"),
            ]
            messages = [submitted]
            for slug, fields, shot in steps:
                messages.append(await _submit_form(page, base, slug, fields, shot))
            row = (
                await CertificationApplication.select()
                .where(CertificationApplication.id == app_id)
                .first()
            )
            # The notice period runs for days: move the (in-process) server's calendar past it.
            monkeypatch.setattr(
                clock, "today", lambda: row["publicity_ends_on"] + timedelta(days=1)
            )
            messages.append(
                await _submit_form(
                    page,
                    base,
                    "certification-certify",
                    {"application_id": app_id},
                    "07-certified.png",
                )
            )
            await page.goto(f"{base}/admin-dashboard/targets")
            await page.get_by_text("浙江省零工市场建设目标进度").wait_for()
            await page.screenshot(path=str(ARTIFACTS / "08-dashboard.png"), full_page=True)
        finally:
            await browser.close()

        async with httpx.AsyncClient(base_url=base) as client:
            gid = encode_id("Market", market_id)
            response = await client.post(
                "/graphql",
                json={
                    "query": "query($id: ID!) { market(id: $id) { name demonstration { year certificateNo } } "
                    "demonstrationMarkets(year: 2025) { totalCount nodes { id } } }",
                    "variables": {"id": gid},
                },
            )

    starts, ends = row["publicity_starts_on"].isoformat(), row["publicity_ends_on"].isoformat()
    assert messages == [
        f"已提交申报，申报编号 {app_id}",
        f"申报 {app_id} 已由市级推荐",
        f"申报 {app_id} 评审总分 100，达到认定标准，可以公示",
        f"申报 {app_id} 公示期 {starts} 至 {ends}",
        f"已认定为省级示范零工市场，证书编号 ZJSF-2025-{app_id:05d}",
    ]
    assert response.json() == {
        "data": {
            "market": {
                "name": "上城区望江综合零工市场",
                "demonstration": {"year": 2025, "certificateNo": f"ZJSF-2025-{app_id:05d}"},
            },
            "demonstrationMarkets": {"totalCount": 1, "nodes": [{"id": gid}]},
        }
    }
