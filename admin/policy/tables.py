"""Admin table of the policy domain (政策智推): the policy register, edited under the rules of
services/policy; publish and withdraw from the record (admin/policy/forms.py)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import OrderBy
from piccolo_api.crud.hooks import Hook, HookType

from admin.policy import guards
from tables import policy as t

GROUP = "政策智推"


def policy_tables() -> list[TableConfig]:
    P = t.PolicyItem
    return [
        TableConfig(
            P,
            menu_group=GROUP,
            visible_columns=[
                P.id,
                P.clause,
                P.title,
                P.issuing_document,
                P.roles,
                P.regions,
                P.status,
                P.effective_from,
                P.effective_to,
            ],
            visible_filters=[P.title, P.issuing_document, P.clause, P.status],
            order_by=[OrderBy(P.id, ascending=False)],
            hooks=[
                Hook(HookType.pre_save, guards.policy_pre_save),
                Hook(HookType.pre_patch, guards.policy_pre_patch),
                Hook(HookType.pre_delete, guards.policy_pre_delete),
            ],
        )
    ]
