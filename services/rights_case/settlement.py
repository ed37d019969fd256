"""Wage settlement per shift (线下确认、即时结算): the employer records the payment, the worker
confirms or disputes it; a dispute, or no record in time, becomes a wage-arrears case in one
step with the facts prefilled (（八）（十六））."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from services.audit.rules import Actor, record, serialise
from services.db import is_unique_violation, write_transaction
from services.job_posting.wage import to_yuan
from services.problems import Problems
from services.rights_case import rules
from services.rights_case.money import to_fen
from services.rights_case.rules import fail
from services.timeutil import local, now
from tables import job_posting as jp
from tables import rights_case as t

METHODS = ("CASH", "WECHAT", "ALIPAY", "BANK_TRANSFER")
# 即时结算: the employer records payment within a day of the work being completed; later, the
# worker may turn the silence into a case.
SETTLE_WITHIN = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=5)
MAX_REASON = 500
ENTITY = "wage_settlement"
METHOD_LABELS = {m.value.value: m.value.display_name for m in t.PaymentMethod}


async def _shift(application_id: int | None) -> dict[str, Any] | None:
    if application_id is None:
        return None
    return (
        await jp.JobApplication.select(
            *jp.JobApplication.all_columns(),
            jp.JobApplication.posting.employer,
            jp.JobApplication.posting.title,
            jp.JobApplication.posting.wage_fen,
            jp.JobApplication.posting.wage_unit,
        )
        .where(jp.JobApplication.id == application_id)
        .first()
    )


def _settlement_of(application_id: int):
    return t.WageSettlement.select().where(t.WageSettlement.application == application_id).first()


async def record_payment(
    employer_id: int,
    application_id: int | None,
    amount: Decimal,
    method: str,
    paid_at: datetime,
) -> int:
    """The employer's payment record for a completed shift; returns the application id."""
    problems = Problems()
    fen = to_fen(amount, problems, "amount")
    if method not in METHODS:
        problems.add("INVALID_CHOICE", "支付方式无效", "method")
    if paid_at.tzinfo is None:
        problems.add("INVALID_TIME", "时间须带时区，例如 2026-12-01T18:00:00+08:00", "paidAt")
    elif paid_at > now() + CLOCK_SKEW:
        problems.add("INVALID_TIME", "支付时间不能晚于现在", "paidAt")
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        shift = await _shift(application_id)
        if shift is None or shift["posting.employer"] != employer_id:
            raise fail("NOT_FOUND", "报名记录不存在", "jobApplicationId")
        if shift["status"] != "COMPLETED":
            raise fail("NOT_COMPLETED", "只有已完工的报名可以登记工资支付", "jobApplicationId")
        if await _settlement_of(shift["id"]) is not None:
            raise fail("ALREADY_RECORDED", "该班次已登记过工资支付", "jobApplicationId")
        try:
            await t.WageSettlement.insert(
                t.WageSettlement(
                    application=shift["id"], amount_fen=fen, method=method, paid_at=paid_at
                )
            )
        except Exception as exc:
            if is_unique_violation(exc):
                raise fail(
                    "ALREADY_RECORDED", "该班次已登记过工资支付", "jobApplicationId"
                ) from None
            raise
        await record(
            Actor("EMPLOYER", employer_id),
            f"{ENTITY}.record",
            "job_application",
            shift["id"],
            after={"amount_fen": fen, "method": method, "paid_at": paid_at},
        )
    return shift["id"]


async def answer(worker_id: int, application_id: int | None, confirm: bool, reason: str) -> int:
    """The worker confirms the recorded payment or disputes it with a reason."""
    text = (reason or "").strip()
    if not confirm and not text:
        raise fail("REQUIRED", "请说明异议（例如少付的金额）", "reason")
    if len(text) > MAX_REASON:
        raise fail("TOO_LONG", f"不超过 {MAX_REASON} 个字", "reason")
    async with write_transaction():
        await serialise()
        shift = await _shift(application_id)
        if shift is None or shift["worker"] != worker_id:
            raise fail("NOT_FOUND", "报名记录不存在", "jobApplicationId")
        settlement = await _settlement_of(shift["id"])
        if settlement is None:
            raise fail("NOT_RECORDED", "用工主体尚未登记工资支付", "jobApplicationId")
        status = "CONFIRMED" if confirm else "DISPUTED"
        updated = (
            await t.WageSettlement.update(
                {
                    t.WageSettlement.status: status,
                    t.WageSettlement.answered_at: now(),
                    t.WageSettlement.dispute_reason: "" if confirm else text,
                    t.WageSettlement.version: settlement["version"] + 1,
                }
            )
            .where(
                (t.WageSettlement.id == settlement["id"])
                & (t.WageSettlement.status == "RECORDED")
                & (t.WageSettlement.version == settlement["version"])
            )
            .returning(t.WageSettlement.id)
        )
        if not updated:
            raise fail("ALREADY_ANSWERED", "已经确认或提出过异议", "jobApplicationId")
        await record(
            Actor("WORKER", worker_id),
            f"{ENTITY}.{'confirm' if confirm else 'dispute'}",
            "job_application",
            shift["id"],
            before={"status": "RECORDED"},
            after={"status": status, "reason": text},
        )
    return shift["id"]


