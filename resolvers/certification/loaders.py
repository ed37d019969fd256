"""Certification rows to GraphQL objects, and batch loaders for the nested fields."""

from __future__ import annotations

from collections import defaultdict

from schema.certification import types as g
from schema.certification.enums import CertificationApplicationStatus
from services.certification.scoring import StandardSpec
from services.certification.standard import load_standard
from tables import certification as t

C = t.CertificationCriterion
CRITERION_COLUMNS = ("id", "text", "max_score", "position")


def to_standard(spec: StandardSpec) -> g.CertificationStandard:
    return g.CertificationStandard(
        year=spec.year,
        name=spec.name,
        max_score=spec.max_score,
        pass_score=spec.pass_score,
        relaxed_pass_score=spec.relaxed_pass_score,
        min_months_operating=spec.min_months_operating,
        publicity_days=spec.publicity_days,
        items=[
            g.CertificationItem(
                title=item.title,
                position=position,
                max_score=item.max_score,
                pass_threshold=item.pass_threshold,
                relaxed_threshold=item.relaxed_threshold,
                criteria=[
                    g.CertificationCriterion(
                        id=c.id, text=c.text, max_score=c.max_score, position=n
                    )
                    for n, c in enumerate(item.criteria, start=1)
                ],
            )
            for position, item in enumerate(spec.items, start=1)
        ],
    )


def to_application(row: dict) -> g.CertificationApplication:
    return g.CertificationApplication(
        id=row["id"],
        year=row["year"],
        status=CertificationApplicationStatus(row["status"]),
        submitted_at=row["submitted_at"],
        city_recommended_at=row["city_recommended_at"],
        assessed_at=row["assessed_at"],
        total_score=row["total_score"],
        publicity_starts_on=row["publicity_starts_on"],
        publicity_ends_on=row["publicity_ends_on"],
        decided_at=row["decided_at"],
        decision_note=row["decision_note"] or None,
        market_id=row["market"],
        standard_id=row["standard"],
    )


async def load_standards(ids: list[int]) -> list[g.CertificationStandard]:
    # Few distinct standards exist (one per year), so loading each one whole is cheap.
    built = {i: to_standard(await load_standard(i)) for i in set(ids)}
    return [built[i] for i in ids]


def _criterion(row: dict, prefix: str = "") -> g.CertificationCriterion:
    return g.CertificationCriterion(
        id=row[f"{prefix}id"],
        text=row[f"{prefix}text"],
        max_score=row[f"{prefix}max_score"],
        position=row[f"{prefix}position"],
    )


async def load_criteria(ids: list[int]) -> list[g.CertificationCriterion | None]:
    rows = await C.select(C.id, C.text, C.max_score, C.position).where(C.id.is_in(list(set(ids))))
    by_id = {r["id"]: _criterion(r) for r in rows}
    return [by_id.get(i) for i in ids]


def _joined(fk) -> list:
    return [getattr(fk, name) for name in CRITERION_COLUMNS]


async def load_scores(ids: list[int]) -> list[list[g.CertificationScore]]:
    S = t.CertificationScore
    rows = (
        await S.select(
            S.application,
            S.self_score,
            S.self_note,
            S.assessor_score,
            *_joined(S.criterion),
            S.criterion._.item._.position,
        )
        .where(S.application.is_in(list(set(ids))))
        .order_by(S.criterion._.item._.position)
        .order_by(S.criterion.position)
        .order_by(S.criterion.id)
    )
    grouped: dict[int, list[g.CertificationScore]] = defaultdict(list)
    for r in rows:
        grouped[r["application"]].append(
            g.CertificationScore(
                criterion=_criterion(r, "criterion."),
                self_score=r["self_score"],
                self_note=r["self_note"],
                assessor_score=r["assessor_score"],
            )
        )
    return [grouped.get(i, []) for i in ids]


async def load_evidence(ids: list[int]) -> list[list[g.CertificationEvidence]]:
    E = t.CertificationEvidence
    rows = (
        await E.select(E.application, E.title, E.file, E.uploaded_at, *_joined(E.criterion))
        .where(E.application.is_in(list(set(ids))))
        .order_by(E.id)
    )
    grouped: dict[int, list[g.CertificationEvidence]] = defaultdict(list)
    for r in rows:
        grouped[r["application"]].append(
            g.CertificationEvidence(
                title=r["title"],
                criterion=_criterion(r, "criterion.") if r["criterion.id"] else None,
                has_file=bool(r["file"]),
                uploaded_at=r["uploaded_at"],
            )
        )
    return [grouped.get(i, []) for i in ids]


async def load_certificate_numbers(ids: list[int]) -> list[str | None]:
    D = t.DemonstrationCertificate
    rows = await D.select(D.application, D.certificate_no).where(
        D.application.is_in(list(set(ids)))
    )
    by_app = {r["application"]: r["certificate_no"] for r in rows}
    return [by_app.get(i) for i in ids]
