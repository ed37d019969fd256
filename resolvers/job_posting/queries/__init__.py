"""Job posting queries: the public board and the employer's and worker's lists (postings),
and matching in both directions (matches)."""

from resolvers.job_posting.queries.matches import JobPostingMatchQuery
from resolvers.job_posting.queries.postings import JobPostingQuery

__all__ = ["JobPostingMatchQuery", "JobPostingQuery"]