def _shift_pay_fen(shift: dict[str, Any]) -> int | None:
    """What the shift should have paid: a day rate, or an hourly rate × the shift's hours."""
    unit, fen = shift["posting.wage_unit"], shift["posting.wage_fen"]
    if unit == "DAY":
        return fen
    if unit == "HOUR":
        hours = Decimal((shift["ends_at"] - shift["starts_at"]).total_seconds()) / 3600
        return int((hours * fen).to_integral_value())
    return None  # piece rates and monthly wages need the worker's own figure


async def file_from_shift(worker_id: int, application_id: int | None) -> int:
    """One step from an unpaid or disputed shift to a wage-arrears case: the employer, posting,
    market, amount and facts come from the records. Returns the case id."""
    shift = await _shift(application_id)
    if shift is None or shift["worker"] != worker_id:
        raise fail("NOT_FOUND", "报名记录不存在", "jobApplicationId")
    if shift["status"] != "COMPLETED":
        raise fail("NOT_COMPLETED", "只有已完工的班次可以申请欠薪维权", "jobApplicationId")
    settlement = await _settlement_of(shift["id"])
    due = _shift_pay_fen(shift)
    day = local(shift["starts_at"]).strftime("%Y-%m-%d")
    facts = f"{day}「{shift['posting.title']}」已完工"
    if due is not None:
        facts += f"，按招工信息应付 {to_yuan(due)} 元"
    if settlement is None:
        deadline = shift["completed_at"] + SETTLE_WITHIN
        if now() < deadline:
            raise fail(
                "NOT_DUE_YET", "完工 24 小时后仍未登记支付，才可申请欠薪维权", "jobApplicationId"
            )
        facts += "；完工超过 24 小时，用工主体未登记工资支付"
        claimed = due
    elif settlement["status"] == "DISPUTED":
        paid = settlement["amount_fen"]
        method = METHOD_LABELS[settlement["method"]]
        facts += f"；用工主体登记{method}支付 {to_yuan(paid)} 元，零工异议：{settlement['dispute_reason']}"
        claimed = due - paid if due is not None and due > paid else None
    else:
        raise fail("SETTLED", "该班次的工资支付没有异议", "jobApplicationId")
    draft = rules.CaseDraft(
        kind="WAGE_ARREARS",
        summary=facts,
        application_id=shift["id"],
        application_given=True,
        amount_claimed=to_yuan(claimed) if claimed else None,
    )
    # The case and the link from the settlement commit together (file_case joins this
    # transaction).
    async with write_transaction():
        case_id = await rules.file_case(Actor("WORKER", worker_id), draft)
        if settlement is not None:
            await t.WageSettlement.update({t.WageSettlement.rights_case: case_id}).where(
                t.WageSettlement.id == settlement["id"]
            )
    return case_id


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
POSTING_EMPLOYER = jp.JobApplication.posting._.employer
# Settlement figures look back this far: recent behaviour is what a worker deciding to apply
# needs to know.
FIGURES_WINDOW = timedelta(days=180)


async def figures(employer_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per employer, over completed shifts of the last 180 days: how many, recorded within 24
    hours of completion, recorded later, still unrecorded after 24 hours, disputed."""
    moment = now()
    found = {
        e: dict.fromkeys(("completed", "on_time", "late", "unrecorded", "disputed"), 0)
        for e in employer_ids
    }
    if not employer_ids:
        return found
    shifts = await jp.JobApplication.select(
        jp.JobApplication.id, jp.JobApplication.completed_at, POSTING_EMPLOYER
    ).where(
        (jp.JobApplication.status == "COMPLETED")
        & POSTING_EMPLOYER.is_in(employer_ids)
        & (jp.JobApplication.completed_at >= moment - FIGURES_WINDOW)
    )
    records = {}
    if shifts:
        rows = await t.WageSettlement.select(
            t.WageSettlement.application, t.WageSettlement.recorded_at, t.WageSettlement.status
        ).where(t.WageSettlement.application.is_in([s["id"] for s in shifts]))
        records = {r["application"]: r for r in rows}
    for shift in shifts:
        counts = found[shift["posting.employer"]]
        counts["completed"] += 1
        deadline = shift["completed_at"] + SETTLE_WITHIN
        settled = records.get(shift["id"])
        if settled is None:
            counts["unrecorded"] += moment > deadline
            continue
        counts["on_time" if settled["recorded_at"] <= deadline else "late"] += 1
        counts["disputed"] += settled["status"] == "DISPUTED"
    return found
