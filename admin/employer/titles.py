"""Chinese titles and labels of the employer domain in the admin (用工主体、恶意欠薪标记)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.employer import Employer, WageArrearsFlag

TITLES: dict[type[Table], Titles] = {
    Employer: Titles(
        table="用工主体",
        columns={
            "id": "编号",
            "account": "登录账号",
            "kind": "主体类型",
            "name": "名称",
            "uscc": "统一社会信用代码",
            "contact_name": "联系人",
            "phone_hash": "手机号（密钥哈希）",
            "phone_encrypted": "手机号（密文）",
            "phone_masked": "手机号",
            "region": "所在县（市、区）",
            "verification_status": "审核状态",
            "verified_at": "审核时间",
            "verified_by": "审核人",
            "version": "版本",
            "created_at": "创建时间",
        },
        labels={
            "kind": {"COMPANY": "单位", "INDIVIDUAL": "个人"},
            "verification_status": {
                "PENDING": "待审核",
                "VERIFIED": "已认证",
                "REJECTED": "未通过",
            },
        },
        users=frozenset({"verified_by"}),
    ),
    WageArrearsFlag: Titles(
        table="恶意欠薪标记",
        columns={
            "id": "编号",
            "employer": "用工主体",
            "reason": "标记原因",
            "flagged_at": "标记时间",
            "flagged_by": "标记人",
            "cleared_at": "解除时间",
            "cleared_by": "解除人",
            "clear_note": "解除说明",
        },
        users=frozenset({"flagged_by", "cleared_by"}),
    ),
}
