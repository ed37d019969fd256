"""Submitting an application: eligibility, self-assessment, evidence, one live per year."""

from __future__ import annotations

from dataclasses import dataclass

from services.audit.rules import Actor, record
from services.certification import clock
from services.certification.rules import LIVE_STATUSES, disqualifiers
from services.certification.scoring import check_scores, eligible_from
from services.certification.standard import load_standard, standard_id_for_year
from services.db import is_unique_violation, write_transaction
from services.problems import Problem, Problems, ServiceError
from services.timeutil import now
from tables.certification import (
    CertificationApplication as A,
)
from tables.certification import (
    CertificationEvidence,
    CertificationScore,
)
from tables.market import Market

ENTITY = "certification_application"
FIRST_YEAR = 2023  # the policy's first certification year
MAX_TITLE = 100
MAX_NOTE = 1000
MAX_EVIDENCE = 50


@dataclass
class SelfAssessment:
    criterion_id: int
    score: int
    note: str = ""


@dataclass
class EvidenceDraft:
    title: str
    criterion_id: int | None = None
    file: str = ""


def _duplicate() -> ServiceError:
    return ServiceError(
        [Problem("DUPLICATE_APPLICATION", "该市场本年度已有在办或已认定的申报", ("year",))]
    )


async def submit(
    market_id: int | None,
    year: int,
    assessments: list[SelfAssessment],
    evidence: list[EvidenceDraft],
    actor: Actor,
    operator_id: int | None = None,
) -> int:
    """Validate everything at once, then insert the application with its scores and evidence.

    With `operator_id`, a market run by someone else is reported exactly like a missing one.
    """
    problems = Problems()
    market = (
        await Market.select(
            Market.id, Market.station_type, Market.status, Market.established_on, Market.operator
        )
        .where(Market.id == market_id)
        .first()
        if market_id is not None
        else None
    )
    if market is None or (operator_id is not None and market["operator"] != operator_id):
        raise ServiceError([Problem("NOT_FOUND", "零工市场不存在", ("market_id",))])
    if market["station_type"] != "MARKET":
        problems.add("MARKET_NOT_ELIGIBLE", "零工驿站、零工超市不能申报示范零工市场", "market_id")
    elif market["status"] == "CLOSED":
        problems.add("MARKET_NOT_ELIGIBLE", "已关闭的零工市场不能申报", "market_id")
    day = clock.today()
    standard = None
    if not FIRST_YEAR <= year <= day.year + 1:
        problems.add(
            "INVALID_YEAR", f"申报年度须在 {FIRST_YEAR} 年到 {day.year + 1} 年之间", "year"
        )
    elif (standard_id := await standard_id_for_year(year)) is None:
        problems.add("NO_STANDARD", "该年度尚无认定标准", "year")
    else:
        standard = await load_standard(standard_id)
        opened = market["established_on"]
        start = eligible_from(opened, standard.min_months_operating) if opened else None
        if start is None or start > day:
            when = f"（{start.isoformat()} 起）" if start else "（未登记开业日期）"
            problems.add(
                "TOO_EARLY",
                f"零工市场开业满 {standard.min_months_operating} 个月后方可申报{when}",
                "market_id",
            )
    scores: dict[int, int] = {}
    for index, item in enumerate(assessments):
        if item.criterion_id in scores:
            problems.add(
                "DUPLICATE_CRITERION", "同一评分条目只能自评一次", "self_assessment", str(index)
            )
        scores[item.criterion_id] = item.score
        if len(item.note) > MAX_NOTE:
            problems.add(
                "TOO_LONG", f"说明不能超过 {MAX_NOTE} 字", "self_assessment", str(index), "note"
            )
    if standard is not None:
        check_scores(standard, scores, problems, "self_assessment")
    criterion_ids = {c.id for c in standard.criteria} if standard else set()
    if len(evidence) > MAX_EVIDENCE:
        problems.add("TOO_MANY", f"证明材料最多 {MAX_EVIDENCE} 份", "evidence")
    for index, draft in enumerate(evidence):
        if not draft.title.strip() or len(draft.title.strip()) > MAX_TITLE:
            problems.add(
                "INVALID_EVIDENCE",
                f"材料名称须为 1 到 {MAX_TITLE} 字",
                "evidence",
                str(index),
                "title",
            )
        if draft.criterion_id is not None and standard and draft.criterion_id not in criterion_ids:
            problems.add(
                "UNKNOWN_CRITERION",
                "评分条目不属于该年度认定标准",
                "evidence",
                str(index),
                "criterion_id",
            )
    problems.items.extend(await disqualifiers(market["id"], "market_id"))
    problems.raise_if_any()
    # Without a standard INVALID_YEAR or NO_STANDARD was added above, so we raised already.
    assert standard is not None
    try:
        return await _insert(market["id"], standard.id, year, assessments, evidence, actor)
    except ServiceError:
        raise
    except Exception as exc:
        # Two submissions racing past the check: the partial unique index keeps one.
        if is_unique_violation(exc):
            raise _duplicate() from None
        raise


async def _insert(market_id, standard_id, year, assessments, evidence, actor) -> int:
    async with write_transaction():
        if await A.exists().where(
            (A.market == market_id) & (A.year == year) & A.status.is_in(list(LIVE_STATUSES))
        ):
            raise _duplicate()
        application = A(
            market=market_id,
            standard=standard_id,
            year=year,
            status="SUBMITTED",
            submitted_by=f"{actor.type}:{actor.id}",
            submitted_at=now(),
        )
        await application.save()
        await CertificationScore.insert(
            *[
                CertificationScore(
                    application=application.id,
                    criterion=a.criterion_id,
                    self_score=a.score,
                    self_note=a.note.strip(),
                )
                for a in assessments
            ]
        )
        if evidence:
            await CertificationEvidence.insert(
                *[
                    CertificationEvidence(
                        application=application.id,
                        criterion=e.criterion_id,
                        title=e.title.strip(),
                        file=e.file,
                    )
                    for e in evidence
                ]
            )
        await record(
            actor,
            "certification.submit",
            ENTITY,
            application.id,
            after={
                "market": market_id,
                "year": year,
                "status": "SUBMITTED",
                "self_total": sum(a.score for a in assessments),
                "evidence": len(evidence),
            },
        )
    return application.id
