"""Objections received during the publicity period (异议) and their findings."""

from __future__ import annotations

from datetime import date

from services.audit.rules import Actor
from services.certification import clock
from services.certification.transitions import (
    audit_transition,
    claim,
    fail,
    load_current,
    required_text,
)
from services.db import write_transaction
from tables.certification import CertificationObjection


async def record_objection(
    application_id: int, received_on: date, summary: str, actor: Actor
) -> int:
    """An objection received during the notice period; it bumps the version so a certify
    decision taken on the old state cannot slip through."""
    summary = required_text(summary, "summary", "异议内容")
    async with write_transaction():
        row = await load_current(application_id, ("PUBLICISED",), "登记异议")
        if (
            not row["publicity_starts_on"]
            <= received_on
            <= min(row["publicity_ends_on"], clock.today())
        ):
            raise fail("OUTSIDE_PUBLICITY", "异议收到日期须在公示期内且不晚于今天", "received_on")
        await claim(row, "PUBLICISED", {})
        objection = CertificationObjection(
            application=application_id,
            received_on=received_on,
            summary=summary,
            recorded_by=actor.id,
        )
        await objection.save()
        await audit_transition(actor, "objection", row, "PUBLICISED", objection=objection.id)
    return objection.id


async def resolve_objection(objection_id: int, upheld: bool, resolution: str, actor: Actor) -> int:
    """Record the finding on an objection; an upheld one blocks certification."""
    resolution = required_text(resolution, "resolution", "处理意见")
    async with write_transaction():
        objection = (
            await CertificationObjection.select()
            .where(CertificationObjection.id == objection_id)
            .first()
        )
        if objection is None:
            raise fail("NOT_FOUND", "异议不存在", "objection_id")
        if objection["resolution"]:
            raise fail("ALREADY_RESOLVED", "该异议已处理", "objection_id")
        row = await load_current(objection["application"], ("PUBLICISED",), "处理异议")
        await claim(row, "PUBLICISED", {})
        await CertificationObjection.update(
            {CertificationObjection.upheld: upheld, CertificationObjection.resolution: resolution}
        ).where(CertificationObjection.id == objection_id)
        await audit_transition(
            actor, "objection_resolve", row, "PUBLICISED", objection=objection_id, upheld=upheld
        )
    return row["id"]
