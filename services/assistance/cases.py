"""Assistance cases (就业援助, （十）), the staff side: open a case for a worker, plan steps with
due dates, record follow-ups, close with an outcome (offers: services/assistance/offers.py).

Staff act only on cases inside their region (the worker's county when the case was opened) and
never as read-only staff; a case outside the region answers like a missing one. Every change is
one write transaction with its audit entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from piccolo.query.functions.aggregate import Min

from services.audit import rules as audit
from services.auth.staff import scope_of
from services.db import is_unique_violation, write_transaction
from services.problems import Problem, Problems, ServiceError
from services.timeutil import local, now
from tables import assistance as t
from tables.worker import Worker

ENTITY = "assistance_case"
OUTCOMES = ("EMPLOYED", "TRAINING", "DECLINED", "OTHER")
CHANNELS = ("PHONE", "VISIT", "IN_PERSON", "MESSAGE")
MAX_TITLE, MAX_NOTE = 200, 500
C = t.AssistanceCase


def fail(code: str, message: str, *path: str) -> ServiceError:
    return ServiceError([Problem(code, message, tuple(path))])


def checked_text(
    value: str | None, limit: int, problems: Problems, field: str, required: bool
) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写此项", field)
    elif len(text) > limit or "\x00" in text:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", field)
    return text


async def _writable_scope(staff_id: int):
    scope = await scope_of(staff_id)
    if scope.read_only:
        raise fail("READ_ONLY", "只读账号不能办理业务")
    return scope


async def _worker_county(worker_id: int) -> dict | None:
    return (
        await Worker.select(
            Worker.id,
            Worker.home_region.as_alias("home"),
            Worker.home_region._.code.as_alias("home_code"),
            Worker.registered_market._.region.as_alias("market_region"),
            Worker.registered_market._.region._.code.as_alias("market_code"),
        )
        .where(Worker.id == worker_id)
        .first()
    )


async def load_case(staff_id: int, case_id: int | None, *, open_only: bool = True) -> dict:
    """The case if inside the staff member's region (else NOT_FOUND, like a missing one)."""
    scope = await _writable_scope(staff_id)
    row = None
    if case_id is not None:
        row = (
            await C.select(*C.all_columns(), C.region._.code.as_alias("county"))
            .where(C.id == case_id)
            .first()
        )
    if row is None or not scope.covers(row["county"]):
        raise fail("NOT_FOUND", f"第 {case_id} 号援助档案不存在或不在您的管辖范围内", "case_id")
    if open_only and row["status"] != "OPEN":
        raise fail("CASE_CLOSED", "援助档案已结案，不能再办理", "case_id")
    return row


async def still_open(case_id: int) -> None:
    """Call after `audit.serialise()`: closing takes the same lock, so a step, offer or answer
    never lands on a case closed meanwhile."""
    if not await C.exists().where((C.id == case_id) & (C.status == "OPEN")):
        raise fail("CASE_CLOSED", "援助档案已结案，不能再办理", "case_id")


async def refresh_next_due(case_id: int) -> None:
    """Keep the case's earliest open due date (the admin queue orders by it)."""
    row = (
        await t.AssistanceStep.select(Min(t.AssistanceStep.due_on, alias="due"))
        .where((t.AssistanceStep.case == case_id) & (t.AssistanceStep.done.eq(False)))
        .first()
    )
    due = row["due"] if row else None
    if isinstance(due, str):  # SQLite's MIN returns the stored text
        due = date.fromisoformat(due)
    await C.update({C.next_due_on: due}).where(C.id == case_id)


async def open_case(staff_id: int, worker_id: int | None, case_worker: int | None = None) -> int:
    """Open the worker's case with `case_worker` (default: the staff member opening it) in
    charge. One open case per worker."""
    scope = await _writable_scope(staff_id)
    worker = await _worker_county(worker_id) if worker_id is not None else None
    county = (worker["home_code"] or worker["market_code"]) if worker else None
    if worker is None or not scope.covers(county):
        raise fail("NOT_FOUND", "零工不存在或不在您的管辖范围内", "worker_id")
    assert worker_id is not None
    region = worker["home"] or worker["market_region"]
    async with write_transaction():
        await audit.serialise()
        if await C.exists().where(C.open_key == str(worker_id)):
            raise fail("ALREADY_OPEN", "该零工已有进行中的援助档案", "worker_id")
        values = {
            "worker": worker_id,
            "region": region,
            "case_worker": case_worker or staff_id,
            "status": "OPEN",
            "open_key": str(worker_id),
            "opened_by": staff_id,
            "opened_at": now(),
        }
        try:
            rows = await C.insert(C(**values)).returning(C.id)
        except Exception as exc:
            if is_unique_violation(exc):
                raise fail("ALREADY_OPEN", "该零工已有进行中的援助档案", "worker_id") from None
            raise
        case_id = rows[0]["id"]
        after = {"worker": worker_id, "case_worker": values["case_worker"], "status": "OPEN"}
        await audit.record(
            audit.Actor("STAFF", staff_id), "assistance.case_open", ENTITY, case_id, None, after
        )
    return case_id


