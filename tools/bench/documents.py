"""The documents `lingong bench` measures, and the scene (ids, tokens) their variables need.

The scene is found in whatever database the benchmark is given (a throwaway one it seeded, or
`--database-url`): a market (one with stations if any), an open posting and its employer, a
worker with occupations, the workers with the most applications and enrolments, an
operator's contract covering last month. What is missing is added (tokens, a contract, three
reports), so the benchmark writes a little to a database it is given.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tools.bench.baselines import global_id


@dataclass
class Scene:
    market_id: int = 0
    posting_id: int = 0
    tokens: dict[str, str] = field(default_factory=dict)  # role -> bearer token
    contract_market_id: int = 0
    period: str = ""  # last month, covered by the contract
    applied_posting_id: int = 0  # the posting with the most applications (Applicants)


@dataclass(frozen=True)
class Case:
    label: str
    document: str  # operation name in frontend_queries/
    role: str | None  # whose token it is sent with; None: anonymous
    variables: Callable[[Scene], dict[str, Any]]
    baseline: str | None = None  # key of tools.bench.baselines.BASELINES
    first: int = 20
    why_no_baseline: str = ""
    # What the baseline is called with when it is not the page size (an id), from the scene.
    baseline_argument: Callable[[Scene], int] | None = None

    def argument(self, scene: Scene) -> int:
        return self.baseline_argument(scene) if self.baseline_argument else self.first


REPORT_COUNTS = {
    "registrations": 120,
    "postingsPublished": 60,
    "matchesConfirmed": 45,
    "workersOnboarded": 40,
    "assistedWorkersPlaced": 5,
    "trainingsDelivered": 2,
    "disputesMediated": 1,
}


def report_input(scene: Scene, key: str | None = None) -> dict[str, Any]:
    """A month-end submission; a fresh idempotency key each time unless one is given."""
    return {
        "input": {
            "marketId": global_id("Market", scene.contract_market_id),
            "period": scene.period,
            "idempotencyKey": key or str(uuid.uuid4()),
            "notes": "基准测试",
            **REPORT_COUNTS,
        }
    }


RULES = "it would be a second copy of business rules in services/"
CASES: tuple[Case, ...] = (
    Case("MarketDirectory (first: 20)", "MarketDirectory", None, lambda s: {"first": 20},
         baseline="MarketDirectory"),
    Case("PostingSearch (first: 20)", "PostingSearch", None, lambda s: {"first": 20},
         baseline="PostingSearch"),
    Case("PostingSearch (first: 100)", "PostingSearch", None, lambda s: {"first": 100},
         baseline="PostingSearch", first=100),
    Case("MarketDetail", "MarketDetail", None,
         lambda s: {"id": global_id("Market", s.market_id)}, baseline="MarketDetail",
         baseline_argument=lambda s: s.market_id),
    Case("NearbyMarkets (50 km, first: 20)", "NearbyMarkets", None,
         lambda s: {"latitude": 30.27, "longitude": 120.15, "radiusKm": 50, "first": 20},
         baseline="NearbyMarkets"),
    Case("MarketMap (city 330100)", "MarketMap", None, lambda s: {"where": {"regionCode": "330100"}},
         baseline="MarketMap"),
    Case("DemonstrationMarkets (first: 20)", "DemonstrationMarkets", None,
         lambda s: {"first": 20}, baseline="DemonstrationMarkets"),
    Case("Policies (first: 20)", "Policies", None, lambda s: {"first": 20}, baseline="Policies"),
    Case("Occupations (first: 20)", "Occupations", None, lambda s: {"first": 20},
         baseline="Occupations"),
    Case("DirectoryHistory (first: 12)", "DirectoryHistory", None, lambda s: {"first": 12},
         baseline="DirectoryHistory", first=12),
    Case("MarketWorkers (operator)", "MarketWorkers", "operator",
         lambda s: {"marketId": global_id("Market", s.contract_market_id), "first": 20},
         baseline="MarketWorkers", baseline_argument=lambda s: s.contract_market_id),
    Case("EmployerPostings (employer)", "EmployerPostings", "employer", lambda s: {"first": 20},
         baseline="EmployerPostings"),
    Case("MyApplications (worker)", "MyApplications", "applicant", lambda s: {"first": 20},
         baseline="MyApplications"),
    Case("MyTrainingEnrolments (worker)", "MyTrainingEnrolments", "trainee",
         lambda s: {"first": 20}, baseline="MyTrainingEnrolments"),
    Case("ManagedTrainings (operator)", "ManagedTrainings", "operator",
         lambda s: {"first": 20}, baseline="ManagedTrainings"),
    Case("MyOperatingContracts (operator)", "MyOperatingContracts", "operator",
         lambda s: {"first": 20}, baseline="MyOperatingContracts"),
    Case("SubsidyProgrammes (first: 20)", "SubsidyProgrammes", None, lambda s: {"first": 20},
         baseline="SubsidyProgrammes"),
    Case("MySubsidyApplications (worker)", "MySubsidyApplications", "claimant",
         lambda s: {"first": 20}, baseline="MySubsidyApplications"),
    Case("MyRightsCases (worker)", "MyRightsCases", "complainant", lambda s: {"first": 20},
         baseline="MyRightsCases"),
    Case("RightsCaseQueue (operator, by deadline)", "RightsCaseQueue", "operator",
         lambda s: {"first": 20, "orderBy": {"field": "DUE_AT"}}, baseline="RightsCaseQueue"),
    Case("GatheringPlaces (staff)", "GatheringPlaces", "staff", lambda s: {"first": 20},
         baseline="GatheringPlaces"),
    Case("AssistanceCases (operator)", "AssistanceCases", "operator", lambda s: {"first": 20},
         baseline="AssistanceCases"),
    Case("MyCertificationApplications (op)", "MyCertificationApplications", "operator",
         lambda s: {"first": 20}, baseline="MyCertificationApplications"),
    Case("MyAssessments (operator)", "MyAssessments", "operator", lambda s: {"first": 20},
         baseline="MyAssessments"),
    Case("Applicants (employer)", "Applicants", "hiring",
         lambda s: {"jobPostingId": global_id("JobPosting", s.applied_posting_id), "first": 20},
         baseline="Applicants", baseline_argument=lambda s: s.applied_posting_id),
    Case("Candidates (employer)", "Candidates", "employer",
         lambda s: {"jobPostingId": global_id("JobPosting", s.posting_id), "first": 20},
         baseline="Candidates", baseline_argument=lambda s: s.posting_id),
    Case("RecommendedPostings (worker)", "RecommendedPostings", "worker",
         lambda s: {"first": 20}, baseline="RecommendedPostings"),
    Case("RecommendedTrainings (worker)", "RecommendedTrainings", "worker",
         lambda s: {"first": 20}, baseline="RecommendedTrainings"),
    Case("WorkloadReports (operator)", "WorkloadReports", "operator", lambda s: {"first": 20},
         baseline="WorkloadReports"),
    Case("RecommendedPolicies (worker)", "RecommendedPolicies", "worker",
         lambda s: {"first": 20}, baseline="RecommendedPolicies"),
    # A worker who completed courses: the training programmes' rules are checked too.
    Case("RecommendedPolicies (trainee)", "RecommendedPolicies", "trainee",
         lambda s: {"first": 20}, baseline="RecommendedPolicies"),
    Case("SubmitWorkloadReport (operator)", "SubmitWorkloadReport", "operator", report_input,
         why_no_baseline=f"idempotent write with audit chain: {RULES}"),
    Case("RegionStatistics (city-year)", "RegionStatistics", None,
         lambda s: {"regionCode": "330100", "from": "2025-01-01", "to": "2025-12-31"},
         why_no_baseline=f"rollup, suppression of small cells: {RULES}"),
)  # fmt: skip


def document_text(name: str) -> str:
    from resolvers.trusted_documents import canonical_documents

    return canonical_documents()[name]


async def prepare_scene() -> Scene:
    """Find (or add) what the documents' variables and tokens need."""
    from services.assessment import periods
    from services.auth.rules import issue
    from services.timeutil import now
    from tables import job_posting as jp
    from tables.market import Market
    from tables.worker import WorkerOccupation

    scene = Scene()
    # MarketDetail shows a market's stations: one that has some, else the first market.
    with_station = (
        await Market.select(Market.parent_market)
        .where(Market.parent_market.is_not_null())
        .order_by(Market.id)
        .first()
    )
    first = await Market.select(Market.id).order_by(Market.id).first()
    if first is None:
        raise SystemExit("the database has no market: seed it first")
    scene.market_id = with_station["parent_market"] if with_station else first["id"]
    posting = (
        await jp.JobPosting.select(jp.JobPosting.id, jp.JobPosting.employer)
        .where((jp.JobPosting.status == "OPEN") & (jp.JobPosting.ends_at > now()))
        .order_by(jp.JobPosting.id)
        .first()
    )
    worker = (
        await WorkerOccupation.select(WorkerOccupation.worker)
        .order_by(WorkerOccupation.worker)
        .first()
    )
    if posting is None or worker is None:
        raise SystemExit("the database has no open posting or no worker: seed it first")
    scene.posting_id = posting["id"]
    year, month = periods.parse(periods.current()) or (0, 0)
    index = year * 12 + month - 2
    scene.period = f"{index // 12:04d}-{index % 12 + 1:02d}"
    operator_id, scene.contract_market_id = await _contract(periods.days(scene.period))
    # MyApplications, MyTrainingEnrolments: the worker with the most (ties: the first).
    busiest, trainee = [
        await jp.JobApplication.raw(
            f"SELECT worker FROM {table} GROUP BY worker ORDER BY COUNT(*) DESC, worker LIMIT 1"
        )
        for table in ("job_application", "training_enrolment")
    ]
    if not busiest or not trainee:
        raise SystemExit("the database has no application or no enrolment: seed it first")
    # Applicants: the posting with the most applications (ties: the first), for its employer.
    applied = await jp.JobApplication.raw(
        "SELECT a.posting, p.employer FROM job_application a JOIN job_posting p ON p.id = a.posting "
        "GROUP BY a.posting, p.employer ORDER BY COUNT(*) DESC, a.posting LIMIT 1"
    )
    if not applied:
        raise SystemExit("the database has no application: seed it first")
    scene.applied_posting_id = applied[0]["posting"]
    scene.tokens = {
        "hiring": (await issue("EMPLOYER", applied[0]["employer"], label="bench"))[0],
        "worker": (await issue("WORKER", worker["worker"], label="bench"))[0],
        "applicant": (await issue("WORKER", busiest[0]["worker"], label="bench"))[0],
        "trainee": (await issue("WORKER", trainee[0]["worker"], label="bench"))[0],
        "employer": (await issue("EMPLOYER", posting["employer"], label="bench"))[0],
        "operator": (await issue("OPERATOR", operator_id, label="bench"))[0],
    }
    # MySubsidyApplications: the worker with the most subsidy applications (else the trainee).
    claimant = await jp.JobApplication.raw(
        "SELECT worker FROM subsidy_application WHERE worker IS NOT NULL "
        "GROUP BY worker ORDER BY COUNT(*) DESC, worker LIMIT 1"
    )
    scene.tokens["claimant"] = (
        (await issue("WORKER", claimant[0]["worker"], label="bench"))[0]
        if claimant
        else scene.tokens["trainee"]
    )
    await _rights_readers(scene)
    await _reports(operator_id, scene)
    return scene


