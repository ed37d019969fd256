"""Employer written by the database (resolvers/compiled/texts.py), as an anonymous reader
sees it: a private person's name masked. Serves frontend teams (the public app's posting
cards). A signed-in root whose readers include staff uses `name_as_its_reader_sees` in its own
writers (e.g. the rights-case queue)."""

from __future__ import annotations

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import Ctx, Sel, column, node_id, register
from schema.employer.enums import EmployerKind, EmployerVerificationStatus


def _masked(ctx: Ctx, alias: str) -> str:
    # mask_name (resolvers/worker/loaders.py): the first character, then one * per other (at
    # least one).
    name = f"{alias}.name"
    if ctx.engine == "sqlite":  # no repeat(): the hex of n zero bytes is n "00"s
        stars = f"replace(hex(zeroblob(max(length({name}) - 1, 1))), '00', '*')"
    else:
        stars = f"repeat('*', greatest(length({name}) - 1, 1))"
    return f"substr({name}, 1, 1) || {stars}"


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
