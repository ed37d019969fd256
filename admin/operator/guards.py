"""Operator and operating-contract guards: the same service rules as GraphQL."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from admin.common import column_values, reject, replace_value
from services.identifiers import is_valid_uscc
from services.operator import rules as contracts
from tables.operator import OperatingContract


def _check_uscc(uscc: str | None) -> None:
    if not uscc or not is_valid_uscc(uscc):
        raise HTTPException(
            status_code=422, detail="统一社会信用代码无效（长度、字符或校验位不符）"
        )


async def operator_pre_save(row):
    row.uscc = (row.uscc or "").strip().upper()
    _check_uscc(row.uscc)
    return row


async def operator_pre_patch(row_id: int, values: dict) -> dict:
    plain = column_values(values)
    if "uscc" in plain:
        # Stored in the same normal form as on create, so lookups and uniqueness agree.
        uscc = (plain["uscc"] or "").strip().upper()
        _check_uscc(uscc)
        replace_value(values, "uscc", uscc)
    return values


def _contract_draft(data: dict, contract_id: int | None) -> contracts.ContractDraft:
    return contracts.ContractDraft(
        operator_id=data.get("operator"),
        market_id=data.get("market"),
        starts_on=data.get("starts_on"),
        ends_on=data.get("ends_on"),
        yearly_budget_fen=data.get("yearly_budget_fen"),
        contract_id=contract_id,
    )


async def contract_pre_save(row):
    data = {c._meta.name: getattr(row, c._meta.name) for c in OperatingContract._meta.columns}
    problems = await contracts.validate(_contract_draft(data, None))
    if problems:
        reject(problems.items)
    return row


async def contract_pre_patch(row_id, values: dict) -> dict:
    current = await OperatingContract.select().where(OperatingContract.id == int(row_id)).first()
    if current is None:
        raise HTTPException(status_code=404, detail="运营合同不存在")
    draft = _contract_draft({**current, **column_values(values)}, int(row_id))
    problems = await contracts.validate(draft)
    if problems:
        reject(problems.items)
    return values


async def contract_pre_delete(row_id):
    problems = await contracts.deletable(int(row_id))
    if problems:
        reject(problems.items)
