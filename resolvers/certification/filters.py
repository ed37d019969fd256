"""SQL conditions for demonstration markets and the caller's applications."""

from __future__ import annotations

from piccolo.custom_types import Combinable

from schema.certification.inputs import CertificationApplicationWhereInput
from services.auth.rules import Role, Viewer
from tables import certification as t
from tables.market import Market


def demonstration_conditions(year: int | None) -> list:
    """Markets (not closed) holding a certificate that has not been revoked."""
    valid: Combinable = t.DemonstrationCertificate.revoked_on.is_null()
    if year is not None:
        valid = valid & (t.DemonstrationCertificate.year == year)
    holders = t.DemonstrationCertificate.select(t.DemonstrationCertificate.market).where(valid)
    return [Market.id.is_in(holders), Market.status != "CLOSED"]


def application_conditions(
    viewer: Viewer, where: CertificationApplicationWhereInput | None
) -> list:
    """Staff see every application; an operator only those of the markets it runs today."""
    A = t.CertificationApplication
    out: list = []
    if viewer.role == Role.OPERATOR:
        out.append(A.market.operator == viewer.subject_id)
    if where is not None and where.year is not None:
        out.append(A.year == where.year)
    if where is not None and where.status:
        out.append(A.status.is_in([s.value for s in where.status]))
    return out
