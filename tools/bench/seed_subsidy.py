"""Subsidy programmes and applications for `lingong bench`: the rows of SubsidyProgrammes (the
public list of open programmes) and MySubsidyApplications (a worker's own applications).

Written straight into the tables (as tools/bench/statistics.py does), after the markets,
workers and training enrolments exist, and kept to what services/subsidy would have stored:
amount rules that fit the kind, fen amounts from the rule (amounts.amount_fen), one application
per applicant key, applications only to programmes whose region, training and assistance rules
the applicant meets, inside the programme's period, decisions after submission, committed
money equal to the approved and paid amounts and never above the budget.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tools.bench.markets import _insert

PROGRAMMES = 120  # a few dozen per city in the public list, some ended or withdrawn
KIND_NAMES = {
    "TRAINING_SUBSIDY": "职业培训补贴",
    "TRAINING_LIVING_ALLOWANCE": "培训期间生活费补贴",
    "EMPLOYMENT_SERVICE_SUBSIDY": "就业创业服务补贴",
    "PUBLIC_WELFARE_JOB_SUBSIDY": "公益性岗位补贴",
}
RATES_YUAN = {
    "FIXED": (300, 500, 800, 1000, 1500, 1800, 2000),
    "PER_TRAINING_HOUR": (10, 12, 15, 20),
    "PER_PLACEMENT": (30, 50, 80),
}
# How the seeded applications stand: decided ones carry their times, reasons, references.
STATUS_MIX = (
    ("SUBMITTED", 0.3),
    ("FIRST_APPROVED", 0.1),
    ("APPROVED", 0.2),
    ("REJECTED", 0.15),
    ("PAID", 0.25),
)
REASONS = ("材料不全，请补充结业证书", "不在申请期内", "所在地区不符合本项目范围")
FIRST_REVIEWER, FINAL_REVIEWER = 1, 2  # two staff: a second approval is by a different person
WELFARE_APPLICANTS = 600  # workers applying for a public-welfare job subsidy
MARKET_APPLICANTS = 200  # markets whose operator applies for the employment service subsidy
READER_CLAIMS = 30  # the reader's training claims: a page and a half


def _utc(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _covers(programme: dict, code: str | None) -> bool:
    from services.subsidy.programmes import region_prefix

    if programme["region_code"] is None:
        return True
    return code is not None and code.startswith(region_prefix(programme["region_code"]))


def _programmes(rng: random.Random, regions: list[dict], moment: datetime) -> list[Any]:
    from services.subsidy.programmes import (
        CATEGORIES,
        KINDS,
        OPERATOR_KINDS,
        OWNERSHIPS,
        RULES_BY_KIND,
        TRAINING_KINDS,
    )
    from tables import subsidy as t

    cities = [r for r in regions if r["level"] == "prefecture"]
    counties = [r for r in regions if r["level"] != "prefecture"]
    rows = []
    for n in range(PROGRAMMES):
        kind = rng.choice(KINDS)
        rule = rng.choice(RULES_BY_KIND[kind])
        place = rng.random()
        region = None if place < 0.5 else rng.choice(cities if place < 0.8 else counties)
        categories: list[str] = []
        if kind not in OPERATOR_KINDS and kind != "TRAINING_SUBSIDY" and rng.random() < 0.5:
            categories = sorted(rng.sample(CATEGORIES, rng.randint(1, 2)))
        training = kind in TRAINING_KINDS
        starts = moment - timedelta(days=rng.randint(30, 600))
        fate = rng.random()  # 80 % open, 10 % ended, 10 % withdrawn by staff
        if fate < 0.9:
            ends = moment + timedelta(days=rng.randint(1, 365), hours=rng.randint(0, 23))
        else:
            ends = moment - timedelta(days=rng.randint(1, 29))
        rows.append(
            t.SubsidyProgramme(
                name=f"{region['name'] if region else '浙江省'}{KIND_NAMES[kind]}（第{n + 1}批）",
                kind=kind,
                description="基准测试补贴项目",
                amount_rule=rule,
                amount_fen=rng.choice(RATES_YUAN[rule]) * 100,
                assistance_categories=categories,
                training_category=rng.choice((None, None, "GENERAL", "URGENT_SKILL"))
                if training
                else None,
                training_within_months=rng.choice((None, 12, 24)) if training else None,
                region=region["id"] if region else None,
                market_ownership=rng.choice((None, *OWNERSHIPS))
                if kind in OPERATOR_KINDS
                else None,
                starts_at=starts,
                ends_at=ends,
                budget_fen=rng.choice((20, 50, 100, 500)) * 10_000 * 100,
                approval_threshold_fen=rng.choice((500, 1000, 5000)) * 100,
                active=not 0.8 <= fate < 0.9,
            )
        )
    return rows


def _amount(programme: dict, quantity: int) -> int:
    """services/subsidy/amounts.amount_fen."""
    rate = programme["amount_fen"]
    if programme["amount_rule"] == "PER_TRAINING_HOUR":
        return int((Decimal(rate) * quantity / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if programme["amount_rule"] == "PER_PLACEMENT":
        return rate * quantity
    return rate


class _Applications:
    """The applications being built, with the keys taken and the money committed so far."""

    def __init__(self, rng: random.Random, moment: datetime) -> None:
        self.rng, self.moment = rng, moment
        self.rows: list[Any] = []
        self.keys: set[str] = set()
        self.committed: dict[int, int] = {}

    def add(
        self,
        p: dict,
        key: str,
        earliest: datetime,
        quantity: int,
        latest: datetime | None = None,
        **applicant: Any,
    ) -> bool:
        from tables import subsidy as t

        lo = max(p["starts_at"], earliest)
        hi = min(p["ends_at"], self.moment, latest or self.moment)
        if key in self.keys or lo >= hi:
            return False
        self.keys.add(key)
        rng = self.rng
        submitted = lo + (hi - lo) * rng.random()
        amount = _amount(p, quantity)
        status = rng.choices([s for s, _ in STATUS_MIX], [w for _, w in STATUS_MIX])[0]
        decided = submitted + timedelta(hours=rng.randint(2, 20 * 24))
        paid = decided + timedelta(hours=rng.randint(24, 30 * 24))
        if decided >= self.moment:
            status = "SUBMITTED"
        elif status == "PAID" and paid >= self.moment:
            status = "APPROVED"
        if status in ("APPROVED", "PAID"):
            committed = self.committed.get(p["id"], 0) + amount
            if committed > p["budget_fen"]:
                status = "FIRST_APPROVED"  # the budget is spent: no final approval
            else:
                self.committed[p["id"]] = committed
        twice = status == "FIRST_APPROVED" or (
            status in ("APPROVED", "PAID") and amount > p["approval_threshold_fen"]
        )
        final = status in ("APPROVED", "REJECTED", "PAID")
        first_at = decided - timedelta(hours=1) if status != "FIRST_APPROVED" else decided
        self.rows.append(
            t.SubsidyApplication(
                programme=p["id"],
                applicant_key=key,
                quantity=quantity,
                amount_fen=amount,
                status=status,
                submitted_at=submitted,
                first_approved_by=FIRST_REVIEWER if twice else None,
                first_approved_at=first_at if twice else None,
                decided_by=FINAL_REVIEWER if final else None,
                decided_at=decided if final else None,
                reject_reason=rng.choice(REASONS) if status == "REJECTED" else "",
                payment_reference=f"BENCH-PAY-{len(self.rows):06d}" if status == "PAID" else "",
                paid_by=FINAL_REVIEWER if status == "PAID" else None,
                paid_at=paid if status == "PAID" else None,
                **applicant,
            )
        )
        return True


async def seed_subsidy(args: argparse.Namespace, seed: int) -> dict[str, int]:
    """Programmes, then applications: many claims of the worker with the most completed
    trainings (MySubsidyApplications' reader, with more than a page), a training claim for
    most other completed enrolments, public-welfare job claims, and markets' claims for the
    employment service subsidy."""
    from services.subsidy.programmes import TRAINING_KINDS
    from services.timeutil import now
    from tables import subsidy as t
    from tables import training as tr
    from tables.market import Market
    from tables.region import COUNTY_LEVELS, Region
    from tables.worker import Worker

    rng = random.Random(seed * 7919 + 11)  # its own stream: the other seeding is unchanged
    moment = now().replace(minute=0, second=0, microsecond=0)
    regions = (
        await Region.select(Region.id, Region.code, Region.name, Region.level)
        .where(Region.level.is_in(["prefecture", *COUNTY_LEVELS]))
        .order_by(Region.code)
    )
    code_of = {r["id"]: r["code"] for r in regions}
    await _insert(t.SubsidyProgramme, _programmes(rng, regions, moment))
    P = t.SubsidyProgramme
    programmes = await P.select(
        P.id, P.kind, P.amount_rule, P.amount_fen, P.assistance_categories,
        P.training_category, P.training_within_months, P.region, P.market_ownership,
        P.starts_at, P.ends_at, P.budget_fen, P.approval_threshold_fen,
    ).order_by(P.id)  # fmt: skip
    for p in programmes:
        p["region_code"] = code_of.get(p["region"])
        p["starts_at"], p["ends_at"] = _utc(p["starts_at"]), _utc(p["ends_at"])

    E, S = tr.TrainingEnrolment, tr.TrainingSession
    completed = await E.select(
        E.id, E.worker, E.course, E.completed_at, E.course.category, E.worker.home_region
    ).where(E.status == "COMPLETED").order_by(E.id)  # fmt: skip
    minutes: dict[int, int] = {}
    for s in await S.select(S.course, S.starts_at, S.ends_at):
        span = _utc(s["ends_at"]) - _utc(s["starts_at"])
        minutes[s["course"]] = minutes.get(s["course"], 0) + int(span.total_seconds() // 60)
    training = [p for p in programmes if p["kind"] in TRAINING_KINDS]
    welfare = [p for p in programmes if p["kind"] == "PUBLIC_WELFARE_JOB_SUBSIDY"]
    services = [p for p in programmes if p["kind"] == "EMPLOYMENT_SERVICE_SUBSIDY"]

    def claims(e: dict) -> list[tuple[dict, datetime | None]]:
        """The training programmes an enrolment's completion qualifies for (no assistance
        rule: the seeded workers' categories are not known), with the last moment to claim."""
        done = _utc(e["completed_at"])
        code = code_of.get(e["worker.home_region"])
        found = []
        for p in training:
            if p["assistance_categories"] or not _covers(p, code):
                continue
            if p["training_category"] not in (None, e["course.category"]):
                continue
            months = p["training_within_months"]
            found.append((p, None if months is None else done + timedelta(days=30 * months)))
        return found

    built = _Applications(rng, moment)

    def claim(e: dict, p: dict, latest: datetime | None) -> bool:
        return built.add(
            p,
            f"P{p['id']}:W{e['worker']}:E{e['id']}",
            _utc(e["completed_at"]),
            minutes.get(e["course"], 0) if p["amount_rule"] == "PER_TRAINING_HOUR" else 1,
            latest,
            worker=e["worker"],
            enrolment=e["id"],
            region=e["worker.home_region"],
        )

    def welfare_claim(w: dict, p: dict) -> bool:
        return built.add(
            p,
            f"P{p['id']}:W{w['id']}:E-",
            p["starts_at"],
            1,
            worker=w["id"],
            region=w["home_region"],
        )

    # The reader: the worker with the most completed trainings, with READER_CLAIMS of the
    # training claims they qualify for and every public-welfare job claim open to them.
    per_worker: dict[int, list[dict]] = {}
    for e in completed:
        per_worker.setdefault(e["worker"], []).append(e)
    reader = min(per_worker, key=lambda w: (-len(per_worker[w]), w)) if per_worker else 0
    mine = [(e, p, latest) for e in per_worker.get(reader, []) for p, latest in claims(e)]
    for e, p, latest in rng.sample(mine, min(len(mine), READER_CLAIMS)):
        claim(e, p, latest)
    for e in completed:
        if e["worker"] != reader and rng.random() < 0.6:
            found = claims(e)
            for p, latest in rng.sample(found, min(len(found), rng.randint(1, 2))):
                claim(e, p, latest)
    workers = await Worker.select(Worker.id, Worker.home_region).order_by(Worker.id)
    open_to_all = [p for p in welfare if not p["assistance_categories"]]
    if reader:
        home = next(w for w in workers if w["id"] == reader)
        for p in open_to_all:
            if _covers(p, code_of.get(home["home_region"])):
                welfare_claim(home, p)
    for w in rng.sample(workers, min(len(workers), WELFARE_APPLICANTS)):
        covering = [p for p in open_to_all if _covers(p, code_of.get(w["home_region"]))]
        if covering:
            welfare_claim(w, rng.choice(covering))
    markets = (
        await Market.select(Market.id, Market.region, Market.operator, Market.ownership)
        .where(Market.operator.is_not_null() & (Market.station_type == "MARKET"))
        .order_by(Market.id)
    )
    for m in rng.sample(markets, min(len(markets), MARKET_APPLICANTS)):
        fitting = [
            p
            for p in services
            if _covers(p, code_of.get(m["region"]))
            and p["market_ownership"] in (None, m["ownership"])
        ]
        if fitting:
            p = rng.choice(fitting)
            built.add(
                p,
                f"P{p['id']}:M{m['id']}",
                p["starts_at"],
                rng.randint(1, 40) if p["amount_rule"] == "PER_PLACEMENT" else 1,
                market=m["id"],
                operator=m["operator"],
                region=m["region"],
            )
    await _insert(t.SubsidyApplication, built.rows)
    await P.raw(
        "UPDATE subsidy_programme SET committed_fen = COALESCE((SELECT SUM(a.amount_fen) "
        "FROM subsidy_application a WHERE a.programme = subsidy_programme.id "
        "AND a.status IN ('APPROVED', 'PAID')), 0)"
    )
    return {
        "subsidy programmes": len(programmes),
        "subsidy applications": len(built.rows),
        "the reader's subsidy applications": sum(1 for r in built.rows if r.worker == reader),
    }
