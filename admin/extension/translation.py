"""The admin's zh-CN wording: Piccolo Admin's own translation, completed and corrected.

Passed to `create_admin(translations=[ZH_CN])`, it replaces the shipped zh-CN (a few entries
were English, and "正在显示 15 于 120 结果" is not Chinese grammar).
"""

from __future__ import annotations

from piccolo_admin.translations.data import TRANSLATIONS
from piccolo_admin.translations.models import Translation

_SHIPPED = next(t for t in TRANSLATIONS if t.language_code == "zh-CN").translations

CORRECTIONS = {
    "Add": "新建",
    "Add Row": "新建记录",
    "Clear filters": "清除筛选",
    "Delete": "删除",
    "Edit": "编辑",
    "Filter": "筛选",
    "Form submitted": "已提交",
    "Forms": "业务办理",
    "Hide Filters": "收起筛选",
    "Hide referencing tables": "收起关联记录",
    "Links": "链接",
    "Log Out": "退出登录",
    "MFA Code": "动态验证码",
    "MFA Setup": "双因素认证设置",
    "New value": "新值",
    "No results found": "没有符合条件的记录",
    "Note: They are converted to UTC when stored in the database.": (
        "注意：保存时统一换算为协调世界时存储。"
    ),
    "Select a table in the sidebar to get started.": "请从左侧选择要查看的数据表或要办理的业务。",
    "Show Filters": "筛选",
    "Show referencing tables": "查看关联记录",
    "Showing": "显示",
    "Tables": "数据表",
    "Thanks for using Piccolo Admin.": "感谢使用。",
    "Update": "批量修改",
    "Welcome to": "欢迎使用",
    "of": "共",
    "page": "页",
    "result(s)": "条",
    "rows": "条记录",
    "selected result(s) on": "条选中的记录，位于",
    "with a matching": "中对应的",
}

ZH_CN = Translation(
    language_name="简体中文",
    language_code="zh-CN",
    translations={**_SHIPPED, **CORRECTIONS},
)
