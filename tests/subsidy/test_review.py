"""Staff review (services/subsidy/review.py): approve, second approver above the threshold,
reject with a reason, mark paid; every decision audited; refusals change nothing."""

from __future__ import annotations

import pytest

from services.audit.rules import verify_chain
from services.problems import ServiceError
from services.subsidy import review
from tables import subsidy as t
from tables.audit import AuditLog
from tables.auth import StaffScope
from tests.fixtures.job_posting import make_cast
from tests.fixtures.market import region_id
from tests.fixtures.subsidy import (
    apply,
    make_approver,
    make_completed_training,
    make_programme,
    snapshot,
)
from tests.fixtures.worker import make_worker


async def trainee(amount: str = "800", threshold: str = "500", budget: str = "100000") -> int:
    """A SUBMITTED training-subsidy application of `amount` yuan."""
    cast = await make_cast()
    await make_completed_training(cast.market_id, cast.worker_id)
    programme = await make_programme(amount=amount, threshold=threshold, budget=budget)
    return await apply(cast.worker_id, programme)


async def refusal(call) -> tuple[str, str, tuple[str, ...]]:
    with pytest.raises(ServiceError) as caught:
        await call
    (problem,) = caught.value.problems
    return problem.code, problem.message, problem.field


async def state() -> dict:
    row = await t.SubsidyApplication.select(
        t.SubsidyApplication.status,
        t.SubsidyApplication.first_approved_by,
        t.SubsidyApplication.decided_by,
        t.SubsidyApplication.version,
    ).first()
    budget = await t.SubsidyProgramme.select(t.SubsidyProgramme.committed_fen).first()
    assert row is not None and budget is not None
    return {**row, **budget}


async def test_below_the_threshold_one_approver_decides():
    # given
    application = await trainee(amount="400", threshold="500")
    approver = await make_approver()

    # when
    status = await review.approve(application, approver)

    # then
    assert status == "APPROVED"
    assert await state() == {
        "status": "APPROVED",
        "first_approved_by": None,
        "decided_by": approver,
        "version": 1,
        "committed_fen": 40000,
    }
    actions = await AuditLog.select(AuditLog.action, AuditLog.actor_id).where(
        AuditLog.entity_type == "subsidy_application"
    )
    assert actions[-1] == {"action": "subsidy_application.approve", "actor_id": approver}
    assert (await verify_chain()).ok


async def test_above_the_threshold_a_second_different_approver_is_needed():
    # given
    application = await trainee(amount="800", threshold="500")
    first, second = await make_approver(), await make_approver()

    # when: the first approves, tries again, then the second approves
    assert await review.approve(application, first) == "FIRST_APPROVED"
    after_first = await state()
    before = await snapshot()
    again = await refusal(review.approve(application, first))
    assert await snapshot() == before
    assert await review.approve(application, second) == "APPROVED"

    # then
    assert after_first == {
        "status": "FIRST_APPROVED",
        "first_approved_by": first,
        "decided_by": None,
        "version": 1,
        "committed_fen": 0,
    }
    assert again == (
        "SECOND_APPROVER_REQUIRED",
        "金额超过 500.00 元，须由另一位审批人复核",
        ("application_id",),
    )
    assert await state() == {
        "status": "APPROVED",
        "first_approved_by": first,
        "decided_by": second,
        "version": 2,
        "committed_fen": 80000,
    }
    actions = [
        (r["action"], r["actor_id"])
        for r in await AuditLog.select(AuditLog.action, AuditLog.actor_id)
        .where(AuditLog.entity_type == "subsidy_application")
        .order_by(AuditLog.id)
    ]
    assert actions[1:] == [
        ("subsidy_application.first_approve", first),
        ("subsidy_application.approve", second),
    ]
    assert (await verify_chain()).ok


async def test_only_approvers_decide_and_read_only_staff_never():
    # given
    application = await trainee()
    reviewer = await make_approver(approver=False)
    reader = await make_approver(approver=True, read_only=True)
    before = await snapshot()

    # when / then
    for staff in (reviewer, reader):
        assert await refusal(review.approve(application, staff)) == (
            "APPROVER_REQUIRED",
            "只有审批人可以审批补贴申请",
            (),
        )
        assert await refusal(review.reject(application, staff, "不符合")) == (
            "APPROVER_REQUIRED",
            "只有审批人可以驳回补贴申请",
            (),
        )
    assert await refusal(review.mark_paid(application, reader, "PAY-1")) == (
        "READ_ONLY",
        "只读账号不能办理业务",
        (),
    )
    assert await snapshot() == before


