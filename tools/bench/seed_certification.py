"""Operating contracts, monthly assessments and certification applications for `lingong bench`:
the rows of MyAssessments (an operator's assessments, their payouts and reconciliations) and
MyCertificationApplications (the applications of an operator's markets, with scores, evidence
and certificates).

Written straight into the tables (as tools/bench/statistics.py does), after the markets and the
year (2025) of activity exist, and kept to what services/ would have stored: one contract per
market (public welfare as the market's ownership), the 2025 scheme's weights adding up to 100,
reports per contracted month with corrections as new versions, each assessment evaluated by
services.assessment.runs.evaluations against the records, payouts equal to the proposed reward
of approved assessments within both budgets, reports locked once decided; certification
applications of markets (not stations, not closed) eligible by their opening date, one live
per market and year, every criterion self-scored, assessor scores where assessed, passing
scores for publicised and certified ones, and the certificates the market seeding granted
linked to the applications that won them.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tools.bench.markets import _insert

YEAR = 2025  # the seeded activity's year: the months assessed
CONTRACT_EVERY = 3  # one market with an operator in three is run under contract
STAFF = 1  # the staff member who runs, decides and assesses (a plain id, as stored)
TARGETS = (  # indicator, weight, monthly target: scaled to the seeded activity
    ("registrations", 20, 2),
    ("postings_published", 20, 1),
    ("matches_confirmed", 20, 3),
    ("workers_onboarded", 15, 2),
    ("assisted_workers_placed", 10, 1),
    ("trainings_delivered", 10, 1),
    ("disputes_mediated", 5, 1),
)
MONTHLY_CAP_FEN = 1_000_000  # 10,000 yuan for a full score
EVIDENCE = ("场地平面图及实景照片", "运营管理制度汇编", "服务台账（近三个月）", "线上平台接入证明")


def _at(day: date, rng: random.Random, first_hour: int = 1, last_hour: int = 9) -> datetime:
    """A moment of `day` in office hours (Asia/Shanghai), in UTC as the columns store it."""
    hour = rng.randint(first_hour, last_hour)
    return datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=UTC)


def _next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


async def seed_certification(args: argparse.Namespace, seed: int) -> dict[str, int]:
    rng = random.Random(seed * 31 + 15)
    counts = await seed_assessment(rng)
    counts.update(await _applications(rng))
    return counts


# --------------------------------------------------------------------------------------------
# Contracts, the 2025 scheme, workload reports, assessments, payouts


async def seed_assessment(rng: random.Random) -> dict[str, int]:
    from services.assessment import reports as rp
    from services.assessment.observed import observe
    from services.assessment.rules import INDICATORS, load_scheme
    from services.assessment.runs import evaluations
    from tables import assessment as t
    from tables.market import Market
    from tables.operator import OperatingContract

    markets = (
        await Market.select(Market.id, Market.operator, Market.ownership, Market.established_on)
        .where(Market.operator.is_not_null() & (Market.status != "CLOSED"))
        .order_by(Market.id)
    )
    contracts = []
    for k, m in enumerate(markets):
        # The first one included: the scene's contract (documents._contract, the first covering
        # last month) stays that of the first market with an operator, as without this seeding.
        if k % CONTRACT_EVERY:
            continue
        opened = m["established_on"] or date(2023, 1, 1)
        starts = max(date(2024, 1, 1), _next_month(opened))
        contracts.append(
            OperatingContract(
                operator=m["operator"],
                market=m["id"],
                starts_on=starts,
                ends_on=date(starts.year + 5, starts.month, 1) - timedelta(days=1),
                public_welfare=m["ownership"] == "PUBLIC_WELFARE",
                yearly_budget_fen=rng.choice((150_000_00, 200_000_00, 300_000_00)),
                created_at=_at(starts - timedelta(days=20), rng),
            )
        )
    await _insert(OperatingContract, contracts)
    scheme_row = t.AssessmentScheme(
        year=YEAR,
        name=f"{YEAR}年度零工市场运营绩效考核办法",
        tolerance_percent=10,
        pass_score=60,
        monthly_reward_cap_fen=MONTHLY_CAP_FEN,
        budget_fen=MONTHLY_CAP_FEN * 12 * max(len(contracts), 1),
        last_edited_by=STAFF,
    )
    await _insert(t.AssessmentScheme, [scheme_row])
    await _insert(
        t.AssessmentIndicator,
        [
            t.AssessmentIndicator(scheme=scheme_row.id, indicator=n, weight=w, target=g)
            for n, w, g in TARGETS
        ],
    )
    scheme = await load_scheme(YEAR)
    assert scheme is not None  # inserted just above
    welfare = [c for c in contracts if c.public_welfare]
    report_rows = []
    for month in range(1, 13):
        period = f"{YEAR}-{month:02d}"
        first = date(YEAR, month, 1)
        covered = [c for c in welfare if c.starts_on <= first]
        seen = await observe(period, [c.market for c in covered]) if covered else {}
        for c in covered:
            if rng.random() < 0.08:
                continue  # no report this month: the assessment scores 0
            versions = 2 if rng.random() < 0.06 else 1
            for version in range(1, versions + 1):
                counts = _reported(seen[c.market], rng, honest=version == versions)
                key = f"bench-{c.market}-{period}-{version}"
                draft = rp.ReportDraft(c.market, period, key, counts, "更正" if version > 1 else "")
                report_rows.append(
                    t.WorkloadReport(
                        operator=c.operator,
                        market=c.market,
                        period=period,
                        version=version,
                        is_current=int(version == versions),
                        idempotency_key=draft.idempotency_key,
                        payload_hash=rp.payload_hash(draft),
                        notes=draft.notes,
                        submitted_at=_at(_next_month(first) + timedelta(days=version), rng),
                        **counts,
                    )
                )
    await _insert(t.WorkloadReport, report_rows, chunk=1000)
    assessments: list[Any] = []
    for month in range(1, 13):
        period = f"{YEAR}-{month:02d}"
        computed_on = _next_month(date(YEAR, month, 1)) + timedelta(days=5)
        for market, e in sorted((await evaluations(period, scheme)).items()):
            computed = _at(computed_on, rng)
            status, reason, note = _decision(e, month, rng)
            decided = computed + timedelta(days=rng.randint(2, 10)) if status != "DRAFT" else None
            assessments.append(
                t.Assessment(
                    scheme=scheme.id,
                    contract=e.contract_id,
                    operator=e.operator_id,
                    market=market,
                    period=period,
                    report=e.report_id,
                    score_basis_points=e.score_bp,
                    proposed_reward_fen=e.reward_fen,
                    flagged=int(e.flagged),
                    reconciliation=e.reconciliation,
                    justification=note,
                    status=status,
                    last_edited_by=STAFF,
                    computed_at=computed,
                    decided_by=STAFF if decided else None,
                    decided_at=decided,
                    reject_reason=reason,
                    version=2 if decided else 1,
                )
            )
    await _insert(t.Assessment, assessments, chunk=1000)
    payouts = [
        t.Payout(
            assessment=a.id,
            operator=a.operator,
            market=a.market,
            period=a.period,
            amount_fen=a.proposed_reward_fen,
            approved_by=STAFF,
            created_at=a.decided_at,
        )
        for a in assessments
        if a.status == "APPROVED"
    ]
    await _insert(t.Payout, payouts, chunk=1000)
    used: dict[int, int] = defaultdict(int)
    for p, a in zip(payouts, [a for a in assessments if a.status == "APPROVED"], strict=True):
        used[a.contract] += p.amount_fen
    await _insert(
        t.ContractBudgetUsage,
        [t.ContractBudgetUsage(contract=c, year=YEAR, committed_fen=n) for c, n in used.items()],
    )
    await t.AssessmentScheme.update({t.AssessmentScheme.committed_fen: sum(used.values())}).where(
        t.AssessmentScheme.id == scheme.id
    )
    # A decided month's reports are locked when it is decided (decisions._lock_reports).
    decision = (
        "SELECT a.decided_at FROM assessment a WHERE a.market = workload_report.market "
        "AND a.period = workload_report.period AND a.status <> 'DRAFT'"
    )
    await t.WorkloadReport.raw(
        f"UPDATE workload_report SET locked_at = ({decision}) WHERE EXISTS ({decision})"
    )
    assert all(name in INDICATORS for name, _, _ in TARGETS)
    return {
        "contracts": len(contracts),
        "workload reports": len(report_rows),
        "assessments": len(assessments),
        "payouts": len(payouts),
    }


def _reported(observed: dict[str, int | None], rng: random.Random, honest: bool) -> dict:
    """What an operator reports: mostly the records' figures, sometimes more (flagged on
    reconciliation); a figure the platform does not observe, a small number."""
    counts = {}
    inflate = not honest or rng.random() < 0.15
    for name, value in observed.items():
        figure = rng.randint(0, 3) if value is None else value
        if inflate and rng.random() < 0.5:
            figure += rng.randint(1, 4)
        counts[name] = figure
    counts["assisted_workers_placed"] = min(
        counts["assisted_workers_placed"], counts["workers_onboarded"]
    )
    return counts


def _decision(e: Any, month: int, rng: random.Random) -> tuple[str, str, str]:
    """(status, reject reason, justification) of an evaluated month: the last month's still
    partly pending; no report can only be rejected; a flagged one approved with a reason."""
    if month == 12 and rng.random() < 0.4:
        return "DRAFT", "", ""
    if e.report_id is None:
        return "REJECTED", "该月未报送工作量报告", ""
    if e.flagged:
        if rng.random() < 0.5:
            return "REJECTED", "上报数据与平台记录差异超出容忍度，请核实后更正", ""
        return "APPROVED", "", "经现场核查，差异系线下登记未及时录入平台所致"
    return "APPROVED", "", ""


# --------------------------------------------------------------------------------------------
# Certification applications


async def _applications(rng: random.Random) -> dict[str, int]:
    from services.certification import clock
    from services.certification.scoring import eligible_from
    from services.certification.standard import (
        ensure_default_standard,
        load_standard,
        standard_id_for_year,
    )
    from tables import certification as c
    from tables.assessment import Assessment
    from tables.market import Market
    from tables.rights_case import RightsCase

    for year in (2023, 2025):
        await ensure_default_standard(year)
    today = clock.today()
    standards = {}
    for year in range(2023, today.year + 1):
        found = await standard_id_for_year(year)
        assert found is not None  # 2023's exists
        standards[year] = await load_standard(found)
    markets = (
        await Market.select(Market.id, Market.operator, Market.established_on)
        .where((Market.station_type == "MARKET") & (Market.status != "CLOSED"))
        .order_by(Market.id)
    )
    certificates = await c.DemonstrationCertificate.select().where(
        c.DemonstrationCertificate.year >= 2023
    )
    held = {(r["market"], r["year"]): r for r in certificates}
    # services.certification.rules.disqualifiers: such markets could not apply this year.
    barred = {
        r["market"]
        for r in await Assessment.select(Assessment.market).where(
            (Assessment.flagged == 1) & (Assessment.status != "APPROVED")
        )
    } | {
        r["market"]
        for r in await RightsCase.select(RightsCase.market).where(
            (RightsCase.status == "RESOLVED")
            & (RightsCase.outcome == "SUBSTANTIATED")
            & RightsCase.kind.is_in(["DISCRIMINATION", "WAGE_ARREARS"])
        )
    }
    plans: list[dict] = []
    for m in markets:
        opened = m["established_on"] or date(2023, 1, 1)
        for year in range(2023, today.year + 1):
            certificate = held.get((m["id"], year))
            current = year == today.year
            if certificate is None:
                if rng.random() >= (0.12 if current else 0.05):
                    continue
                if current and m["id"] in barred:
                    continue
            first = date(year, 1, 5) if certificate is not None else date(year, 3, 1)
            submitted_on = max(first, eligible_from(opened, 3)) + timedelta(rng.randint(0, 60))
            if submitted_on >= today or submitted_on.year != year:
                continue
            if certificate is not None:
                status = "REVOKED" if certificate["revoked_on"] else "CERTIFIED"
            elif current:
                status = rng.choice(
                    ("SUBMITTED", "CITY_RECOMMENDED", "PROVINCE_ASSESSED", "PUBLICISED", "REJECTED")
                )
            else:
                status = "REJECTED"
            plans.append(
                {
                    "market": m,
                    "year": year,
                    "on": submitted_on,
                    "status": status,
                    "cert": certificate,
                }
            )
    plans.sort(key=lambda p: (p["on"], p["market"]["id"]))  # ids in the order they came in
    rows, scores, evidence, links = [], [], [], []
    for p in plans:
        row, marks, docs = _application(p, standards[p["year"]], today, rng)
        rows.append(row)
        scores.append(marks)
        evidence.append(docs)
    await _insert(c.CertificationApplication, rows)
    for row, marks, docs, p in zip(rows, scores, evidence, plans, strict=True):
        for s in marks:
            s.application = row.id
        for d in docs:
            d.application = row.id
        if p["cert"] is not None and row.status in ("CERTIFIED", "REVOKED"):
            links.append((p["cert"]["id"], row.id, row.decided_at))
    await _insert(c.CertificationScore, [s for marks in scores for s in marks], chunk=2000)
    await _insert(c.CertificationEvidence, [d for docs in evidence for d in docs], chunk=2000)
    D = c.DemonstrationCertificate
    for certificate, application, decided in links:
        await D.update({D.application: application, D.certified_at: decided}).where(
            D.id == certificate
        )
    return {
        "certification applications": len(rows),
        "certification scores": sum(len(m) for m in scores),
    }


def _application(p: dict, standard: Any, today: date, rng: random.Random) -> tuple:
    """The application row of plan `p`, its scores and its evidence (application ids unset)."""
    from tables import certification as c

    status, on = p["status"], p["on"]
    operator = p["market"]["operator"]
    submitted = _at(on, rng)
    stage = {
        "SUBMITTED": 0,
        "CITY_RECOMMENDED": 1,
        "PROVINCE_ASSESSED": 2,
        "PUBLICISED": 3,
        "CERTIFIED": 4,
        "REVOKED": 4,
        "REJECTED": rng.randint(0, 2),
    }[status]
    passing = status in ("PUBLICISED", "CERTIFIED", "REVOKED") or (
        status == "PROVINCE_ASSESSED" and rng.random() < 0.7
    )
    moments: list[datetime] = [submitted]
    for gap in ((5, 20), (10, 30), (1, 10), (7, 12))[:stage]:
        moments.append(moments[-1] + timedelta(days=rng.randint(*gap)))
    if moments[-1].date() >= today:  # still at an earlier step: today's the limit
        moments = [m for m in moments if m.date() < today]
        status = ("SUBMITTED", "CITY_RECOMMENDED", "PROVINCE_ASSESSED", "PUBLICISED")[
            len(moments) - 1
        ]
        stage = len(moments) - 1
    assessed = stage >= 2
    marks = []
    for criterion in standard.criteria:
        top = criterion.max_score
        if passing:
            given = top - rng.randint(0, top * 15 // 100)
        else:
            given = rng.randint(top // 3, top * 3 // 4)
        marks.append(
            c.CertificationScore(
                application=0,  # set once the application has its id
                criterion=criterion.id,
                self_score=min(top, given + rng.randint(0, 1)),
                assessor_score=given if assessed else None,
                assessor_id=STAFF if assessed else None,
            )
        )
    publicity = moments[3].date() if stage >= 3 else None
    decided = None
    note = ""
    if status in ("CERTIFIED", "REVOKED"):
        decided = moments[4]
    elif status == "REJECTED":
        decided = moments[-1] + timedelta(days=rng.randint(3, 15))
        if decided.date() >= today:
            decided = moments[-1]
        note = ("自评与现场核查差距较大", "服务功能区设置不全", "线上服务未接入省平台")[stage]
    if status == "REVOKED":
        note = "撤销：复核未通过"
    row = c.CertificationApplication(
        market=p["market"]["id"],
        standard=standard.id,
        year=p["year"],
        status=status,
        submitted_by=f"OPERATOR:{operator}" if operator else f"STAFF:{STAFF}",
        submitted_at=submitted,
        city_recommended_at=moments[1] if stage >= 1 else None,
        city_recommended_by=STAFF if stage >= 1 else None,
        assessed_at=moments[2] if assessed else None,
        assessed_by=STAFF if assessed else None,
        total_score=sum(m.assessor_score for m in marks) if assessed else None,
        publicity_starts_on=publicity,
        publicity_ends_on=publicity + timedelta(days=standard.publicity_days - 1)
        if publicity
        else None,
        decided_at=decided,
        decided_by=STAFF if decided else None,
        decision_note=note,
        version=stage + (1 if status in ("REJECTED", "REVOKED") else 0),
    )
    docs = [
        c.CertificationEvidence(
            application=0,  # set once the application has its id
            criterion=rng.choice(standard.criteria).id if rng.random() < 0.6 else None,
            title=title,
            file=f"certification/{p['year']}/{p['market']['id']}/{k + 1}.pdf"
            if rng.random() < 0.85
            else "",
            uploaded_at=submitted,
        )
        for k, title in enumerate(rng.sample(EVIDENCE, rng.randint(1, len(EVIDENCE))))
    ]
    return row, marks, docs
