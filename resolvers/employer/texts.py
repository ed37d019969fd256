"""Employer written by the database (resolvers/compiled/texts.py), as an anonymous reader
sees it: a private person's name masked. Serves frontend teams (the public app's posting
cards). A signed-in root whose readers include staff uses `name_as_its_reader_sees` in its own
writers (e.g. the rights-case queue)."""

from __future__ import annotations

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import Ctx, Sel, column, node_id, register
from schema.employer.enums import EmployerKind, EmployerVerificationStatus


def _masked(ctx: Ctx, alias: str) -> str:
    return j.masked_name(ctx.engine, f"{alias}.name")


def _name(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Employer.name for anyone but the employer and staff: a private person's name masked.
    masked = _masked(ctx, alias)
    return j.string(
        ctx.engine, f"CASE WHEN {alias}.kind = 'INDIVIDUAL' THEN {masked} ELSE {alias}.name END"
    )


def name_as_its_reader_sees(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    """Employer.name for a signed-in root's reader (slot viewer_role): unmasked for staff,
    masked for a private person otherwise. Not for a root the employer itself reads."""
    masked = _masked(ctx, alias)
    shown = j.string(
        ctx.engine,
        f"CASE WHEN {alias}.kind = 'INDIVIDUAL' AND {{}} <> 'STAFF' THEN {masked} "
        f"ELSE {alias}.name END",
    )
    return j.Expr(shown.sql, ("viewer_role",))


ANONYMOUS = {
    "id": node_id("Employer"),
    "kind": column("kind", enum=EmployerKind),
    "name": _name,
    "verificationStatus": column("verification_status", enum=EmployerVerificationStatus),
}


register("Employer", ANONYMOUS)
