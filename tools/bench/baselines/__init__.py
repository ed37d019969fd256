"""Hand-written baselines: plain SQL, dicts and json.dumps giving a document's exact response.

Each baseline answers one frontend document (frontend_queries/) for the variables the benchmark
sends, with the statements a careful programmer would write by hand (batched child lists, no
ORM objects), and returns the same bytes as POST /graphql. `BASELINES` maps the document name
to the function; the benchmark server serves each at GET /baseline/<name>?arg=N (the page size, or the id
of a one-object document). Documents
without an entry say why in tools/bench/documents.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tools.bench.baselines.assessment import operator_assessments, workload_reports
from tools.bench.baselines.assistance import assistance_cases
from tools.bench.baselines.certification import caller_applications, demonstration_markets
from tools.bench.baselines.common import dumps, global_id
from tools.bench.baselines.job_posting import (
    applicants,
    candidates,
    employer_postings,
    posting_search,
    recommended_postings,
    worker_applications,
)
from tools.bench.baselines.market import (
    directory_history,
    market_detail,
    market_directory,
    market_map,
    nearby_markets,
)
from tools.bench.baselines.operator import operator_contracts
from tools.bench.baselines.policy import policies, recommended_policies
from tools.bench.baselines.reference import occupations
from tools.bench.baselines.rights_case import gathering_places, my_rights_cases, rights_case_queue
from tools.bench.baselines.subsidy import subsidy_programmes, worker_subsidy_applications
from tools.bench.baselines.training import (
    managed_trainings,
    recommended_trainings,
    worker_enrolments,
)
from tools.bench.baselines.worker import market_workers

BASELINES: dict[str, Callable[..., Awaitable[dict]]] = {
    "MarketDirectory": market_directory,
    "PostingSearch": posting_search,
    "MarketMap": market_map,
    "NearbyMarkets": nearby_markets,
    "MarketDetail": market_detail,
    "DemonstrationMarkets": demonstration_markets,
    "MarketWorkers": market_workers,
    "EmployerPostings": employer_postings,
    "MyApplications": worker_applications,
    "MyTrainingEnrolments": worker_enrolments,
    "ManagedTrainings": managed_trainings,
    "MyOperatingContracts": operator_contracts,
    "Policies": policies,
    "Occupations": occupations,
    "DirectoryHistory": directory_history,
    "MyCertificationApplications": caller_applications,
    "MyAssessments": operator_assessments,
    "MyRightsCases": my_rights_cases,
    "RightsCaseQueue": rights_case_queue,
    "GatheringPlaces": gathering_places,
    "AssistanceCases": assistance_cases,
    "SubsidyProgrammes": subsidy_programmes,
    "MySubsidyApplications": worker_subsidy_applications,
    "Candidates": candidates,
    "Applicants": applicants,
    "RecommendedPostings": recommended_postings,
    "RecommendedTrainings": recommended_trainings,
    "WorkloadReports": workload_reports,
    "RecommendedPolicies": recommended_policies,
}
# Signed-in documents: their baseline is given the request's bearer token and checks it.
WITH_TOKEN = {
    "MarketWorkers",
    "EmployerPostings",
    "MyApplications",
    "MyTrainingEnrolments",
    "MyOperatingContracts",
    "ManagedTrainings",
    "MyCertificationApplications",
    "MyAssessments",
    "MyRightsCases",
    "RightsCaseQueue",
    "GatheringPlaces",
    "AssistanceCases",
    "MySubsidyApplications",
    "Candidates",
    "RecommendedPostings",
    "Applicants",
    "RecommendedTrainings",
    "WorkloadReports",
    "RecommendedPolicies",
}


async def body(name: str, first: int, token: str | None = None) -> str:
    """The response text of baseline `name`, on one SQLite connection like the GraphQL side."""
    from services.db import current_engine

    async def data() -> dict:
        if name in WITH_TOKEN:
            return await BASELINES[name](first, token)
        return await BASELINES[name](first)

    engine = current_engine()
    if engine.engine_type == "sqlite":
        # Same treatment as resolvers/performance.OneSQLiteConnectionPerQuery: one connection
        # per request instead of one per statement, so the ratio compares like with like.
        async with engine.transaction():
            return dumps({"data": await data()})
    return dumps({"data": await data()})


__all__ = ["BASELINES", "body", "dumps", "global_id"]
