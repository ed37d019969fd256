"""Chinese titles and labels of the training domain in the admin (技能培训)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import training as t


def _labels(choices) -> dict[str, str]:
    return {c.value.value: c.value.display_name for c in choices}


TITLES: dict[type[Table], Titles] = {
    t.TrainingInstitution: Titles(
        table="培训机构",
        columns={
            "id": "编号",
            "name": "名称",
            "uscc": "统一社会信用代码",
            "contact_phone": "联系电话",
            "created_at": "登记时间",
        },
    ),
    t.TrainingCourse: Titles(
        table="培训课程",
        columns={
            "id": "编号",
            "market": "开课零工市场",
            "operator": "承办运营机构",
            "institution": "承办培训机构",
            "occupation": "培训工种",
            "title": "课程名称",
            "description": "课程介绍",
            "category": "培训类别",
            "mode": "培训方式",
            "venue": "上课地点（市场或站点）",
            "address": "上课地址",
            "region": "所在县（市、区）",
            "latitude": "纬度",
            "longitude": "经度",
            "capacity": "名额",
            "enrolled_count": "已报名人数",
            "queue_counter": "报名序号计数",
            "fee_fen": "费用（元）",
            "subsidised": "享受培训补贴",
            "status": "状态",
            "starts_at": "开课时间",
            "ends_at": "结课时间",
            "version": "版本",
            "published_at": "发布时间",
            "closed_at": "关闭时间",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
        labels={
            "category": _labels(t.TrainingCategory),
            "mode": _labels(t.TrainingMode),
            "status": _labels(t.TrainingStatus),
        },
    ),
    t.TrainingSession: Titles(
        table="培训课次",
        columns={
            "id": "编号",
            "course": "培训课程",
            "seq": "第几次课",
            "starts_at": "上课时间",
            "ends_at": "下课时间",
        },
    ),
    t.TrainingEnrolment: Titles(
        table="培训报名",
        columns={
            "id": "编号",
            "course": "培训课程",
            "worker": "学员",
            "status": "状态",
            "queue_no": "报名顺序",
            "requested_at": "报名时间",
            "enrolled_at": "获得名额时间",
            "withdrawn_at": "退出时间",
            "withdrawn_by": "退出方",
            "completed_at": "结业时间",
            "certificate_no": "结业证书编号",
            "version": "版本",
        },
        labels={
            "status": _labels(t.EnrolmentStatus),
            # Plain Varchar codes written by services/training.
            "withdrawn_by": {"WORKER": "学员本人", "SYSTEM": "系统（课程关闭）"},
        },
    ),
    t.TrainingAttendance: Titles(
        table="培训考勤",
        columns={
            "id": "编号",
            "enrolment": "培训报名",
            "session": "培训课次",
            "present": "出勤",
            "recorded_at": "记录时间",
            "recorded_by": "记录方",
        },
        labels={"recorded_by": {"OPERATOR": "运营机构", "STAFF": "工作人员"}},
    ),
}
