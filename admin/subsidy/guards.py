"""Subsidy guards: both tables move only through the forms, which call services/subsidy (the
same rules as GraphQL, money in yuan, every change audited)."""

from __future__ import annotations

PROGRAMMES = "补贴项目请使用“新建补贴项目”或项目行的“修改补贴项目”（金额以元填写，修改留有记录）"
APPLICATIONS = "补贴申请由申请人在平台上提交；审核请使用申请行的“批准”“驳回”“登记发放”"
