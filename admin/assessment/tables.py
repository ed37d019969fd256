"""Admin tables of the assessment domain. Contracts and schemes are edited under the service
rules; reports, assessments, payouts and budgets are read-only: the workflow moves only
through the forms in admin/assessment/forms.py."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.assessment.guards import (
    indicator_pre_patch,
    indicator_pre_save,
    scheme_pre_delete,
    scheme_pre_patch,
    scheme_pre_save,
)
from admin.common import read_only
from admin.operator.tables import contract_table
from tables import assessment as t

GROUP = "考核与绩效奖励"


USE_FORMS = "该表由考核流程自动维护，只读；请使用“考核与绩效奖励”中的表单办理"


def assessment_tables() -> list[TableConfig]:
    a, r = t.Assessment, t.WorkloadReport
    return [
        contract_table(),
        TableConfig(
            t.AssessmentScheme,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, scheme_pre_save),
                Hook(HookType.pre_patch, scheme_pre_patch),
                Hook(HookType.pre_delete, scheme_pre_delete),
            ],
        ),
        TableConfig(
            t.AssessmentIndicator,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, indicator_pre_save),
                Hook(HookType.pre_patch, indicator_pre_patch),
            ],
        ),
        TableConfig(
            r,
            menu_group=GROUP,
            visible_columns=[
                r.id,
                r.operator,
                r.market,
                r.period,
                r.version,
                r.is_current,
                r.locked_at,
            ],
            visible_filters=[r.operator, r.market, r.period, r.is_current],
            validators=read_only(USE_FORMS),
        ),
        TableConfig(
            a,
            menu_group=GROUP,
            visible_columns=[
                a.id,
                a.market,
                a.period,
                a.status,
                a.score_basis_points,
                a.proposed_reward_fen,
                a.flagged,
                a.version,
                a.last_edited_by,
            ],
            visible_filters=[a.market, a.operator, a.period, a.status, a.flagged],
            validators=read_only(USE_FORMS),
        ),
        TableConfig(t.Payout, menu_group=GROUP, validators=read_only(USE_FORMS)),
        TableConfig(t.ContractBudgetUsage, menu_group=GROUP, validators=read_only(USE_FORMS)),
    ]
