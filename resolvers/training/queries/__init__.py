"""Training queries: the public course list and detail, the worker's enrolments and the
operator's courses (courses), and recommendations for workers (matches)."""

from resolvers.training.queries.courses import TrainingQuery
from resolvers.training.queries.matches import TrainingMatchQuery

__all__ = ["TrainingMatchQuery", "TrainingQuery"]
