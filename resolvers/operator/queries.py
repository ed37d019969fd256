"""Operator portal: the caller's operating contracts (myOperatingContracts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from piccolo.custom_types import Combinable

from resolvers.operator.loaders import contract_page_select, primed_contract
from resolvers.pagination import After, ExactCount, First, SortSpec, sql_page
from resolvers.permissions import allow, current_viewer
from schema.common import Connection
from schema.operator.types import OperatingContract
from services.auth.rules import Role
from tables.operator import OperatingContract as C

# Latest contracts first: the markets an operator runs now come before past ones.
BY_START = SortSpec(C.starts_on, "starts_on", date, descending=True)


def operator_contracts(viewer, active_on: date | None) -> tuple[list, ExactCount]:
    """myOperatingContracts' conditions and count: the viewer's own contracts, those in force
    on `active_on` if given. For the resolver and its text plan (resolvers/operator/texts.py)."""
    conds: list[Combinable] = [C.operator == viewer.subject_id]
    if active_on is not None:
        conds += [C.starts_on <= active_on, C.ends_on >= active_on]
    return conds, ExactCount(C.count().where(*conds))


@strawberry.type
class OperatorQuery:
    @strawberry.field(
        description="Your organisation's operating contracts and the markets they cover "
        "(OPERATOR only), latest first.",
        extensions=[allow(Role.OPERATOR)],
    )
    async def my_operating_contracts(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        active_on: Annotated[
            date | None,
            strawberry.argument(description="Only contracts in force on this day."),
        ] = None,
    ) -> Connection[OperatingContract]:
        conds, count = operator_contracts(current_viewer(info), active_on)
        loaders = info.context.loaders
        return await sql_page(
            C.select(C.id).where(*conds),
            C.id,
            BY_START,
            first,
            after,
            lambda row: primed_contract(loaders, row),
            count,
            rows=contract_page_select,
        )
