"""Training workflow forms (技能培训): publish and close a course, record attendance, complete
an enrolment with its certificate number. Each is started from the record (⋮) with its id
filled in, and calls services/training, which checks the rules and audits the step."""

from __future__ import annotations

import re
from typing import Literal

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, RowAction, dropdown, form, run_service, staff_id
from services.db import write_transaction
from services.training import attendance, rules
from tables import training as t

GROUP = "技能培训"
PUBLISH, CLOSE = "training-publish", "training-close"
ATTEND, COMPLETE = "training-attendance", "training-complete"
CLASS_ATTEND = "training-class-attendance"
ATTENDANCE = {"PRESENT": "出勤", "ABSENT": "缺勤"}

ROW_ACTIONS = {
    t.TrainingCourse: [
        RowAction("发布课程", PUBLISH, {"course_id": ROW_ID}),
        RowAction("记录本次课考勤", CLASS_ATTEND, {"course_id": ROW_ID}),
        RowAction("关闭课程", CLOSE, {"course_id": ROW_ID}),
    ],
    t.TrainingEnrolment: [
        RowAction("记录出勤", ATTEND, {"enrolment_id": ROW_ID, "attendance": "PRESENT"}),
        RowAction("记录缺勤", ATTEND, {"enrolment_id": ROW_ID, "attendance": "ABSENT"}),
        RowAction("结业", COMPLETE, {"enrolment_id": ROW_ID}),
    ],
}


def _actor(request: Request) -> rules.Actor:
    return rules.Actor("STAFF", staff_id(request))


class CourseModel(BaseModel):
    course_id: int = Field(title="培训课程编号")


async def publish(request: Request, data: CourseModel) -> str:
    await run_service(rules.publish(_actor(request), data.course_id))
    return f"培训课程 {data.course_id} 已发布，开始接受报名"


async def close(request: Request, data: CourseModel) -> str:
    await run_service(rules.close(_actor(request), data.course_id))
    return f"培训课程 {data.course_id} 已关闭，报名和候补已全部退出"


class AttendanceModel(BaseModel):
    enrolment_id: int = Field(title="报名编号")
    session_seq: int = Field(
        title="第几次课", description="课次见“培训课次”表；课开始后才能记录，再次记录会覆盖"
    )
    attendance: Literal["PRESENT", "ABSENT"] = Field(
        title="考勤", json_schema_extra=dropdown(ATTENDANCE)
    )


async def record_attendance(request: Request, data: AttendanceModel) -> str:
    session = (
        await t.TrainingSession.select(t.TrainingSession.id)
        .where(
            (t.TrainingSession.seq == data.session_seq)
            & t.TrainingSession.course.is_in(
                t.TrainingEnrolment.select(t.TrainingEnrolment.course).where(
                    t.TrainingEnrolment.id == data.enrolment_id
                )
            )
        )
        .first()
    )
    await run_service(
        attendance.record_attendance(
            _actor(request),
            data.enrolment_id,
            session["id"] if session else None,
            data.attendance == "PRESENT",
        )
    )
    shown = ATTENDANCE[data.attendance]
    return f"报名 {data.enrolment_id} 第 {data.session_seq} 次课已记录为{shown}"


class ClassAttendanceModel(BaseModel):
    course_id: int = Field(title="培训课程编号")
    session_seq: int = Field(title="第几次课", description="课开始后才能记录，再次记录会覆盖")
    absent: str = Field(
        default="",
        title="缺勤学员的报名编号",
        description="以逗号或空格分隔；不填表示已报名的学员全部出勤",
    )


def _ids(text: str) -> set[int]:
    parts = [p for p in re.split(r"[\s,，、;；]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        raise ValueError("缺勤学员须填写报名编号（数字），以逗号或空格分隔")
    return {int(p) for p in parts}


async def record_class(request: Request, data: ClassAttendanceModel) -> str:
    """The whole class of one session at once, from the course's page: every enrolled trainee
    present except those listed. All marks or none (one transaction)."""
    absent = _ids(data.absent)
    actor = _actor(request)
    async with write_transaction():
        course = await run_service(rules.managed(actor, data.course_id))
        session = (
            await t.TrainingSession.select(t.TrainingSession.id)
            .where(
                (t.TrainingSession.course == course["id"])
                & (t.TrainingSession.seq == data.session_seq)
            )
            .first()
        )
        if session is None:
            raise ValueError(f"该课程没有第 {data.session_seq} 次课")
        enrolled = {
            r["id"]
            for r in await t.TrainingEnrolment.select(t.TrainingEnrolment.id).where(
                (t.TrainingEnrolment.course == course["id"])
                & (t.TrainingEnrolment.status == "ENROLLED")
            )
        }
        if not enrolled:
            raise ValueError("该课程没有已报名（未结业）的学员")
        strangers = sorted(absent - enrolled)
        if strangers:
            listed = "、".join(str(n) for n in strangers)
            raise ValueError(f"报名 {listed} 不是本课程已报名（未结业）的学员")
        for enrolment_id in sorted(enrolled):
            await run_service(
                attendance.record_attendance(
                    actor, enrolment_id, session["id"], enrolment_id not in absent
                )
            )
    present = len(enrolled) - len(absent)
    return f"第 {data.session_seq} 次课考勤已记录：出勤 {present} 人，缺勤 {len(absent)} 人"


class CompleteModel(BaseModel):
    enrolment_id: int = Field(title="报名编号")
    certificate_no: str = Field(
        title="结业证书编号",
        description="1 到 40 位字母、数字或连字符；须每次课都已开始且出勤",
    )


async def complete(request: Request, data: CompleteModel) -> str:
    await run_service(attendance.complete(_actor(request), data.enrolment_id, data.certificate_no))
    return f"报名 {data.enrolment_id} 已结业，证书编号 {data.certificate_no.strip()}"


def training_forms() -> list[FormConfig]:
    return [
        form(PUBLISH, "发布培训课程", CourseModel, publish, "草稿课程在开课前发布", GROUP),
        form(
            CLOSE,
            "关闭培训课程",
            CourseModel,
            close,
            "开课前取消课程；已报名和候补的学员全部退出",
            GROUP,
        ),
        form(
            ATTEND,
            "记录培训考勤",
            AttendanceModel,
            record_attendance,
            "记录学员某次课出勤或缺勤",
            GROUP,
        ),
        form(
            CLASS_ATTEND,
            "记录本次课考勤",
            ClassAttendanceModel,
            record_class,
            "从课程页记录一次课全班的考勤：除填写的缺勤学员外均记为出勤",
            GROUP,
        ),
        form(
            COMPLETE,
            "培训结业",
            CompleteModel,
            complete,
            "每次课都出勤的学员结业并登记证书编号",
            GROUP,
        ),
    ]
