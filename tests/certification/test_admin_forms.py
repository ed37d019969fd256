"""Admin forms and table guards over HTTP (login with CSRF, POST /admin/api/forms/<slug>/)."""

from datetime import timedelta

from admin.certification.forms import certification_forms
from services.certification import clock, workflow
from tables.audit import AuditLog
from tables.certification import (
    CertificationApplication,
    CertificationObjection,
    CertificationScore,
    DemonstrationCertificate,
)
from tests.fixtures.certification import (
    STAFF,
    application_row,
    default_standard,
    make_application,
    make_staff,
    snapshot,
)
from tests.fixtures.market import make_market

PASSWORD = "Passw0rd!x"


async def login(client, username: str) -> dict:
    """Log in as the admin UI does; returns the headers unsafe requests need."""
    await client.get("/admin/")
    csrf = client.cookies["csrftoken"]
    response = await client.post(
        "/admin/public/login/",
        json={"username": username, "password": PASSWORD},
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200, response.text
    return {"X-CSRFToken": csrf}


async def form(client, headers, slug: str, data: dict):
    return await client.post(f"/admin/api/forms/{slug}/", json=data, headers=headers)


def _scores(standard) -> str:
    return ",".join(str(c.max_score) for c in standard.criteria)


async def test_one_application_through_every_form_to_a_certificate(client, monkeypatch):
    staff_id = await make_staff("zhang")
    headers = await login(client, "zhang")
    market_id = await make_market()
    standard = await default_standard()
    marks = _scores(standard)

    steps = [
        (
            "certification-submit",
            {
                "market_id": market_id,
                "year": 2025,
                "self_scores": marks,
                "evidence_titles": "场地平面图\n管理制度汇编",
            },
        ),
        ("certification-recommend", {"application_id": None, "note": "同意推荐"}),
        ("certification-assess", {"application_id": None, "scores": marks}),
        ("certification-publicise", {"application_id": None}),
    ]
    replies, app_id = [], None
    for slug, data in steps:
        if "application_id" in data:
            data["application_id"] = app_id
        response = await form(client, headers, slug, data)
        assert response.status_code == 200, response.text
        replies.append(response.json()["custom_form_success"])
        app_id = (await CertificationApplication.select(CertificationApplication.id).first())["id"]
    row = await application_row(app_id)
    monkeypatch.setattr(clock, "today", lambda: row["publicity_ends_on"] + timedelta(days=1))
    certified = await form(client, headers, "certification-certify", {"application_id": app_id})

    starts, ends = row["publicity_starts_on"].isoformat(), row["publicity_ends_on"].isoformat()
    assert replies == [
        f"已提交申报，申报编号 {app_id}",
        f"申报 {app_id} 已由市级推荐",
        f"申报 {app_id} 评审总分 100，达到认定标准，可以公示",
        f"申报 {app_id} 公示期 {starts} 至 {ends}",
    ]
    assert certified.json() == {
        "custom_form_success": f"已认定为省级示范零工市场，证书编号 ZJSF-2025-{app_id:05d}"
    }
    row = await application_row(app_id)
    assert (row["status"], row["assessed_by"], row["decided_by"]) == (
        "CERTIFIED",
        staff_id,
        staff_id,
    )
    assessors = {
        r["assessor_id"] for r in await CertificationScore.select(CertificationScore.assessor_id)
    }
    assert assessors == {staff_id}
    audit = await AuditLog.select(AuditLog.actor_type, AuditLog.actor_id).distinct()
    assert audit == [{"actor_type": "STAFF", "actor_id": staff_id}]
    assert await AuditLog.count() == 5


async def test_form_errors_are_422_with_the_services_message_and_change_nothing(client):
    await make_staff("li")
    headers = await login(client, "li")
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    before = await application_row(app_id)

    early = await form(client, headers, "certification-certify", {"application_id": app_id})
    wrong_count = await form(
        client, headers, "certification-assess", {"application_id": app_id, "scores": "1,2"}
    )
    stale = await form(client, headers, "certification-recommend", {"application_id": app_id})
    late_objection = await form(
        client,
        headers,
        "certification-objection",
        {"application_id": app_id, "received_on": "2020-01-01", "summary": "材料不实"},
    )

    ends = before["publicity_ends_on"].isoformat()
    assert (early.status_code, early.json()) == (
        422,
        {"custom_form_error": f"公示期至 {ends} 结束，期满后方可认定"},
    )
    assert wrong_count.json() == {"custom_form_error": "须按顺序填写 20 个分数，实际填写了 2 个"}
    assert stale.json() == {"custom_form_error": "该申报当前为“公示中”，不能推荐"}
    assert late_objection.json() == {"custom_form_error": "异议收到日期须在公示期内且不晚于今天"}
    assert await application_row(app_id) == before
    assert await CertificationObjection.count() == 0
    assert await DemonstrationCertificate.count() == 0


async def test_objection_reject_and_revoke_forms(client):
    await make_staff("wang")
    headers = await login(client, "wang")
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    today = clock.today().isoformat()

    recorded = await form(
        client,
        headers,
        "certification-objection",
        {"application_id": app_id, "received_on": today, "summary": "场地被挪作他用"},
    )
    objection_id = (await CertificationObjection.select(CertificationObjection.id).first())["id"]
    resolved = await form(
        client,
        headers,
        "certification-objection-resolve",
        {"objection_id": objection_id, "upheld": True, "resolution": "经核实属实"},
    )
    rejected = await form(
        client, headers, "certification-reject", {"application_id": app_id, "reason": "异议成立"}
    )
    other = await make_application(await make_market(), year=2025, stage="CERTIFIED")
    revoked = await form(
        client,
        headers,
        "certification-revoke",
        {"certificate_no": f"ZJSF-2025-{other:05d}", "reason": "发生查实欠薪"},
    )

    assert [r.json() for r in (recorded, resolved, rejected, revoked)] == [
        {"custom_form_success": f"已登记异议，异议编号 {objection_id}"},
        {"custom_form_success": "异议成立，该申报不能认定"},
        {"custom_form_success": f"申报 {app_id} 不予认定"},
        {"custom_form_success": f"证书 ZJSF-2025-{other:05d} 已撤销，该市场可重新申报"},
    ]
    assert (await application_row(app_id))["status"] == "REJECTED"
    assert (await application_row(other))["status"] == "REVOKED"


async def test_table_guards_refuse_direct_workflow_edits(client):
    await make_staff("zhao")
    headers = await login(client, "zhao")
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PROVINCE_ASSESSED")
    before = await application_row(app_id)
    score_id = (await CertificationScore.select(CertificationScore.id).first())["id"]
    base = "/admin/api/tables"

    patch_status = await client.patch(
        f"{base}/certification_application/{app_id}/", json={"status": "CERTIFIED"}, headers=headers
    )
    patch_note = await client.patch(
        f"{base}/certification_application/{app_id}/",
        json={"decision_note": "补充说明"},
        headers=headers,
    )
    patch_score = await client.patch(
        f"{base}/certification_score/{score_id}/", json={"assessor_score": 0}, headers=headers
    )
    delete = await client.delete(f"{base}/certification_application/{app_id}/", headers=headers)
    insert = await client.post(
        f"{base}/demonstration_certificate/",
        json={"market": market_id, "year": 2025, "certificate_no": "FAKE-1", "revoked_reason": ""},
        headers=headers,
    )

    use_forms = {"detail": "请使用“示范零工市场认定”中的表单办理，不能直接修改流程字段"}
    assert (patch_status.status_code, patch_status.json()) == (422, use_forms)
    assert patch_note.status_code == 200
    assert (patch_score.status_code, patch_score.json()) == (422, use_forms)
    assert (delete.status_code, delete.json()) == (
        422,
        {"detail": "流程记录不能删除；请使用“不予认定”或“撤销认定”表单"},
    )
    assert (insert.status_code, insert.json()) == (422, use_forms)
    after = await application_row(app_id)
    assert {**after, "decision_note": ""} == {**before, "decision_note": ""}
    assert after["decision_note"] == "补充说明"
    assert await DemonstrationCertificate.count() == 0


async def test_forms_need_an_admin_session_and_change_nothing_without_one(client):
    # given: for every form, something it would act on; and no one signed in
    standard = await default_standard()
    marks = _scores(standard)
    stages = ("SUBMITTED", "CITY_RECOMMENDED", "PROVINCE_ASSESSED", "PUBLICISED", "CERTIFIED")
    app = {s: await make_application(await make_market(), year=2025, stage=s) for s in stages}
    today = clock.today()
    objection_id = await workflow.record_objection(
        app["PUBLICISED"], today, "场地被挪作他用", STAFF
    )
    data = {
        "certification-submit": {
            "market_id": await make_market(),
            "year": 2025,
            "self_scores": marks,
            "evidence_titles": "场地平面图",
        },
        "certification-recommend": {"application_id": app["SUBMITTED"], "note": "同意推荐"},
        "certification-assess": {"application_id": app["CITY_RECOMMENDED"], "scores": marks},
        "certification-publicise": {"application_id": app["PROVINCE_ASSESSED"]},
        "certification-objection": {
            "application_id": app["PUBLICISED"],
            "received_on": today.isoformat(),
            "summary": "材料不实",
        },
        "certification-objection-resolve": {
            "objection_id": objection_id,
            "upheld": True,
            "resolution": "经核实属实",
        },
        "certification-certify": {"application_id": app["PUBLICISED"]},
        "certification-reject": {"application_id": app["SUBMITTED"], "reason": "材料不实"},
        "certification-revoke": {
            "certificate_no": f"ZJSF-2025-{app['CERTIFIED']:05d}",
            "reason": "发生查实欠薪",
        },
        "certification-standard": {"year": 2024},
    }
    await client.get("/admin/")
    csrf = client.cookies["csrftoken"]
    before = await snapshot()

    # when
    responses = {
        slug: await client.post(
            f"/admin/api/forms/{slug}/", json=body, headers={"X-CSRFToken": csrf}
        )
        for slug, body in data.items()
    }

    # then
    assert sorted(data) == sorted(f.slug for f in certification_forms())
    refused = (401, {"error": "Auth failed"})
    answers = {slug: (r.status_code, r.json()) for slug, r in responses.items()}
    assert answers == dict.fromkeys(data, refused)
    assert await snapshot() == before


async def test_scoring_rules_are_locked_while_an_application_is_open(client):
    await make_staff("feng")
    headers = await login(client, "feng")
    standard = await default_standard()
    criterion = standard.criteria[0]
    app_id = await make_application(await make_market(), year=2025)
    base = "/admin/api/tables"

    max_score = await client.patch(
        f"{base}/certification_criterion/{criterion.id}/", json={"max_score": 10}, headers=headers
    )
    wording = await client.patch(
        f"{base}/certification_criterion/{criterion.id}/",
        json={"text": "名称规范"},
        headers=headers,
    )
    threshold = await client.patch(
        f"{base}/certification_standard/{standard.id}/", json={"pass_score": 60}, headers=headers
    )
    await form(
        client, headers, "certification-reject", {"application_id": app_id, "reason": "撤回"}
    )
    after_decision = await client.patch(
        f"{base}/certification_criterion/{criterion.id}/", json={"max_score": 5}, headers=headers
    )

    locked = {"detail": "该标准有在办申报，评分规则暂不能修改（可为下一年度另建标准）"}
    assert (max_score.status_code, max_score.json()) == (422, locked)
    assert (threshold.status_code, threshold.json()) == (422, locked)
    assert (wording.status_code, after_decision.status_code) == (200, 200)
    assert [c.max_score for c in (await default_standard()).criteria][:2] == [5, 3]
    assert (await default_standard()).pass_score == 80
