"""Certification workflow rules (no strawberry), one function per transition."""

# Each transition is a conditional UPDATE on status and version inside one write transaction
# (see transitions.claim), audited in that same transaction, so a second click changes nothing.

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from services.audit.rules import Actor, record
from services.auth.staff import require_approver, scope_of
from services.certification import clock
from services.certification.objections import record_objection, resolve_objection
from services.certification.rules import (
    OPEN_STATUSES,
    disqualifiers,
    is_relaxed,
)
from services.certification.scoring import Evaluation, check_scores, evaluate, shortfalls
from services.certification.standard import load_standard
from services.certification.submission import EvidenceDraft, SelfAssessment, submit
from services.certification.transitions import (
    audit_transition,
    claim,
    fail,
    load_current,
    required_text,
)
from services.db import is_unique_violation, write_transaction
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from tables.certification import CertificationApplication as A
from tables.certification import (
    CertificationObjection,
    CertificationScore,
    DemonstrationCertificate,
)
from tables.market import Market

__all__ = [
    "EvidenceDraft",
    "SelfAssessment",
    "submit",
    "recommend",
    "assess",
    "publicise",
    "record_objection",
    "resolve_objection",
    "certify",
    "reject",
    "revoke",
    "certificate_number",
]


async def _approver(actor: Actor, what: str) -> None:
    if actor.type == "STAFF" and actor.id is not None:
        await require_approver(actor.id, what)


async def _check_city_staff(actor: Actor, market_id: int) -> None:
    """Only staff of the market's city (or province-wide staff) recommend it."""
    if actor.type != "STAFF" or actor.id is None:
        return
    scope = await scope_of(actor.id)
    market = await Market.select(Market.region.code).where(Market.id == market_id).first()
    if scope.read_only or not scope.covers(market["region.code"] if market else None):
        raise ServiceError(
            [
                Problem(
                    "OUT_OF_SCOPE",
                    f"只有该零工市场所在市的工作人员可以作市级推荐（您的范围：{scope.region_name}）",
                    (),
                )
            ]
        )


async def recommend(application_id: int, actor: Actor, note: str = "") -> None:
    """City staff recommend a submitted application to the province."""
    async with write_transaction():
        row = await load_current(application_id, ("SUBMITTED",), "推荐")
        await _check_city_staff(actor, row["market"])
        await claim(
            row, "CITY_RECOMMENDED", {A.city_recommended_at: now(), A.city_recommended_by: actor.id}
        )
        await audit_transition(actor, "recommend", row, "CITY_RECOMMENDED", note=note.strip())


async def _evaluation(row: dict, scores: dict[int, int]) -> tuple[Any, Evaluation, bool]:
    standard = await load_standard(row["standard"])
    relaxed = await is_relaxed(row["market"])
    return standard, evaluate(standard, scores, relaxed), relaxed


async def assess(application_id: int, scores: dict[int, int], actor: Actor) -> Evaluation:
    """The province scores every criterion; the assessor is the acting staff member."""
    async with write_transaction():
        row = await load_current(application_id, ("CITY_RECOMMENDED",), "评审")
        standard, evaluation, _ = await _evaluation(row, scores)
        problems = Problems()
        check_scores(standard, scores, problems, "scores")
        problems.raise_if_any()
        moment = now()
        await claim(
            row,
            "PROVINCE_ASSESSED",
            {A.assessed_at: moment, A.assessed_by: actor.id, A.total_score: evaluation.total},
        )
        for criterion_id, score in scores.items():
            changed = (
                await CertificationScore.update(
                    {
                        CertificationScore.assessor_score: score,
                        CertificationScore.assessor_id: actor.id,
                    }
                )
                .where(
                    (CertificationScore.application == application_id)
                    & (CertificationScore.criterion == criterion_id)
                )
                .returning(CertificationScore.id)
            )
            if not changed:  # a criterion added to the standard after submission
                await CertificationScore(
                    application=application_id,
                    criterion=criterion_id,
                    self_score=0,
                    self_note="（申报后新增条目，未自评）",
                    assessor_score=score,
                    assessor_id=actor.id,
                ).save()
        await audit_transition(
            actor,
            "assess",
            row,
            "PROVINCE_ASSESSED",
            total=evaluation.total,
            passed=evaluation.passed,
        )
    return evaluation


async def _assessed(row: dict) -> tuple[Any, Evaluation, bool]:
    rows = await CertificationScore.select(
        CertificationScore.criterion, CertificationScore.assessor_score
    ).where(CertificationScore.application == row["id"])
    scores = {r["criterion"]: r["assessor_score"] or 0 for r in rows}
    return await _evaluation(row, scores)


async def _verdict_problems(row: dict) -> Problems:
    """Thresholds (relaxed where they apply) and disqualifiers, all at once."""
    problems = Problems()
    standard, evaluation, relaxed = await _assessed(row)
    shortfalls(standard, evaluation, relaxed, problems)
    problems.items.extend(await disqualifiers(row["market"]))
    return problems


