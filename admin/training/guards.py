"""Training guards: institutions are corrected by staff under the same rules as the platform;
courses, sessions, enrolments and attendance move only through the workflow forms."""

from __future__ import annotations

from admin.common import column_values, refuse, replace_value
from services.identifiers import is_valid_uscc
from services.timeutil import now
from tables import training as t

# Read-only tables: why nothing can be written directly.
COURSES = "培训课程由运营机构在平台上创建；发布、关闭请使用课程行的“发布课程”“关闭课程”"
SESSIONS = "课次随课程一并创建，不能单独修改"
ENROLMENTS = "报名由学员在平台上办理；考勤和结业请使用报名行的“记录出勤”“记录缺勤”“结业”"
ATTENDANCE = "考勤请使用报名行的“记录出勤”或“记录缺勤”（会留下记录人和时间）"

MAX_NAME = 100


def _name(value: object) -> str:
    name = str(value or "").strip()
    if not name:
        refuse("请填写培训机构名称")
    if len(name) > MAX_NAME:
        refuse(f"培训机构名称不超过 {MAX_NAME} 个字")
    return name


def _uscc(value: object) -> str:
    uscc = str(value or "").strip().upper()
    if not is_valid_uscc(uscc):
        refuse("统一社会信用代码无效（长度、字符或校验位不符）")
    return uscc


async def _unique(column, value: str, row_id: int | None, message: str) -> None:
    query = t.TrainingInstitution.exists().where(column == value)
    if row_id is not None:
        query = query.where(t.TrainingInstitution.id != row_id)
    if await query:
        refuse(message)


async def institution_pre_save(row: t.TrainingInstitution) -> t.TrainingInstitution:
    row.name = _name(row.name)
    row.uscc = _uscc(row.uscc)
    row.contact_phone = (row.contact_phone or "").strip()
    row.created_at = now()  # kept by the system, whatever the form sent
    await _unique(t.TrainingInstitution.name, row.name, None, "已有同名的培训机构")
    await _unique(t.TrainingInstitution.uscc, row.uscc, None, "该统一社会信用代码已登记")
    return row


async def institution_pre_patch(row_id: int, values: dict) -> dict:
    plain = column_values(values)
    if "name" in plain:
        name = _name(plain["name"])
        await _unique(t.TrainingInstitution.name, name, int(row_id), "已有同名的培训机构")
        replace_value(values, "name", name)
    if "uscc" in plain:
        # Stored in the same normal form as on create, so uniqueness holds.
        uscc = _uscc(plain["uscc"])
        await _unique(t.TrainingInstitution.uscc, uscc, int(row_id), "该统一社会信用代码已登记")
        replace_value(values, "uscc", uscc)
    return values


async def institution_pre_delete(row_id: int) -> None:
    if await t.TrainingCourse.exists().where(t.TrainingCourse.institution == int(row_id)):
        refuse("该培训机构已承办课程，不能删除")
