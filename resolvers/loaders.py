"""Per-request DataLoaders for every nested field: one batched query per field and request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.dataloader import DataLoader

from resolvers.assessment import loaders as assessment
from resolvers.assistance import loaders as assistance
from resolvers.certification import loaders as certification
from resolvers.employer import loaders as employer
from resolvers.job_posting import loaders as job_posting
from resolvers.market import loaders as market
from resolvers.operator import loaders as operator
from resolvers.policy import loaders as policy
from resolvers.reference import loaders as reference
from resolvers.rights_case import loaders as rights_case
from resolvers.subsidy import loaders as subsidy
from resolvers.training import loaders as training
from resolvers.worker import loaders as worker
from services.market.hours import load_periods


def _mapped(source: DataLoader, convert: Callable[[Any], Any]) -> Callable[[list], Awaitable[list]]:
    async def load(keys: list) -> list:
        return [convert(v) for v in await source.load_many(keys)]

    return load


class Loaders:
    """Created per request in the context; caches live only as long as the request."""

    def __init__(self) -> None:
        self.market_by_id = DataLoader(market.load_markets)
        self.directory_publication_by_id = DataLoader(market.load_publications)
        self.periods_by_market = DataLoader(load_periods)
        self.opening_hours_by_market = DataLoader(
            _mapped(self.periods_by_market, market.to_opening_periods)
        )
        self.is_open_now_by_market = DataLoader(_mapped(self.periods_by_market, market.open_now))
        self.occupations_by_market = DataLoader(market.load_occupations_by_market)
        self.stations_by_market = DataLoader(market.stations_loader(self))
        self.demonstration_by_market = DataLoader(market.load_demonstrations)
        self.occupation_by_id = DataLoader(reference.load_occupations)
        self.operator_by_id = DataLoader(operator.load_operators)
        # Instant hiring: workers, employers, postings, applications (issue 3).
        self.worker_by_id = DataLoader(worker.load_workers)
        self.worker_access = DataLoader(worker.load_access)
        self.worker_secrets = DataLoader(worker.load_secrets)
        self.occupations_by_worker = DataLoader(worker.load_occupations_by_worker)
        self.employer_by_id = DataLoader(employer.load_employers)
        self.wage_arrears_by_employer = DataLoader(employer.load_open_arrears)
        self.employer_phone_by_id = DataLoader(employer.load_phones)
        self.employer_confirmed_worker = DataLoader(employer.load_confirmed)
        self.job_posting_by_id = DataLoader(job_posting.load_postings)
        self.public_job_posting_by_id = DataLoader(job_posting.load_public_postings)
        self.job_application_by_id = DataLoader(job_posting.load_applications)
        self.applications_by_posting = DataLoader(job_posting.load_applications_by_posting)
        self.application_counts_by_posting = DataLoader(job_posting.load_application_counts)
        self.application_by_worker_posting = DataLoader(
            job_posting.load_application_by_worker_posting
        )
        self.standard_by_id = DataLoader(certification.load_standards)
        self.criterion_by_id = DataLoader(certification.load_criteria)
        self.scores_by_application = DataLoader(certification.load_scores)
        self.evidence_by_application = DataLoader(certification.load_evidence)
        self.certificate_no_by_application = DataLoader(certification.load_certificate_numbers)
        # Operator workloads and assessments (issue 4).
        self.reconciliation_by_figures = DataLoader(assessment.load_reconciliations)
        self.workload_report_by_id = DataLoader(assessment.load_reports)
        self.payout_by_assessment = DataLoader(assessment.load_payouts)
        # Skills training (issue 9).
        self.training_by_id = DataLoader(training.load_trainings)
        self.public_training_by_id = DataLoader(training.load_public_trainings)
        self.trainings_by_market = DataLoader(training.load_trainings_by_market)
        self.sessions_by_training = DataLoader(training.load_sessions)
        self.training_enrolment_by_id = DataLoader(training.load_enrolments)
        self.enrolments_by_training = DataLoader(training.load_enrolments_by_training)
        self.enrolment_by_worker_training = DataLoader(training.load_enrolment_by_worker_training)
        self.waitlist_by_training = DataLoader(training.load_waitlists)
        self.attendance_by_enrolment = DataLoader(training.load_attendance)
        # Rights cases (issue 11).
        self.rights_case_by_id = DataLoader(rights_case.load_cases)
        self.steps_by_rights_case = DataLoader(rights_case.load_steps)
        self.settlement_by_application = DataLoader(rights_case.load_settlements)
        self.settlement_record_by_employer = DataLoader(rights_case.load_settlement_records)
        self.posting_review_by_id = DataLoader(rights_case.load_reviews)
        self.moderation_by_posting = DataLoader(rights_case.load_moderation)
        self.gathering_place_by_id = DataLoader(rights_case.load_places)
        self.cases_by_gathering_place = DataLoader(rights_case.load_cases_by_place)
        # Subsidies (issue 10).
        self.subsidy_programme_by_id = DataLoader(subsidy.load_programmes)
        self.subsidy_application_by_id = DataLoader(subsidy.load_applications)
        # Policy push (issue 10).
        self.region_by_code = DataLoader(reference.load_regions_by_code)
        self.occupation_by_name = DataLoader(reference.load_occupations_by_name)
        self.policy_by_id = DataLoader(policy.load_policies)
        self.public_policy_by_id = DataLoader(policy.load_public_policies)
        self.service_tier_by_worker = DataLoader(assistance.load_service_tiers)
        # Assistance cases and public-welfare jobs (issue 10).
        self.public_welfare_eligible = DataLoader(assistance.load_public_welfare_eligible)
        self.staff_name_by_id = DataLoader(assistance.load_staff_names)
        self.steps_by_assistance_case = DataLoader(assistance.load_steps)
        self.offers_by_assistance_case = DataLoader(assistance.load_offers)
        self.assistance_offer_by_id = DataLoader(assistance.load_offers_by_id)
        self.follow_ups_by_assistance_case = DataLoader(assistance.load_follow_ups)
