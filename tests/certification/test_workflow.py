"""Unit tests of the workflow services: eligibility, disqualifiers, transitions, audit."""

from datetime import date, timedelta

import pytest

from services.audit.rules import verify_chain
from services.certification import clock, workflow
from services.problems import Problem, ServiceError
from tables.assessment import Assessment, AssessmentScheme
from tables.audit import AuditLog
from tables.certification import (
    CertificationApplication,
    CertificationObjection,
    CertificationScore,
    DemonstrationCertificate,
)
from tables.operator import OperatingContract
from tables.rights_case import RightsCase
from tests.fixtures.certification import (
    STAFF,
    application_row,
    certify_after_publicity,
    default_standard,
    full_marks,
    make_application,
    self_assessment,
)
from tests.fixtures.market import make_market, make_operator


async def _problems(coro) -> list[Problem]:
    with pytest.raises(ServiceError) as caught:
        await coro
    return caught.value.problems


async def test_full_lifecycle_grants_a_certificate_and_audits_every_step():
    market_id = await make_market()

    app_id = await make_application(market_id, year=2025, stage="CERTIFIED")

    row = await application_row(app_id)
    assert (row["status"], row["total_score"], row["version"]) == ("CERTIFIED", 100, 4)
    certs = await DemonstrationCertificate.select(
        DemonstrationCertificate.market,
        DemonstrationCertificate.year,
        DemonstrationCertificate.certificate_no,
        DemonstrationCertificate.revoked_on,
    )
    assert certs == [
        {
            "market": market_id,
            "year": 2025,
            "certificate_no": f"ZJSF-2025-{app_id:05d}",
            "revoked_on": None,
        }
    ]
    actions = await AuditLog.select(AuditLog.action, AuditLog.entity_id).order_by(AuditLog.id)
    assert actions == [
        {"action": f"certification.{a}", "entity_id": app_id}
        for a in ("submit", "recommend", "assess", "publicise", "certify")
    ]
    assert (await verify_chain()).ok


async def test_market_younger_than_three_months_cannot_apply_and_nothing_is_written(monkeypatch):
    market_id = await make_market(established_on=date(2025, 3, 1))
    standard = await default_standard()
    monkeypatch.setattr(clock, "today", lambda: date(2025, 5, 31))

    problems = await _problems(
        workflow.submit(market_id, 2025, self_assessment(full_marks(standard)), [], STAFF)
    )

    assert problems == [
        Problem("TOO_EARLY", "零工市场开业满 3 个月后方可申报（2025-06-01 起）", ("market_id",))
    ]
    assert await CertificationApplication.count() == 0
    assert await CertificationScore.count() == 0
    assert await AuditLog.count() == 0


async def test_on_the_eligibility_date_the_market_may_apply(monkeypatch):
    market_id = await make_market(established_on=date(2025, 3, 1))
    standard = await default_standard()
    monkeypatch.setattr(clock, "today", lambda: date(2025, 6, 1))

    app_id = await workflow.submit(
        market_id, 2025, self_assessment(full_marks(standard)), [], STAFF
    )

    assert (await application_row(app_id))["status"] == "SUBMITTED"


async def test_stations_unknown_years_and_incomplete_self_assessments_are_refused_together():
    parent = await make_market()
    station = await make_market(station_type="RURAL_STATION", parent_market_id=parent)
    standard = await default_standard()
    partial = self_assessment(full_marks(standard))[:-2]

    problems = await _problems(workflow.submit(station, 2022, partial, [], STAFF))

    assert problems == [
        Problem("MARKET_NOT_ELIGIBLE", "零工驿站、零工超市不能申报示范零工市场", ("market_id",)),
        Problem(
            "INVALID_YEAR", f"申报年度须在 2023 年到 {clock.today().year + 1} 年之间", ("year",)
        ),
    ]
    problems = await _problems(workflow.submit(parent, 2025, partial, [], STAFF))
    assert problems == [Problem("SCORE_MISSING", "还有 2 条评分条目未打分", ("self_assessment",))]
    assert await CertificationApplication.count() == 0


async def test_one_live_application_per_market_and_year_but_a_rejected_one_can_be_followed():
    market_id = await make_market()
    first = await make_application(market_id, year=2025)
    standard = await default_standard()
    again = workflow.submit(market_id, 2025, self_assessment(full_marks(standard)), [], STAFF)

    assert await _problems(again) == [
        Problem("DUPLICATE_APPLICATION", "该市场本年度已有在办或已认定的申报", ("year",))
    ]
    await workflow.reject(first, "材料不全", STAFF)
    second = await make_application(market_id, year=2025)
    assert second != first
    assert await CertificationApplication.count() == 2


