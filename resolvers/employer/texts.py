"""Employer written by the database (resolvers/compiled/texts.py), as an anonymous reader
sees it (the only reader the text plans serve): a private person's name masked. Serves
frontend teams (the public app's posting cards)."""

from __future__ import annotations

from resolvers.compiled import sql_json as j
from resolvers.compiled.texts import Ctx, Sel, column, node_id, register
from schema.employer.enums import EmployerKind, EmployerVerificationStatus


def _name(ctx: Ctx, alias: str, sel: Sel) -> j.Expr:
    # Employer.name for anyone but the employer and staff: mask_name (resolvers/worker/
    # loaders.py) for a private person: the first character, then one * per other (at least one).
    name = f"{alias}.name"
    if ctx.engine == "sqlite":  # no repeat(): the hex of n zero bytes is n "00"s
        stars = f"replace(hex(zeroblob(max(length({name}) - 1, 1))), '00', '*')"
    else:
        stars = f"repeat('*', greatest(length({name}) - 1, 1))"
    masked = f"substr({name}, 1, 1) || {stars}"
    return j.string(
        ctx.engine, f"CASE WHEN {alias}.kind = 'INDIVIDUAL' THEN {masked} ELSE {name} END"
    )


register(
    "Employer",
    {
        "id": node_id("Employer"),
        "kind": column("kind", enum=EmployerKind),
        "name": _name,
        "verificationStatus": column("verification_status", enum=EmployerVerificationStatus),
    },
)
