"""Staff review: approve (a second, different approver above the programme's threshold), reject
with a reason, mark paid with a payment reference. Each decision is one transaction with its
audit entry; the programme's budget is raised by a conditional update, so simultaneous
approvals never overspend it, and a conditional update on status and version lets exactly one
of two simultaneous decisions on one application through."""

from __future__ import annotations

import re
from typing import Any

from piccolo.columns.combination import WhereRaw

from services.audit import rules as audit
from services.auth.staff import require_approver, scope_of
from services.db import is_unique_violation, write_transaction
from services.money import yuan
from services.problems import Problem, ServiceError
from services.retry import retrying
from services.timeutil import now
from tables import subsidy as t

ENTITY = "subsidy_application"
OPEN = ("SUBMITTED", "FIRST_APPROVED")
MAX_REASON = 500
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/]{0,63}$")
A = t.SubsidyApplication


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


def summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": row["status"],
        "amount_fen": row["amount_fen"],
        "first_approved_by": row["first_approved_by"],
        "decided_by": row["decided_by"],
        "reject_reason": row["reject_reason"],
        "payment_reference": row["payment_reference"],
        "version": row["version"],
    }


async def _row(application_id: int, staff_id: int) -> dict:
    """The application with its programme's threshold, if inside the staff member's region
    (outside it looks like a missing one)."""
    row = (
        await A.select(
            *A.all_columns(),
            A.programme._.approval_threshold_fen.as_alias("threshold"),
            A.region._.code.as_alias("county"),
        )
        .where(A.id == application_id)
        .first()
    )
    if row is None or not (await scope_of(staff_id)).covers(row["county"]):
        raise fail(
            "NOT_FOUND",
            f"第 {application_id} 号补贴申请不存在或不在您的管辖范围内",
            "application_id",
        )
    return row


async def _claim(row: dict, status: str, changes: dict) -> dict:
    claimed = (
        await A.update({A.status: status, A.version: row["version"] + 1, **changes})
        .where((A.id == row["id"]) & (A.status == row["status"]) & (A.version == row["version"]))
        .returning(A.id)
    )
    if not claimed:
        raise fail("ALREADY_DECIDED", "该申请刚被他人处理，请刷新后查看", "application_id")
    after = await A.select().where(A.id == row["id"]).first()
    assert after is not None  # updated just above in this transaction
    return after


async def _commit_budget(programme_id: int, amount: int) -> None:
    raised = (
        await t.SubsidyProgramme.update(
            {t.SubsidyProgramme.committed_fen: t.SubsidyProgramme.committed_fen + amount}
        )
        .where(
            (t.SubsidyProgramme.id == programme_id)
            & WhereRaw("committed_fen + {} <= budget_fen", amount)
        )
        .returning(t.SubsidyProgramme.id)
    )
    if not raised:
        row = await t.SubsidyProgramme.select().where(t.SubsidyProgramme.id == programme_id).first()
        assert row is not None  # the application references it (NOT NULL, ON DELETE RESTRICT)
        left = row["budget_fen"] - row["committed_fen"]
        raise fail(
            "BUDGET_EXCEEDED",
            f"超出补贴项目预算：剩余 {yuan(left)}，本次 {yuan(amount)}",
            "application_id",
        )


async def approve(application_id: int, staff_id: int) -> str:
    """SUBMITTED → APPROVED, or → FIRST_APPROVED when the amount is above the programme's
    threshold; FIRST_APPROVED → APPROVED by a different approver. Returns the new status."""
    await require_approver(staff_id, "审批补贴申请")
    return await retrying(lambda: _approve(application_id, staff_id))


async def _approve(application_id: int, staff_id: int) -> str:
    actor = audit.Actor("STAFF", staff_id)
    async with write_transaction():
        await audit.serialise()
        row = await _row(application_id, staff_id)
        if row["status"] not in OPEN:
            raise fail("ALREADY_DECIDED", "该申请已审结，不能重复审批", "application_id")
        moment = now()
        if row["status"] == "SUBMITTED" and row["amount_fen"] > row["threshold"]:
            after = await _claim(
                row,
                "FIRST_APPROVED",
                {A.first_approved_by: staff_id, A.first_approved_at: moment},
            )
            action = "first_approve"
        else:
            if row["status"] == "FIRST_APPROVED" and row["first_approved_by"] == staff_id:
                raise fail(
                    "SECOND_APPROVER_REQUIRED",
                    f"金额超过 {yuan(row['threshold'])}，须由另一位审批人复核",
                    "application_id",
                )
            after = await _claim(row, "APPROVED", {A.decided_by: staff_id, A.decided_at: moment})
            await _commit_budget(row["programme"], row["amount_fen"])
            action = "approve"
        await audit.record(
            actor,
            f"{ENTITY}.{action}",
            ENTITY,
            row["id"],
            before=summary(row),
            after=summary(after),
        )
        return after["status"]


async def reject(application_id: int, staff_id: int, reason: str | None) -> None:
    """An open application → REJECTED, with the reason the applicant will read."""
    text = (reason or "").strip()
    if not text:
        raise fail("REASON_REQUIRED", "驳回须填写理由", "reason")
    if len(text) > MAX_REASON:
        raise fail("TOO_LONG", f"驳回理由不超过 {MAX_REASON} 个字", "reason")
    await require_approver(staff_id, "驳回补贴申请")
    async with write_transaction():
        await audit.serialise()
        row = await _row(application_id, staff_id)
        if row["status"] not in OPEN:
            raise fail("ALREADY_DECIDED", "该申请已审结，不能驳回", "application_id")
        after = await _claim(
            row, "REJECTED", {A.decided_by: staff_id, A.decided_at: now(), A.reject_reason: text}
        )
        await audit.record(
            audit.Actor("STAFF", staff_id),
            f"{ENTITY}.reject",
            ENTITY,
            row["id"],
            before=summary(row),
            after=summary(after),
        )


async def mark_paid(application_id: int, staff_id: int, reference: str | None) -> None:
    """APPROVED → PAID with the payment's reference (unique across applications)."""
    text = (reference or "").strip()
    if not REFERENCE.match(text):
        raise fail(
            "INVALID_REFERENCE",
            "支付凭证号须为 1 到 64 位字母、数字、连字符、下划线或斜杠",
            "payment_reference",
        )
    if (await scope_of(staff_id)).read_only:
        raise fail("READ_ONLY", "只读账号不能办理业务")
    try:
        async with write_transaction():
            await audit.serialise()
            row = await _row(application_id, staff_id)
            if row["status"] != "APPROVED":
                raise fail("INVALID_STATE", "只有已批准的申请可以登记发放", "application_id")
            after = await _claim(
                row, "PAID", {A.paid_by: staff_id, A.paid_at: now(), A.payment_reference: text}
            )
            await audit.record(
                audit.Actor("STAFF", staff_id),
                f"{ENTITY}.pay",
                ENTITY,
                row["id"],
                before=summary(row),
                after=summary(after),
            )
    except Exception as exc:
        if is_unique_violation(exc):
            raise fail(
                "REFERENCE_TAKEN", "该支付凭证号已用于另一笔补贴", "payment_reference"
            ) from None
        raise
