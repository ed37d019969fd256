"""Case steps: accept, mediate, resolve, route, refer, close — each a conditional update with
its step row and audit entry in one transaction (a second click gets INVALID_STATE)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from services.audit.rules import Actor, serialise
from services.db import write_transaction
from services.employer.rules import flag_wage_arrears
from services.problems import Problems
from services.rights_case import routing
from services.rights_case.money import to_fen
from services.rights_case.rules import fail
from services.rights_case.steps import add_step
from services.timeutil import now
from tables import rights_case as t
from tables.employer import WageArrearsFlag

MAX_NOTE = 2000
MAX_REFERRED_TO = 100
FINDINGS = ("MEDIATED", "SUBSTANTIATED", "NOT_SUBSTANTIATED")
DEPARTMENT_LABELS = {d.value.value: d.value.display_name for d in t.Department}
STATUS_LABELS = {s.value.value: s.value.display_name for s in t.RightsCaseStatus}


def note_text(value: str | None, problems: Problems, field: str, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写说明", field)
    elif len(text) > MAX_NOTE:
        problems.add("TOO_LONG", f"说明不超过 {MAX_NOTE} 个字", field)
    return text


async def load_for(actor: Actor, case_id: int | None) -> dict[str, Any]:
    """The case if the actor may see it (its worker, the operator of its market, staff);
    otherwise NOT_FOUND, exactly like a missing one."""
    row = None
    if case_id is not None:
        row = (
            await t.RightsCase.select(*t.RightsCase.all_columns(), t.RightsCase.market.operator)
            .where(t.RightsCase.id == case_id)
            .first()
        )
    visible = row is not None and (
        actor.type == "STAFF"
        or (actor.type == "OPERATOR" and row["market.operator"] == actor.id)
        or (actor.type == "WORKER" and row["worker"] == actor.id)
    )
    if not visible:
        raise fail("NOT_FOUND", "案件不存在", "id")
    assert row is not None
    return row


def _handler(actor: Actor, row: dict[str, Any]) -> None:
    """Staff handle every case; an operator only those with the market's mediation."""
    if actor.type == "STAFF":
        return
    if actor.type == "OPERATOR" and row["department"] == "MARKET_OPERATOR":
        return
    label = DEPARTMENT_LABELS[row["department"]]
    raise fail("NOT_HANDLER", f"该案件由{label}办理", "id")


def _state(row: dict[str, Any], allowed: tuple[str, ...], verb: str) -> None:
    if row["status"] not in allowed:
        label = STATUS_LABELS.get(row["status"], row["status"])
        raise fail("INVALID_STATE", f"案件当前为“{label}”，不能{verb}", "id")


async def _move(
    actor: Actor,
    row: dict[str, Any],
    action: str,
    status: str,
    note: str,
    changes: dict | None = None,
    **after: Any,
) -> int:
    """Claim the row only if nobody moved it since we read it, then write step and audit."""
    department = (changes or {}).get(t.RightsCase.department, row["department"])
    moment = now()
    values = {
        t.RightsCase.status: status,
        t.RightsCase.version: row["version"] + 1,
        t.RightsCase.step_due_at: routing.due(status, department, moment),
        **(changes or {}),
    }
    if status in routing.FINAL:
        values[t.RightsCase.resolved_at] = moment
    claimed = (
        await t.RightsCase.update(values)
        .where(
            (t.RightsCase.id == row["id"])
            & (t.RightsCase.status == row["status"])
            & (t.RightsCase.version == row["version"])
        )
        .returning(t.RightsCase.id)
    )
    if not claimed:
        raise fail("INVALID_STATE", "案件刚被他人处理，请刷新后重试", "id")
    await add_step(
        actor,
        row["id"],
        action,
        status,
        department,
        note,
        before={
            "status": row["status"],
            "department": row["department"],
            "version": row["version"],
        },
        after={"status": status, "department": department, "version": row["version"] + 1, **after},
        moment=moment,
    )
    return row["id"]


async def accept(actor: Actor, case_id: int | None, note: str = "") -> int:
    """FILED → ACCEPTED by the department the case is with; the handling deadline starts."""
    problems = Problems()
    text = note_text(note, problems, "note", required=False)
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        _handler(actor, row)
        _state(row, ("FILED",), "受理")
        return await _move(actor, row, "ACCEPT", "ACCEPTED", text)


async def start_mediation(actor: Actor, case_id: int | None, note: str = "") -> int:
    """ACCEPTED → MEDIATING (用工矛盾调处, （十三））; mediation ends within 15 days."""
    problems = Problems()
    text = note_text(note, problems, "note", required=False)
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        _handler(actor, row)
        _state(row, ("ACCEPTED",), "开始调解")
        changes = {t.RightsCase.mediator_role: actor.type}
        return await _move(actor, row, "MEDIATE", "MEDIATING", text, changes)


