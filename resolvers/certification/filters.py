"""SQL conditions for demonstration markets and the caller's applications."""

from __future__ import annotations

import functools

from piccolo.custom_types import Combinable

from schema.certification.inputs import CertificationApplicationWhereInput
from services.auth.rules import Role, Viewer
from tables import certification as t
from tables.market import Market


def demonstration_conditions(year: int | None) -> list:
    """Markets (not closed) holding a certificate that has not been revoked."""
    return list(_demonstration_conditions(year))


# Built once a year asked for (the conditions hold no request's value): Piccolo writes the
# subquery's SQL when `is_in` is called, 60–200 µs a request. A client may send any year; the
# bound keeps a walk through them from growing the cache.
@functools.lru_cache(maxsize=64)
def _demonstration_conditions(year: int | None) -> tuple[Combinable, ...]:
    valid: Combinable = t.DemonstrationCertificate.revoked_on.is_null()
    if year is not None:
        valid = valid & (t.DemonstrationCertificate.year == year)
    holders = t.DemonstrationCertificate.select(t.DemonstrationCertificate.market).where(valid)
    return (Market.id.is_in(holders), Market.status != "CLOSED")


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
MARKET_OPERATOR = t.CertificationApplication.market._.operator


def application_conditions(
    viewer: Viewer, where: CertificationApplicationWhereInput | None
) -> list:
    """Staff see every application; an operator only those of the markets it runs today."""
    A = t.CertificationApplication
    out: list = []
    if viewer.role == Role.OPERATOR:
        out.append(MARKET_OPERATOR == viewer.subject_id)
    if where is not None and where.year is not None:
        out.append(A.year == where.year)
    if where is not None and where.status:
        out.append(A.status.is_in([s.value for s in where.status]))
    return out