async def publicise(application_id: int, actor: Actor) -> tuple[date, date]:
    """Start the notice period today; only an application that passes may be publicised."""
    async with write_transaction():
        row = await load_current(application_id, ("PROVINCE_ASSESSED",), "公示")
        (await _verdict_problems(row)).raise_if_any()
        standard = await load_standard(row["standard"])
        starts = clock.today()
        ends = starts + timedelta(days=max(standard.publicity_days, 1) - 1)
        await claim(row, "PUBLICISED", {A.publicity_starts_on: starts, A.publicity_ends_on: ends})
        await audit_transition(actor, "publicise", row, "PUBLICISED", starts=starts, ends=ends)
    return starts, ends


def certificate_number(year: int, application_id: int) -> str:
    # The application id makes it unique without a counter that concurrent decisions would race on.
    return f"ZJSF-{year}-{application_id:05d}"


async def certify(application_id: int, actor: Actor) -> str:
    """Grant the certificate once the notice period is over with no upheld or open objection."""
    await _approver(actor, "认定示范零工市场")
    try:
        async with write_transaction():
            row = await load_current(application_id, ("PUBLICISED",), "认定")
            problems = Problems()
            if clock.today() <= row["publicity_ends_on"]:
                problems.add(
                    "PUBLICITY_NOT_ENDED",
                    f"公示期至 {row['publicity_ends_on'].isoformat()} 结束，期满后方可认定",
                    "application_id",
                )
            objections = await CertificationObjection.select(
                CertificationObjection.upheld, CertificationObjection.resolution
            ).where(CertificationObjection.application == application_id)
            if any(not o["resolution"] for o in objections):
                problems.add("OBJECTION_PENDING", "尚有未处理的异议", "application_id")
            if any(o["upheld"] for o in objections):
                problems.add("OBJECTION_UPHELD", "有成立的异议，不予认定", "application_id")
            problems.items.extend((await _verdict_problems(row)).items)
            if await DemonstrationCertificate.exists().where(
                (DemonstrationCertificate.market == row["market"])
                & (DemonstrationCertificate.year == row["year"])
                & DemonstrationCertificate.revoked_on.is_null()
                # A racing click on this same application is a CONFLICT, reported by claim().
                & (
                    (DemonstrationCertificate.application != application_id)
                    | DemonstrationCertificate.application.is_null()
                )
            ):
                problems.add("ALREADY_CERTIFIED", "该市场本年度已持有有效证书", "application_id")
            problems.raise_if_any()
            moment = now()
            await claim(row, "CERTIFIED", {A.decided_at: moment, A.decided_by: actor.id})
            number = certificate_number(row["year"], application_id)
            await DemonstrationCertificate(
                market=row["market"],
                application=application_id,
                year=row["year"],
                certificate_no=number,
                certified_at=moment,
            ).save()
            await audit_transition(actor, "certify", row, "CERTIFIED", certificate_no=number)
    except ServiceError:
        raise
    except Exception as exc:
        if is_unique_violation(exc):  # a racing decision already wrote the certificate
            raise fail("CONFLICT", "该申报刚被他人处理，请刷新后重试", "application_id") from None
        raise
    return number


async def reject(application_id: int, reason: str, actor: Actor) -> None:
    """Decline at any open stage, with the reason recorded."""
    reason = required_text(reason, "reason", "不予认定的理由")
    await _approver(actor, "作出不予认定决定")
    async with write_transaction():
        row = await load_current(application_id, OPEN_STATUSES, "作出不予认定决定")
        await claim(
            row,
            "REJECTED",
            {A.decided_at: now(), A.decided_by: actor.id, A.decision_note: reason},
        )
        await audit_transition(actor, "reject", row, "REJECTED", reason=reason)


async def revoke(certificate_no: str, reason: str, actor: Actor) -> None:
    """Revoke a valid certificate; its application (if any) becomes REVOKED, so the market
    may apply again."""
    reason = required_text(reason, "reason", "撤销理由")
    await _approver(actor, "撤销认定")
    async with write_transaction():
        cert = (
            await DemonstrationCertificate.select()
            .where(DemonstrationCertificate.certificate_no == (certificate_no or "").strip())
            .first()
        )
        if cert is None:
            raise fail("NOT_FOUND", "证书不存在", "certificate_no")
        revoked = (
            await DemonstrationCertificate.update(
                {
                    DemonstrationCertificate.revoked_on: clock.today(),
                    DemonstrationCertificate.revoked_reason: reason,
                }
            )
            .where(
                (DemonstrationCertificate.id == cert["id"])
                & DemonstrationCertificate.revoked_on.is_null()
            )
            .returning(DemonstrationCertificate.id)
        )
        if not revoked:
            raise fail("ALREADY_REVOKED", "该证书已撤销", "certificate_no")
        if cert["application"] is not None:
            row = await load_current(cert["application"], ("CERTIFIED",), "撤销")
            note = f"{row['decision_note']}\n撤销：{reason}".strip()
            await claim(row, "REVOKED", {A.decision_note: note})
            await audit_transition(
                actor, "revoke", row, "REVOKED", certificate_no=cert["certificate_no"]
            )
        else:  # certificates granted before the platform have no application row
            await record(
                actor,
                "certification.revoke",
                "demonstration_certificate",
                cert["id"],
                before={"revoked_on": None},
                after={"revoked_on": clock.today(), "reason": reason},
            )