async def resolve(
    actor: Actor, case_id: int | None, outcome: str, note: str, amount: Decimal | None
) -> int:
    """ACCEPTED or MEDIATING → RESOLVED with a finding. Operators record mediation results
    only; substantiation is the department's (staff). A substantiated wage-arrears case opens
    the employer's wage-arrears flag (publishing stops until staff clear it)."""
    problems = Problems()
    if outcome not in FINDINGS:
        problems.add("INVALID_CHOICE", "办结结果无效", "outcome")
    elif actor.type != "STAFF" and outcome != "MEDIATED":
        problems.add("FINDING_NOT_ALLOWED", "查实或不成立的认定由主管部门作出", "outcome")
    text = note_text(note, problems, "note")
    recovered = None
    if amount is not None:
        if outcome == "NOT_SUBSTANTIATED":
            problems.add("AMOUNT_NOT_ALLOWED", "不成立的案件没有追回金额", "amountRecovered")
        else:
            recovered = to_fen(amount, problems, "amountRecovered", allow_zero=True)
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        _handler(actor, row)
        if outcome == "MEDIATED":
            _state(row, ("MEDIATING",), "以调解结案")
        else:
            _state(row, ("ACCEPTED", "MEDIATING"), "办结")
        changes = {
            t.RightsCase.outcome: outcome,
            t.RightsCase.outcome_note: text,
            t.RightsCase.amount_recovered_fen: recovered,
        }
        case_id = await _move(
            actor, row, "RESOLVE", "RESOLVED", text, changes, outcome=outcome, recovered=recovered
        )
        if (
            outcome == "SUBSTANTIATED"
            and row["kind"] == "WAGE_ARREARS"
            and row["employer"] is not None
            and not await WageArrearsFlag.exists().where(
                (WageArrearsFlag.employer == row["employer"]) & WageArrearsFlag.cleared_at.is_null()
            )
        ):
            assert actor.id is not None  # staff always have an id
            await flag_wage_arrears(row["employer"], f"欠薪案件 {row['id']} 查实：{text}", actor.id)
        return case_id


async def route(actor: Actor, case_id: int | None, department: str, note: str) -> int:
    """Hand an open case to another department (staff; an operator may pass its mediation
    on); it waits to be accepted there, with a fresh acceptance deadline."""
    problems = Problems()
    if department not in routing.DEPARTMENTS:
        problems.add("INVALID_CHOICE", "部门无效", "department")
    text = note_text(note, problems, "note")
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        _handler(actor, row)
        _state(row, routing.OPEN, "转办")
        if row["department"] == department:
            raise fail("SAME_DEPARTMENT", "案件已在该部门", "department")
        changes = {t.RightsCase.department: department}
        return await _move(actor, row, "ROUTE", "FILED", text, changes)


async def refer(actor: Actor, case_id: int | None, to: str, note: str) -> int:
    """Staff hand an open case to a body outside the platform (劳动人事争议仲裁、法院、公安立案)."""
    problems = Problems()
    body = (to or "").strip()
    if not body:
        problems.add("REQUIRED", "请填写移送机关", "referredTo")
    elif len(body) > MAX_REFERRED_TO:
        problems.add("TOO_LONG", f"移送机关不超过 {MAX_REFERRED_TO} 个字", "referredTo")
    text = note_text(note, problems, "note")
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        if actor.type != "STAFF":
            raise fail("NOT_HANDLER", "移送由主管部门办理", "id")
        _state(row, routing.OPEN, "移送")
        changes = {t.RightsCase.referred_to: body, t.RightsCase.outcome_note: text}
        return await _move(actor, row, "REFER", "REFERRED", text, changes, referred_to=body)


async def close(actor: Actor, case_id: int | None, note: str) -> int:
    """The worker withdraws an open case (WITHDRAWN), or staff close one without a finding
    (a duplicate, a caller who cannot be reached)."""
    problems = Problems()
    text = note_text(note, problems, "note")
    problems.raise_if_any()
    async with write_transaction():
        await serialise()
        row = await load_for(actor, case_id)
        if actor.type not in ("WORKER", "STAFF"):
            raise fail("NOT_HANDLER", "只有本人可以撤回，或由主管部门关闭", "id")
        _state(row, routing.OPEN, "关闭")
        outcome = "WITHDRAWN" if actor.type == "WORKER" else ""
        changes = {t.RightsCase.outcome: outcome, t.RightsCase.outcome_note: text}
        return await _move(actor, row, "CLOSE", "CLOSED", text, changes, outcome=outcome)