async def _flagged_assessment(market_id: int) -> None:
    operator_id = await make_operator()
    scheme = AssessmentScheme(year=2025, name="2025年考核办法")
    await scheme.save()
    contract = OperatingContract(
        operator=operator_id,
        market=market_id,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
    )
    await contract.save()
    await Assessment(
        scheme=scheme.id,
        contract=contract.id,
        operator=operator_id,
        market=market_id,
        period="2025-05",
        flagged=1,
        status="DRAFT",
    ).save()


async def test_substantiated_discrimination_case_or_flagged_data_block_certification():
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    await RightsCase(
        market=market_id,
        kind="DISCRIMINATION",
        status="RESOLVED",
        outcome="SUBSTANTIATED",
        summary="性别歧视",
    ).save()
    await RightsCase(
        market=market_id,
        kind="WAGE_ARREARS",
        status="RESOLVED",
        outcome="NOT_SUBSTANTIATED",
        summary="不成立",
    ).save()
    await RightsCase(
        market=market_id, kind="OTHER", status="RESOLVED", outcome="SUBSTANTIATED", summary="其他"
    ).save()
    await _flagged_assessment(market_id)
    ends = (await application_row(app_id))["publicity_ends_on"]

    problems = await _problems(certify_after_publicity(app_id, ends))

    assert problems == [
        Problem("DISQUALIFIED", "该市场有 1 件查实的欠薪或就业歧视案件，不能认定", ()),
        Problem("DISQUALIFIED", "该市场有 1 份上报数据存疑的考核，不能认定", ()),
    ]
    assert (await application_row(app_id))["status"] == "PUBLICISED"
    assert await DemonstrationCertificate.count() == 0


async def test_a_disqualified_market_cannot_even_apply():
    market_id = await make_market()
    await RightsCase(
        market=market_id,
        kind="WAGE_ARREARS",
        status="RESOLVED",
        outcome="SUBSTANTIATED",
        summary="欠薪",
    ).save()
    standard = await default_standard()

    problems = await _problems(
        workflow.submit(market_id, 2025, self_assessment(full_marks(standard)), [], STAFF)
    )

    assert problems == [
        Problem("DISQUALIFIED", "该市场有 1 件查实的欠薪或就业歧视案件，不能认定", ("market_id",))
    ]


async def test_certify_waits_for_the_end_of_publicity_and_for_objections():
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    row = await application_row(app_id)
    assert row["publicity_ends_on"] - row["publicity_starts_on"] == timedelta(days=6)

    early = await _problems(workflow.certify(app_id, STAFF))
    assert early == [
        Problem(
            "PUBLICITY_NOT_ENDED",
            f"公示期至 {row['publicity_ends_on'].isoformat()} 结束，期满后方可认定",
            ("application_id",),
        )
    ]
    objection = await workflow.record_objection(
        app_id, row["publicity_starts_on"], "场地不符", STAFF
    )
    pending = await _problems(certify_after_publicity(app_id, row["publicity_ends_on"]))
    assert pending == [Problem("OBJECTION_PENDING", "尚有未处理的异议", ("application_id",))]
    await workflow.resolve_objection(objection, True, "经核实，场地面积不足", STAFF)
    upheld = await _problems(certify_after_publicity(app_id, row["publicity_ends_on"]))
    assert upheld == [Problem("OBJECTION_UPHELD", "有成立的异议，不予认定", ("application_id",))]
    assert await DemonstrationCertificate.count() == 0
    await workflow.reject(app_id, "异议成立", STAFF)
    assert (await application_row(app_id))["status"] == "REJECTED"


async def test_a_dismissed_objection_does_not_block_certification():
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    row = await application_row(app_id)
    objection = await workflow.record_objection(app_id, row["publicity_starts_on"], "噪音", STAFF)
    await workflow.resolve_objection(objection, False, "经核实不成立", STAFF)

    number = await certify_after_publicity(app_id, row["publicity_ends_on"])

    assert number == f"ZJSF-2025-{app_id:05d}"
    objections = await CertificationObjection.select(
        CertificationObjection.upheld, CertificationObjection.resolution
    )
    assert objections == [{"upheld": False, "resolution": "经核实不成立"}]


