"""Which admin tables are limited to a staff member's region, and by which column (the county
code of the record's market or region). See services/auth/staff.py for the scopes."""

from __future__ import annotations

from typing import Any

from piccolo.table import Table

from tables import assistance as a
from tables import market as m
from tables.certification import CertificationApplication, DemonstrationCertificate
from tables.employer import Employer
from tables.job_posting import JobPosting
from tables.rights_case import RightsCase
from tables.subsidy import SubsidyApplication

SCOPED: dict[type[Table], Any] = {
    m.Market: m.Market.region._.code,
    m.MarketOpeningPeriod: m.MarketOpeningPeriod.market._.region._.code,
    m.MarketOccupation: m.MarketOccupation.market._.region._.code,
    Employer: Employer.region._.code,
    JobPosting: JobPosting.region._.code,
    CertificationApplication: CertificationApplication.market._.region._.code,
    DemonstrationCertificate: DemonstrationCertificate.market._.region._.code,
    RightsCase: RightsCase.market._.region._.code,
    SubsidyApplication: SubsidyApplication.region._.code,
    a.AssistanceCase: a.AssistanceCase.region._.code,
    a.AssistanceStep: a.AssistanceStep.case._.region._.code,
    a.AssistanceOffer: a.AssistanceOffer.case._.region._.code,
    a.AssistanceFollowUp: a.AssistanceFollowUp.case._.region._.code,
}
