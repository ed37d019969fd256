"""Postings and applications in the admin: readable, workflow columns guarded."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.job_posting.guards import application_read_only, posting_pre_patch, posting_pre_save
from tables.job_posting import JobApplication, JobPosting

GROUP = "即时快招"


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
                JobPosting.public_welfare,
            ],
            visible_filters=[
                JobPosting.status,
                JobPosting.employer,
                JobPosting.market,
                JobPosting.public_welfare,
            ],
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