async def test_scores_below_threshold_block_publicity_except_under_relaxed_mountain_thresholds():
    standard = await default_standard()
    # 23 points off spread so that every item keeps its normal threshold: total 77 < 80, ≥ 75.
    scores = full_marks(standard, c1=3, c4=5, c7=2, c8=4, c11=4, c15=2, c18=3)
    city = await make_market()
    mountain = await make_market(
        name="淳安县千岛湖综合零工市场", region_code="330127", latitude=29.6, longitude=119.0
    )

    for market_id in (city, mountain):
        app_id = await workflow.submit(
            market_id, 2025, self_assessment(full_marks(standard)), [], STAFF
        )
        await workflow.recommend(app_id, STAFF)
        evaluation = await workflow.assess(app_id, scores, STAFF)
        assert (evaluation.total, evaluation.passed) == (77, market_id == mountain)
        if market_id == city:
            assert await _problems(workflow.publicise(app_id, STAFF)) == [
                Problem("BELOW_THRESHOLD", "总分 77，低于合格线 80")
            ]
        else:
            await workflow.publicise(app_id, STAFF)
            assert (await application_row(app_id))["status"] == "PUBLICISED"


async def test_a_second_click_gets_a_clear_error_and_changes_nothing():
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025)
    await workflow.recommend(app_id, STAFF)
    before = await application_row(app_id)

    problems = await _problems(workflow.recommend(app_id, STAFF))

    assert problems == [
        Problem("INVALID_STATUS", "该申报当前为“市级已推荐”，不能推荐", ("application_id",))
    ]
    assert await application_row(app_id) == before
    assert await AuditLog.count() == 2


async def test_revoked_market_can_be_reassessed_and_certified_again_for_the_same_year():
    market_id = await make_market()
    first = await make_application(market_id, year=2025, stage="CERTIFIED")

    await workflow.revoke(f"ZJSF-2025-{first:05d}", "服务质量下降", STAFF)

    assert (await application_row(first))["status"] == "REVOKED"
    second = await make_application(market_id, year=2025, stage="CERTIFIED")
    certs = await DemonstrationCertificate.select(
        DemonstrationCertificate.application, DemonstrationCertificate.revoked_reason
    ).order_by(DemonstrationCertificate.id)
    assert certs == [
        {"application": first, "revoked_reason": "服务质量下降"},
        {"application": second, "revoked_reason": ""},
    ]
    again = await _problems(workflow.revoke(f"ZJSF-2025-{first:05d}", "重复", STAFF))
    assert again == [Problem("ALREADY_REVOKED", "该证书已撤销", ("certificate_no",))]


async def test_reject_needs_a_reason_and_closed_applications_cannot_be_rejected():
    market_id = await make_market()
    app_id = await make_application(market_id, year=2025, stage="CERTIFIED")

    assert await _problems(workflow.reject(app_id, "  ", STAFF)) == [
        Problem("REQUIRED", "请填写不予认定的理由", ("reason",))
    ]
    assert await _problems(workflow.reject(app_id, "不符合", STAFF)) == [
        Problem("INVALID_STATUS", "该申报当前为“已认定”，不能作出不予认定决定", ("application_id",))
    ]


async def test_a_certificate_granted_before_the_platform_blocks_a_second_one_and_can_be_revoked():
    market_id = await make_market()
    await DemonstrationCertificate(
        market=market_id, year=2025, certificate_no="ZJSF-2025-OLD"
    ).save()
    app_id = await make_application(market_id, year=2025, stage="PUBLICISED")
    ends = (await application_row(app_id))["publicity_ends_on"]

    problems = await _problems(certify_after_publicity(app_id, ends))
    await workflow.revoke("ZJSF-2025-OLD", "复核不达标", STAFF)
    number = await certify_after_publicity(app_id, ends)

    assert problems == [
        Problem("ALREADY_CERTIFIED", "该市场本年度已持有有效证书", ("application_id",))
    ]
    assert number == f"ZJSF-2025-{app_id:05d}"
    revocation = await AuditLog.select(AuditLog.action, AuditLog.entity_type).where(
        AuditLog.action == "certification.revoke"
    )
    assert revocation == [
        {"action": "certification.revoke", "entity_type": "demonstration_certificate"}
    ]
