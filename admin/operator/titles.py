"""Chinese titles of the operator domain in the admin (第三方运营机构 and their contracts)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables.operator import OperatingContract, Operator

TITLES: dict[type[Table], Titles] = {
    Operator: Titles(
        table="运营机构",
        columns={
            "id": "编号",
            "name": "机构名称",
            "uscc": "统一社会信用代码",
            "contact_name": "联系人",
            "contact_phone": "联系电话",
            "created_at": "创建时间",
        },
    ),
    OperatingContract: Titles(
        table="运营合同",
        columns={
            "id": "编号",
            "operator": "运营机构",
            "market": "零工市场",
            "starts_on": "合同开始日期",
            "ends_on": "合同结束日期",
            "public_welfare": "委托运营公益性零工市场",
            "yearly_budget_fen": "年度绩效奖励预算（元）",
            "created_at": "创建时间",
        },
    ),
}
