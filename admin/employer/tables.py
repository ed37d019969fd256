"""Admin tables of the employer domain."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.employer.guards import employer_pre_patch, employer_pre_save, flag_read_only
from tables.employer import Employer, WageArrearsFlag

GROUP = "即时快招"


def employer_tables() -> list[TableConfig]:
    return [
        TableConfig(
            Employer,
            menu_group=GROUP,
            visible_columns=[
                Employer.id,
                Employer.name,
                Employer.kind,
                Employer.uscc,
                Employer.phone_masked,
                Employer.region,
                Employer.verification_status,
                Employer.verified_at,
            ],
            visible_filters=[Employer.name, Employer.kind, Employer.verification_status],
            hooks=[
                Hook(HookType.pre_save, employer_pre_save),
                Hook(HookType.pre_patch, employer_pre_patch),
            ],
        ),
        TableConfig(
            WageArrearsFlag,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, flag_read_only),
                Hook(HookType.pre_patch, flag_read_only),
                Hook(HookType.pre_delete, flag_read_only),
            ],
        ),
    ]