async def add_step(staff_id: int, case_id: int | None, title: str, due_on: date | None) -> int:
    problems = Problems()
    text = checked_text(title, MAX_TITLE, problems, "title", required=True)
    if due_on is None:
        problems.add("REQUIRED", "请填写期限", "due_on")
    problems.raise_if_any()
    row = await load_case(staff_id, case_id)
    async with write_transaction():
        await audit.serialise()
        await still_open(row["id"])
        rows = await t.AssistanceStep.insert(
            t.AssistanceStep(case=row["id"], title=text, due_on=due_on, created_by=staff_id)
        ).returning(t.AssistanceStep.id)
        await refresh_next_due(row["id"])
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.step_add",
            ENTITY,
            row["id"],
            None,
            {"step": rows[0]["id"], "title": text, "due_on": due_on},
        )
    return rows[0]["id"]


async def mark_step_done(staff_id: int, step_id: int | None) -> int:
    """Mark a step done (once). Returns its case id."""
    step = (
        await t.AssistanceStep.select().where(t.AssistanceStep.id == step_id).first()
        if step_id is not None
        else None
    )
    if step is None:
        raise fail("NOT_FOUND", f"第 {step_id} 号援助步骤不存在", "step_id")
    row = await load_case(staff_id, step["case"])
    async with write_transaction():
        await audit.serialise()
        await still_open(row["id"])
        done = (
            await t.AssistanceStep.update(
                {
                    t.AssistanceStep.done: True,
                    t.AssistanceStep.done_at: now(),
                    t.AssistanceStep.done_by: staff_id,
                }
            )
            .where((t.AssistanceStep.id == step["id"]) & (t.AssistanceStep.done.eq(False)))
            .returning(t.AssistanceStep.id)
        )
        if not done:
            raise fail("ALREADY_DONE", "该步骤已完成", "step_id")
        await refresh_next_due(row["id"])
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.step_done",
            ENTITY,
            row["id"],
            {"step": step["id"], "done": False},
            {"step": step["id"], "done": True},
        )
    return row["id"]


async def record_follow_up(
    staff_id: int, case_id: int | None, happened_on: date | None, channel: str, note: str
) -> int:
    problems = Problems()
    text = checked_text(note, MAX_NOTE, problems, "note", required=True)
    if channel not in CHANNELS:
        problems.add("INVALID_CHANNEL", "请选择回访方式", "channel")
    if happened_on is None:
        problems.add("REQUIRED", "请填写回访日期", "happened_on")
    elif happened_on > local(now()).date():
        problems.add("IN_FUTURE", "回访日期不能晚于今天", "happened_on")
    problems.raise_if_any()
    row = await load_case(staff_id, case_id)
    async with write_transaction():
        await audit.serialise()
        await still_open(row["id"])
        rows = await t.AssistanceFollowUp.insert(
            t.AssistanceFollowUp(
                case=row["id"],
                happened_on=happened_on,
                channel=channel,
                note=text,
                recorded_by=staff_id,
            )
        ).returning(t.AssistanceFollowUp.id)
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.follow_up",
            ENTITY,
            row["id"],
            None,
            {"follow_up": rows[0]["id"], "happened_on": happened_on, "channel": channel},
        )
    return rows[0]["id"]


async def close_case(staff_id: int, case_id: int | None, outcome: str, note: str) -> None:
    """OPEN → CLOSED with an outcome (a note is required for OTHER); offers not yet answered
    can no longer be answered."""
    problems = Problems()
    if outcome not in OUTCOMES:
        problems.add("INVALID_OUTCOME", "请选择结案结果", "outcome")
    text = checked_text(note, MAX_NOTE, problems, "note", required=outcome == "OTHER")
    problems.raise_if_any()
    row = await load_case(staff_id, case_id)
    async with write_transaction():
        await audit.serialise()
        changes: dict[Any, Any] = {
            C.status: "CLOSED",
            C.open_key: None,
            C.outcome: outcome,
            C.outcome_note: text,
            C.closed_by: staff_id,
            C.closed_at: now(),
            C.version: row["version"] + 1,
        }
        closed = (
            await C.update(changes)
            .where((C.id == row["id"]) & (C.status == "OPEN") & (C.version == row["version"]))
            .returning(C.id)
        )
        if not closed:
            raise fail("CASE_CLOSED", "援助档案刚被他人处理，请刷新后查看", "case_id")
        await audit.record(
            audit.Actor("STAFF", staff_id),
            "assistance.case_close",
            ENTITY,
            row["id"],
            {"status": "OPEN"},
            {"status": "CLOSED", "outcome": outcome, "note": text},
        )
