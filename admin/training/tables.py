"""Admin tables of the training domain (技能培训): institutions editable, the rest read-only
and moved by the workflow forms started from a row (admin/training/forms.py)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy
from piccolo_api.crud.hooks import Hook, HookType

from admin.common import read_only
from admin.training import guards
from tables import training as t

GROUP = "技能培训"


def training_tables() -> list[TableConfig]:
    C, S, E, A = t.TrainingCourse, t.TrainingSession, t.TrainingEnrolment, t.TrainingAttendance
    return [
        TableConfig(
            C,
            menu_group=GROUP,
            visible_columns=[
                C.id,
                C.title,
                C.market,
                C.category,
                C.mode,
                C.status,
                C.capacity,
                C.enrolled_count,
                C.fee_fen,
                C.starts_at,
            ],
            visible_filters=[C.market, C.status, C.category, C.mode, C.occupation, C.institution],
            order_by=[OrderBy(C.starts_at, ascending=False)],
            validators=read_only(guards.COURSES),
        ),
        TableConfig(
            S,
            menu_group=GROUP,
            visible_filters=[S.course],
            order_by=[OrderBy(S.course, ascending=False), OrderBy(S.seq)],
            validators=read_only(guards.SESSIONS),
        ),
        TableConfig(
            E,
            menu_group=GROUP,
            visible_columns=[
                E.id,
                E.course,
                E.worker,
                E.status,
                E.queue_no,
                E.requested_at,
                E.completed_at,
                E.certificate_no,
            ],
            visible_filters=[E.course, E.status, E.worker, E.certificate_no],
            order_by=[OrderBy(E.course, ascending=False), OrderBy(E.queue_no)],
            validators=read_only(guards.ENROLMENTS),
        ),
        TableConfig(
            A,
            menu_group=GROUP,
            visible_filters=[A.enrolment, A.session, A.present],
            order_by=[OrderBy(A.id, ascending=False)],
            validators=read_only(guards.ATTENDANCE),
        ),
        TableConfig(
            t.TrainingInstitution,
            menu_group=GROUP,
            visible_filters=[t.TrainingInstitution.name, t.TrainingInstitution.uscc],
            hooks=[
                Hook(HookType.pre_save, guards.institution_pre_save),
                Hook(HookType.pre_patch, guards.institution_pre_patch),
                Hook(HookType.pre_delete, guards.institution_pre_delete),
            ],
        ),
    ]
