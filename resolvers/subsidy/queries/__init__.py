"""Subsidy queries: programmes and eligibility (programmes), the applicant's own applications
(applications)."""

from resolvers.subsidy.queries.applications import SubsidyApplicationQuery
from resolvers.subsidy.queries.programmes import SubsidyProgrammeQuery

__all__ = ["SubsidyApplicationQuery", "SubsidyProgrammeQuery"]
