"""Attendance per session and completion with a certificate number, recorded by the operator
of the course's market or by staff; a completion is what `trainingsDelivered` counts."""

from __future__ import annotations

import re

from services.audit import rules as audit
from services.auth.rules import Role
from services.db import is_unique_violation, write_transaction
from services.problems import Problem, ServiceError
from services.timeutil import now
from services.training.enrolment import fail
from services.training.rules import Actor, locked
from tables import training as t

CERTIFICATE_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,39}", re.ASCII)


async def managed_enrolment(actor: Actor, enrolment_id: int | None) -> dict:
    """The enrolment if the actor manages its course; otherwise NOT_FOUND, like a missing one."""
    row = None
    if enrolment_id is not None and actor.role in (Role.OPERATOR, Role.STAFF):
        row = await locked(
            t.TrainingEnrolment.select(
                *t.TrainingEnrolment.all_columns(),
                t.TrainingEnrolment.course._.market._.operator.as_alias("manager"),
            ).where(t.TrainingEnrolment.id == enrolment_id),
            t.TrainingEnrolment,
        ).first()
    if row is None or (actor.role == Role.OPERATOR and row["manager"] != actor.id):
        raise fail("NOT_FOUND", "报名记录不存在", "enrolmentId")
    return row


async def record_attendance(
    actor: Actor, enrolment_id: int | None, session_id: int | None, present: bool
) -> int:
    """Mark an enrolled worker present or absent at a session that has started (a second mark
    replaces the first). Returns the enrolment id."""
    try:
        return await _record(actor, enrolment_id, session_id, present)
    except Exception as exc:
        if is_unique_violation(exc):  # a simultaneous first mark of the same session won
            return await _record(actor, enrolment_id, session_id, present)
        raise


async def _record(
    actor: Actor, enrolment_id: int | None, session_id: int | None, present: bool
) -> int:
    async with write_transaction():
        row = await managed_enrolment(actor, enrolment_id)
        if row["status"] != "ENROLLED":
            raise fail("INVALID_STATE", "只有已报名（未结业）的学员可以记录考勤", "enrolmentId")
        session = (
            await t.TrainingSession.select(t.TrainingSession.id, t.TrainingSession.starts_at)
            .where(
                (t.TrainingSession.id == session_id) & (t.TrainingSession.course == row["course"])
            )
            .first()
            if session_id is not None
            else None
        )
        if session is None:
            raise fail("NOT_FOUND", "该课程没有这次课", "sessionId")
        moment = now()
        if session["starts_at"] > moment:
            raise fail("NOT_STARTED", "这次课还没有开始", "sessionId")
        updated = (
            await t.TrainingAttendance.update(
                {
                    t.TrainingAttendance.present: present,
                    t.TrainingAttendance.recorded_at: moment,
                    t.TrainingAttendance.recorded_by: str(actor.role),
                }
            )
            .where(
                (t.TrainingAttendance.enrolment == row["id"])
                & (t.TrainingAttendance.session == session["id"])
            )
            .returning(t.TrainingAttendance.id)
        )
        if not updated:
            await t.TrainingAttendance.insert(
                t.TrainingAttendance(
                    enrolment=row["id"],
                    session=session["id"],
                    present=present,
                    recorded_at=moment,
                    recorded_by=str(actor.role),
                )
            )
    return row["id"]


def clean_certificate_no(raw: str) -> str:
    value = (raw or "").strip()
    if not CERTIFICATE_NO.fullmatch(value):
        raise fail(
            "INVALID_CERTIFICATE_NO",
            "证书编号为 1 到 40 位字母、数字或连字符，以字母或数字开头",
            "certificateNo",
        )
    return value


async def complete(actor: Actor, enrolment_id: int | None, certificate_no: str) -> int:
    """ENROLLED → COMPLETED with a certificate number, once the last session has started and
    the worker was present at every session. Returns the enrolment id."""
    number = clean_certificate_no(certificate_no)
    try:
        return await _complete(actor, enrolment_id, number)
    except Exception as exc:
        if is_unique_violation(exc):
            raise fail("CERTIFICATE_TAKEN", "证书编号已被使用", "certificateNo") from None
        raise


async def _complete(actor: Actor, enrolment_id: int | None, number: str) -> int:
    async with write_transaction():
        await audit.serialise()
        row = await managed_enrolment(actor, enrolment_id)
        if row["status"] != "ENROLLED":
            raise fail("INVALID_STATE", "只有已报名（未结业）的学员可以结业", "enrolmentId")
        sessions = await t.TrainingSession.select(
            t.TrainingSession.id, t.TrainingSession.starts_at
        ).where(t.TrainingSession.course == row["course"])
        moment = now()
        if any(s["starts_at"] > moment for s in sessions):
            raise fail("NOT_FINISHED", "课程还有未开始的课次，不能结业", "enrolmentId")
        present = {
            a["session"]
            for a in await t.TrainingAttendance.select(t.TrainingAttendance.session).where(
                (t.TrainingAttendance.enrolment == row["id"])
                & t.TrainingAttendance.present.eq(True)
            )
        }
        missing = [s for s in sessions if s["id"] not in present]
        if missing:
            raise fail(
                "ATTENDANCE_INCOMPLETE",
                f"还有 {len(missing)} 次课没有出勤记录，不能结业",
                "enrolmentId",
            )
        if await t.TrainingEnrolment.exists().where(t.TrainingEnrolment.certificate_no == number):
            raise fail("CERTIFICATE_TAKEN", "证书编号已被使用", "certificateNo")
        updated = (
            await t.TrainingEnrolment.update(
                {
                    t.TrainingEnrolment.status: "COMPLETED",
                    t.TrainingEnrolment.completed_at: moment,
                    t.TrainingEnrolment.certificate_no: number,
                    t.TrainingEnrolment.version: t.TrainingEnrolment.version + 1,
                }
            )
            .where(
                (t.TrainingEnrolment.id == row["id"]) & (t.TrainingEnrolment.status == "ENROLLED")
            )
            .returning(t.TrainingEnrolment.id)
        )
        if not updated:
            raise ServiceError(
                [Problem("INVALID_STATE", "报名状态已变化，请刷新", ("enrolmentId",))]
            )
        await audit.record(
            audit.Actor(str(actor.role), actor.id),
            "training.complete",
            "training_enrolment",
            row["id"],
            after={"certificate_no": number, "course": row["course"], "worker": row["worker"]},
        )
    return row["id"]