async def _contract(month: tuple[date, date]) -> tuple[int, int]:
    """(operator id, market id) of a contract covering the month; one is added if none does."""
    from tables.market import Market
    from tables.operator import OperatingContract as C

    covering = (
        await C.select(C.operator, C.market)
        .where((C.starts_on <= month[0]) & (C.ends_on >= month[1]))
        .order_by(C.id)
        .first()
    )
    if covering is not None:
        return covering["operator"], covering["market"]
    contracted = C.select(C.market)
    free = (
        await Market.select(Market.id, Market.operator)
        .where(Market.operator.is_not_null() & Market.id.not_in(contracted))
        .order_by(Market.id)
        .first()
    )
    if free is None:
        raise SystemExit("no market with an operator and no contract: cannot add one")
    await C.insert(
        C(
            operator=free["operator"],
            market=free["id"],
            starts_on=date(2024, 1, 1),
            ends_on=date(2030, 12, 31),
            yearly_budget_fen=10_000_000,
        )
    )
    return free["operator"], free["id"]


async def _reports(operator_id: int, scene: Scene) -> None:
    """Three months of reports, so WorkloadReports has rows to reconcile (idempotent keys)."""
    from services.assessment import reports
    from services.problems import ServiceError

    year, month = (int(p) for p in scene.period.split("-"))
    for back in range(3):
        index = year * 12 + month - 1 - back
        period = f"{index // 12:04d}-{index % 12 + 1:02d}"
        counts = {k: 10 for k in reports.INDICATORS}
        draft = reports.ReportDraft(
            scene.contract_market_id, period, f"bench-{period}", counts, "基准测试"
        )
        try:
            await reports.submit(operator_id, draft)
        except ServiceError:
            pass  # the month is already decided or outside the contract: fewer rows, no matter


async def _rights_readers(scene: Scene) -> None:
    """MyRightsCases: the worker with the most rights cases (else the trainee); GatheringPlaces:
    the first active staff account (none: the bench's own, added)."""
    from piccolo.apps.user.tables import BaseUser

    from services.auth.rules import issue
    from tables.market import Market

    most = await Market.raw(
        "SELECT worker FROM rights_case WHERE worker IS NOT NULL "
        "GROUP BY worker ORDER BY COUNT(*) DESC, worker LIMIT 1"
    )
    scene.tokens["complainant"] = (
        (await issue("WORKER", most[0]["worker"], label="bench"))[0]
        if most
        else scene.tokens["trainee"]
    )
    staff = (
        await BaseUser.select(BaseUser.id)
        .where(BaseUser.active.eq(True))
        .order_by(BaseUser.id)
        .first()
    )
    if staff is None:
        user = await BaseUser.create_user(
            username="bench-staff", password=str(uuid.uuid4()), active=True
        )
        staff = {"id": user.id}
    scene.tokens["staff"] = (await issue("STAFF", staff["id"], label="bench"))[0]
