"""Two staff certifying (or recommending) the same application at the same moment."""

import asyncio
from datetime import timedelta

from services.audit.rules import Actor, verify_chain
from services.certification import clock, workflow
from services.problems import ServiceError
from tables.audit import AuditLog
from tables.certification import DemonstrationCertificate
from tests.certification.test_admin_forms import form, login
from tests.fixtures.certification import application_row, make_application, make_staff
from tests.fixtures.market import make_market

ROUNDS = 10


async def test_simultaneous_certify_gives_exactly_one_certificate(monkeypatch):
    market_ids = [await make_market() for _ in range(ROUNDS)]
    apps = [await make_application(m, year=2025, stage="PUBLICISED") for m in market_ids]
    ends = (await application_row(apps[0]))["publicity_ends_on"]
    monkeypatch.setattr(clock, "today", lambda: ends + timedelta(days=1))

    for app_id in apps:
        results = await asyncio.gather(
            workflow.certify(app_id, Actor("STAFF", 1)),
            workflow.certify(app_id, Actor("STAFF", 2)),
            return_exceptions=True,
        )

        granted = [r for r in results if isinstance(r, str)]
        refused = [r for r in results if isinstance(r, ServiceError)]
        assert granted == [f"ZJSF-2025-{app_id:05d}"], results
        assert len(refused) == 1, results
        assert refused[0].problems[0].code in {"CONFLICT", "INVALID_STATUS"}
        assert refused[0].problems[0].field == ("application_id",)
    assert await DemonstrationCertificate.count() == ROUNDS
    assert await AuditLog.count().where(AuditLog.action == "certification.certify") == ROUNDS
    assert (await verify_chain()).ok


async def test_double_click_on_the_admin_form_gives_one_success_and_one_clear_error(client):
    await make_staff("zhou")
    headers = await login(client, "zhou")
    app_id = await make_application(await make_market(), year=2025)

    first, second = await asyncio.gather(
        form(client, headers, "certification-recommend", {"application_id": app_id}),
        form(client, headers, "certification-recommend", {"application_id": app_id}),
    )

    replies = sorted([(first.status_code, first.json()), (second.status_code, second.json())])
    assert replies[0] == (200, {"custom_form_success": f"申报 {app_id} 已由市级推荐"})
    assert replies[1][0] == 422
    assert replies[1][1]["custom_form_error"] in {
        "该申报当前为“市级已推荐”，不能推荐",
        "该申报刚被他人处理，请刷新后重试",
    }
    row = await application_row(app_id)
    assert (row["status"], row["version"]) == ("CITY_RECOMMENDED", 1)
    assert await AuditLog.count().where(AuditLog.action == "certification.recommend") == 1


async def test_simultaneous_submissions_leave_one_live_application():
    from tables.certification import CertificationApplication
    from tests.fixtures.certification import STAFF, default_standard, full_marks, self_assessment

    standard = await default_standard()
    marks = self_assessment(full_marks(standard))

    for _ in range(5):
        market_id = await make_market()
        results = await asyncio.gather(
            workflow.submit(market_id, 2025, marks, [], STAFF),
            workflow.submit(market_id, 2025, marks, [], STAFF),
            return_exceptions=True,
        )

        ids = [r for r in results if isinstance(r, int)]
        refused = [r for r in results if isinstance(r, ServiceError)]
        assert len(ids) == 1 and len(refused) == 1, results
        assert [p.code for p in refused[0].problems] == ["DUPLICATE_APPLICATION"]
        assert (
            await CertificationApplication.count().where(
                CertificationApplication.market == market_id
            )
            == 1
        )
