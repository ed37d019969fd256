"""Chinese titles and labels of the worker domain in the admin (零工求职登记、登录账号)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.account import Account
from tables.worker import Worker, WorkerOccupation

TITLES: dict[type[Table], Titles] = {
    Account: Titles(
        table="登录账号",
        columns={
            "id": "编号",
            "phone_hash": "手机号（密钥哈希）",
            "password_hash": "密码（哈希）",
            "role": "角色",
            "failed_logins": "登录失败次数",
            "failures_since": "失败计数起始时间",
            "locked_until": "锁定至",
            "created_at": "创建时间",
        },
        labels={"role": {"WORKER": "零工", "EMPLOYER": "用工主体"}},
    ),
    Worker: Titles(
        table="零工（求职登记）",
        columns={
            "id": "编号",
            "account": "登录账号",
            "name": "姓名",
            "phone_hash": "手机号（密钥哈希）",
            "phone_encrypted": "手机号（密文）",
            "phone_masked": "手机号",
            "resident_id_hash": "身份证号（密钥哈希）",
            "resident_id_encrypted": "身份证号（密文）",
            "resident_id_masked": "身份证号",
            "birth_year": "出生年份",
            "home_region": "所在县（市、区）",
            "latitude": "纬度",
            "longitude": "经度",
            "availability": "可工作时间",
            "assistance_encrypted": "就业援助类别（密文）",
            "prioritised": "优先服务",
            "registered_market": "登记零工市场",
            "registered_by_operator": "登记运营机构",
            "version": "版本",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
    ),
    WorkerOccupation: Titles(
        table="求职工种",
        columns={"id": "编号", "worker": "零工", "occupation": "工种"},
    ),
}
