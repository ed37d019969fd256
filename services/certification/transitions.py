"""Shared steps of every transition: read the row, claim it conditionally, audit it."""

from __future__ import annotations

from typing import Any

from services.audit.rules import Actor, record
from services.certification.rules import STATUS_LABELS
from services.certification.submission import ENTITY
from services.problems import Problem, ServiceError
from tables.certification import CertificationApplication as A

MAX_TEXT = 2000


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, path)])


async def load_current(application_id: int, allowed: tuple[str, ...], verb: str) -> dict[str, Any]:
    row = await A.select().where(A.id == application_id).first()
    if row is None:
        raise fail("NOT_FOUND", "申报不存在", "application_id")
    if row["status"] not in allowed:
        label = STATUS_LABELS.get(row["status"], row["status"])
        raise fail("INVALID_STATUS", f"该申报当前为“{label}”，不能{verb}", "application_id")
    return row


async def claim(row: dict[str, Any], status: str, changes: dict) -> None:
    """Move the row on only if nobody else did since we read it (second clicks end here)."""
    updated = (
        await A.update({A.status: status, A.version: row["version"] + 1, **changes})
        .where((A.id == row["id"]) & (A.status == row["status"]) & (A.version == row["version"]))
        .returning(A.id)
    )
    if not updated:
        raise fail("CONFLICT", "该申报刚被他人处理，请刷新后重试", "application_id")


async def audit_transition(actor: Actor, action: str, row: dict, status: str, **after: Any) -> None:
    before = {"status": row["status"], "version": row["version"]}
    await record(
        actor,
        f"certification.{action}",
        ENTITY,
        row["id"],
        before=before,
        after={"status": status, "version": row["version"] + 1, **after},
    )


def required_text(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise fail("REQUIRED", f"请填写{what}", field)
    if len(value) > MAX_TEXT:
        raise fail("TOO_LONG", f"{what}不能超过 {MAX_TEXT} 字", field)
    return value
