"""Policy register guards: staff write items under the same rules as services/policy (every
problem in Chinese, nothing stored); the state moves only through the record's forms."""

from __future__ import annotations

from typing import Any

from admin.common import (
    check_choices,
    column_values,
    protected_changes,
    refuse,
    reject,
    replace_value,
)
from services.policy import rules
from services.timeutil import now
from tables import policy as t

WORKFLOW = frozenset({"status", "published_at", "withdrawn_at", "version", "created_at"})
STATE = "发布和撤回请使用政策记录的“发布政策”“撤回政策”"
NEW_IS_DRAFT = "新建的政策为草稿：保存后请在政策记录的“发布政策”中发布"
NOT_DELETABLE = "已发布或撤回过的政策不能删除；不再适用的政策请撤回"


def _list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def _draft(data: dict[str, Any]) -> rules.PolicyDraft:
    return rules.PolicyDraft(
        title=str(data.get("title") or ""),
        summary=str(data.get("summary") or ""),
        body=str(data.get("body") or ""),
        issuing_document=str(data.get("issuing_document") or ""),
        clause=str(data.get("clause") or ""),
        effective_from=data.get("effective_from"),
        effective_to=data.get("effective_to"),
        regions=_list(data.get("regions")),
        assistance_categories=_list(data.get("assistance_categories")),
        occupations=_list(data.get("occupations")),
        roles=_list(data.get("roles")),
        service_tiers=_list(data.get("service_tiers")),
    )


def _cleaned(data: dict[str, Any]) -> dict[str, Any]:
    check_choices(t.PolicyItem, data)
    cleaned, problems = rules.clean(_draft(data))
    if problems:
        reject(problems.items)
    return rules.columns(cleaned)


async def policy_pre_save(row: t.PolicyItem) -> t.PolicyItem:
    data = {c._meta.name: getattr(row, c._meta.name) for c in t.PolicyItem._meta.columns}
    if (data.get("status") or "DRAFT") != "DRAFT":
        refuse(NEW_IS_DRAFT)
    for name, value in _cleaned(data).items():
        setattr(row, name, value)
    # Kept by the system, whatever the form sent.
    row.status, row.published_at, row.withdrawn_at, row.version = "DRAFT", None, None, 0
    row.created_at = row.updated_at = now()
    return row


async def policy_pre_patch(row_id: int, values: dict) -> dict:
    current = await t.PolicyItem.select().where(t.PolicyItem.id == int(row_id)).first()
    if current is None:
        refuse("政策条目不存在", 404)
    if await protected_changes(t.PolicyItem, row_id, values, WORKFLOW):
        refuse(STATE)
    plain = column_values(values)
    cleaned = _cleaned({**current, **plain})
    for name in plain:
        if name in cleaned:
            replace_value(values, name, cleaned[name])
    return values


async def policy_pre_delete(row_id: int) -> None:
    row = (
        await t.PolicyItem.select(t.PolicyItem.status, t.PolicyItem.published_at)
        .where(t.PolicyItem.id == int(row_id))
        .first()
    )
    if row is not None and (row["status"] != "DRAFT" or row["published_at"] is not None):
        refuse(NOT_DELETABLE)
