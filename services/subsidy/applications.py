"""Submitting an application: every rule checked again inside the write transaction, each unmet
one reported (nothing stored then); one application per person per programme per training."""

from __future__ import annotations

from services.audit import rules as audit
from services.db import is_unique_violation, write_transaction
from services.problems import Problem, ServiceError
from services.subsidy.eligibility import Applicant, evaluate
from services.timeutil import now
from tables import subsidy as t

ENTITY = "subsidy_application"
# Where each unmet rule points in the input.
RULE_FIELDS = {
    "COMPLETED_TRAINING": "training_enrolment_id",
    "MARKET_OWNERSHIP": "market_id",
    "PLACEMENTS": "market_id",
}


def already() -> ServiceError:
    return ServiceError(
        [
            Problem(
                "NOT_YET_APPLIED", "已申请过本项目（同一人同一培训只能申请一次）", ("programme_id",)
            )
        ]
    )


async def submit(applicant: Applicant, programme_id: int | None) -> int:
    """Store a SUBMITTED application if every rule holds. Returns its id."""
    try:
        return await _submit(applicant, programme_id)
    except Exception as exc:
        # The unique applicant key caught a simultaneous twin of the same application.
        if is_unique_violation(exc):
            raise already() from None
        raise


async def _submit(applicant: Applicant, programme_id: int | None) -> int:
    async with write_transaction():
        await audit.serialise()
        result = await evaluate(applicant, programme_id)
        unmet = [c for c in result.checks if not c.met]
        if unmet:
            raise ServiceError(
                [Problem(c.rule, c.text, (RULE_FIELDS.get(c.rule, "programme_id"),)) for c in unmet]
            )
        assert result.amount_fen is not None
        row = t.SubsidyApplication(
            programme=result.programme["id"],
            worker=result.worker_id,
            market=result.market_id,
            operator=applicant.id if applicant.role == "OPERATOR" else None,
            enrolment=result.enrolment_id,
            region=result.region_id,
            applicant_key=result.applicant_key,
            quantity=result.quantity,
            amount_fen=result.amount_fen,
            status="SUBMITTED",
            submitted_at=now(),
        )
        rows = await t.SubsidyApplication.insert(row).returning(t.SubsidyApplication.id)
        application_id = rows[0]["id"]
        await audit.record(
            audit.Actor(applicant.role, applicant.id),
            f"{ENTITY}.submit",
            ENTITY,
            application_id,
            after={
                "programme": result.programme["id"],
                "status": "SUBMITTED",
                "quantity": result.quantity,
                "amount_fen": result.amount_fen,
                "enrolment": result.enrolment_id,
                "market": result.market_id,
            },
        )
    return application_id
