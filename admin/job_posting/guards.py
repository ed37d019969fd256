"""Posting and application guards: status, counts, windows and wages change only through
the platform rules (headcount, overlap and expiry would otherwise break)."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from admin.common import protected_changes
from tables.job_posting import JobPosting

POSTING_WORKFLOW = {
    "status",
    "confirmed_count",
    "headcount",
    "published_at",
    "closed_at",
    "starts_at",
    "ends_at",
    "employer",
    "wage_fen",
    "wage_unit",
    "daily_wage_fen",
    "version",
}


async def posting_pre_save(row):
    raise HTTPException(422, "招工信息由用工主体在平台上发布")


async def posting_pre_patch(row_id: int, values: dict) -> dict:
    if await protected_changes(JobPosting, row_id, values, POSTING_WORKFLOW):
        raise HTTPException(422, "状态、人数、时间和工资只能由用工主体在平台上按规则修改")
    return values


async def application_read_only(*args, **kwargs):
    raise HTTPException(422, "报名记录只能在平台上按流程（报名、确认、到岗、完工、取消）变更")
