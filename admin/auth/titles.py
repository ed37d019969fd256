"""Chinese titles of the admin's own staff accounts (后台账号)."""

from __future__ import annotations

from piccolo.table import Table

from admin.auth.guards import StaffUser
from admin.extension.crud import Titles
from tables.auth import StaffLoginLock, StaffScope

TITLES: dict[type[Table], Titles] = {
    StaffUser: Titles(
        table="后台账号",
        columns={
            "id": "编号",
            "username": "用户名",
            "password": "密码",
            "first_name": "名",
            "last_name": "姓",
            "email": "电子邮箱",
            "active": "启用",
            "admin": "可登录后台",
            "superuser": "超级管理员",
            "last_login": "最近登录时间",
        },
    ),
    StaffScope: Titles(
        table="工作人员管辖范围",
        columns={
            "id": "编号",
            "user": "后台账号",
            "region": "管辖区划（空为全省）",
            "read_only": "只读",
            "approver": "审批人（可认定、批准考核）",
        },
    ),
    StaffLoginLock: Titles(
        table="后台账号登录锁定",
        columns={
            "id": "编号",
            "user": "后台账号",
            "failed_logins": "连续失败次数",
            "failures_since": "首次失败时间",
            "locked_until": "锁定至",
        },
    ),
}