async def test_staff_outside_the_applicants_region_do_not_see_it():
    # given: the worker lives in 上城区 (Hangzhou); the approver works in 宁波市
    application = await trainee()
    approver = await make_approver()
    await StaffScope.update({StaffScope.region: await region_id("330200")}).where(
        StaffScope.user == approver
    )
    before = await snapshot()

    # when / then
    assert await refusal(review.approve(application, approver)) == (
        "NOT_FOUND",
        f"第 {application} 号补贴申请不存在或不在您的管辖范围内",
        ("application_id",),
    )
    assert await snapshot() == before


async def test_reject_needs_a_reason_and_ends_the_review():
    # given: approved once, above the threshold
    application = await trainee(amount="800", threshold="500")
    first, second = await make_approver(), await make_approver()
    await review.approve(application, first)
    before = await snapshot()

    # when
    blank = await refusal(review.reject(application, second, "  "))
    assert await snapshot() == before
    await review.reject(application, second, "结业证书编号与培训机构登记不符")
    late = await refusal(review.approve(application, second))

    # then
    assert blank == ("REASON_REQUIRED", "驳回须填写理由", ("reason",))
    assert late == ("ALREADY_DECIDED", "该申请已审结，不能重复审批", ("application_id",))
    row = await t.SubsidyApplication.select(
        t.SubsidyApplication.status, t.SubsidyApplication.reject_reason
    ).first()
    assert row == {"status": "REJECTED", "reject_reason": "结业证书编号与培训机构登记不符"}
    budget = await t.SubsidyProgramme.select(t.SubsidyProgramme.committed_fen).first()
    assert budget == {"committed_fen": 0}


async def test_mark_paid_after_approval_with_a_unique_reference():
    # given: two approved applications
    one, two = await trainee(amount="300"), await trainee(amount="300")
    approver = await make_approver()
    early = await refusal(review.mark_paid(one, approver, "PAY-2026-0001"))
    for application in (one, two):
        await review.approve(application, approver)

    # when
    bad = await refusal(review.mark_paid(one, approver, "付款 1"))
    await review.mark_paid(one, approver, "PAY-2026-0001")
    before = await snapshot()
    taken = await refusal(review.mark_paid(two, approver, "PAY-2026-0001"))
    twice = await refusal(review.mark_paid(one, approver, "PAY-2026-0002"))

    # then
    assert early == ("INVALID_STATE", "只有已批准的申请可以登记发放", ("application_id",))
    assert bad == (
        "INVALID_REFERENCE",
        "支付凭证号须为 1 到 64 位字母、数字、连字符、下划线或斜杠",
        ("payment_reference",),
    )
    assert taken == ("REFERENCE_TAKEN", "该支付凭证号已用于另一笔补贴", ("payment_reference",))
    assert twice == early
    assert await snapshot() == before
    row = (
        await t.SubsidyApplication.select(
            t.SubsidyApplication.status,
            t.SubsidyApplication.payment_reference,
            t.SubsidyApplication.paid_by,
        )
        .where(t.SubsidyApplication.id == one)
        .first()
    )
    assert row == {"status": "PAID", "payment_reference": "PAY-2026-0001", "paid_by": approver}
    assert (await verify_chain()).ok


async def test_an_approval_beyond_the_budget_is_refused():
    # given: 1 000 yuan of budget, two applications of 800 yuan
    cast = await make_cast()
    programme = await make_programme(amount="800", threshold="1000", budget="1000")
    apps = []
    for _ in range(2):
        worker, _ = await make_worker()
        await make_completed_training(cast.market_id, worker)
        apps.append(await apply(worker, programme))
    approver = await make_approver()
    await review.approve(apps[0], approver)
    before = await snapshot()

    # when
    over = await refusal(review.approve(apps[1], approver))

    # then
    assert over == (
        "BUDGET_EXCEEDED",
        "超出补贴项目预算：剩余 200.00 元，本次 800.00 元",
        ("application_id",),
    )
    assert await snapshot() == before
