"""Admin tables of the operator domain: operators (in the directory) and their contracts
(with the assessments they fund)."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.operator.guards import (
    contract_pre_delete,
    contract_pre_patch,
    contract_pre_save,
    operator_pre_patch,
    operator_pre_save,
)
from tables.operator import OperatingContract, Operator

DIRECTORY = "名录库"
ASSESSMENT = "考核与绩效奖励"


def operator_tables() -> list[TableConfig]:
    return [
        TableConfig(
            Operator,
            menu_group=DIRECTORY,
            hooks=[
                Hook(HookType.pre_save, operator_pre_save),
                Hook(HookType.pre_patch, operator_pre_patch),
            ],
        )
    ]


def contract_table() -> TableConfig:
    return TableConfig(
        OperatingContract,
        menu_group=ASSESSMENT,
        hooks=[
            Hook(HookType.pre_save, contract_pre_save),
            Hook(HookType.pre_patch, contract_pre_patch),
            Hook(HookType.pre_delete, contract_pre_delete),
        ],
    )
