"""Chinese titles and labels of the job posting domain in the admin (招工信息、报名)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.job_posting import JobApplication, JobPosting

TITLES: dict[type[Table], Titles] = {
    JobPosting: Titles(
        table="招工信息",
        columns={
            "id": "编号",
            "employer": "用工主体",
            "market": "零工市场",
            "occupation": "工种",
            "title": "岗位名称",
            "description": "岗位说明",
            "headcount": "招工人数",
            "wage_fen": "工资（元）",
            "wage_unit": "计薪方式",
            "daily_wage_fen": "折合日工资（元）",
            "starts_at": "开工时间",
            "ends_at": "收工时间",
            "address": "工作地点",
            "region": "所在县（市、区）",
            "latitude": "纬度",
            "longitude": "经度",
            "same_day": "当日到岗",
            "prefer_assisted": "优先就业困难人员",
            "public_welfare": "公益性岗位",
            "status": "状态",
            "confirmed_count": "已确认人数",
            "version": "版本",
            "published_at": "发布时间",
            "closed_at": "关闭时间",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
        labels={
            "wage_unit": {"HOUR": "按小时", "DAY": "按天", "PIECE": "计件", "MONTH": "按月"},
            "status": {
                "DRAFT": "草稿",
                "OPEN": "招聘中",
                "FILLED": "已招满",
                "CLOSED": "已关闭",
                "EXPIRED": "已过期",
                "HELD": "待审核（疑似歧视性要求）",
                "REMOVED": "已下架",
            },
        },
    ),
    JobApplication: Titles(
        table="报名记录",
        columns={
            "id": "编号",
            "posting": "招工信息",
            "worker": "零工",
            "status": "状态",
            "channel": "报名渠道",
            "starts_at": "开工时间",
            "ends_at": "收工时间",
            "applied_at": "报名时间",
            "confirmed_at": "确认时间",
            "checked_in_at": "到岗时间",
            "checked_in_by": "到岗确认方",
            "completed_at": "完工时间",
            "cancelled_at": "取消时间",
            "cancelled_by": "取消方",
            "cancel_reason": "取消原因",
            "no_show_at": "标记未到岗时间",
            "posting_change": "用工主体变更（已告知零工）",
            "posting_changed_at": "变更时间",
            "version": "版本",
        },
        labels={
            "status": {
                "APPLIED": "已报名",
                "CONFIRMED": "已确认",
                "CHECKED_IN": "已到岗",
                "COMPLETED": "已完工",
                "CANCELLED": "已取消",
                "NO_SHOW": "未到岗",
            },
            # Plain Varchar codes written by services/job_posting (actor roles, SYSTEM).
            "channel": {"ONLINE": "线上点单", "ON_SITE": "现场对接"},
            "checked_in_by": {"EMPLOYER": "用工主体", "OPERATOR": "运营机构"},
            "cancelled_by": {"WORKER": "零工", "EMPLOYER": "用工主体", "SYSTEM": "系统"},
        },
    ),
}
