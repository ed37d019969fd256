"""Postings and applications in the admin: readable, workflow columns guarded."""

# Status, counts, windows and wages change only through the platform's rules (headcount,
# overlap and expiry would otherwise break).

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType
from starlette.exceptions import HTTPException

from tables.job_posting import JobApplication, JobPosting

GROUP = "即时快招"
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


def _names(values: dict) -> set[str]:
    return {k._meta.name if hasattr(k, "_meta") else k for k in values}


async def posting_pre_save(row):
    raise HTTPException(422, "招工信息由用工主体在平台上发布")


async def posting_pre_patch(row_id: int, values: dict) -> dict:
    if _names(values) & POSTING_WORKFLOW:
        raise HTTPException(422, "状态、人数、时间和工资只能由用工主体在平台上按规则修改")
    return values


async def application_read_only(*args, **kwargs):
    raise HTTPException(422, "报名记录只能在平台上按流程（报名、确认、到岗、完工、取消）变更")


def job_posting_tables() -> list[TableConfig]:
    return [
        TableConfig(
            JobPosting,
            menu_group=GROUP,
            visible_columns=[
                JobPosting.id,
                JobPosting.title,
                JobPosting.employer,
                JobPosting.market,
                JobPosting.status,
                JobPosting.headcount,
                JobPosting.confirmed_count,
                JobPosting.starts_at,
            ],
            visible_filters=[JobPosting.status, JobPosting.employer, JobPosting.market],
            hooks=[
                Hook(HookType.pre_save, posting_pre_save),
                Hook(HookType.pre_patch, posting_pre_patch),
            ],
        ),
        TableConfig(
            JobApplication,
            menu_group=GROUP,
            visible_columns=[
                JobApplication.id,
                JobApplication.posting,
                JobApplication.worker,
                JobApplication.status,
                JobApplication.channel,
                JobApplication.applied_at,
                JobApplication.confirmed_at,
            ],
            visible_filters=[JobApplication.status, JobApplication.posting],
            hooks=[
                Hook(HookType.pre_save, application_read_only),
                Hook(HookType.pre_patch, application_read_only),
                Hook(HookType.pre_delete, application_read_only),
            ],
        ),
    ]
