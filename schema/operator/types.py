"""Operators (第三方运营机构) as the public sees them, and their operating contracts."""

from __future__ import annotations

import decimal
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

if TYPE_CHECKING:
    from schema.market.types import Market


@strawberry.type(description="An organisation running markets under contract (第三方运营机构).")
class Operator(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Registered name of the organisation.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.operator_by_id.load_many([int(i) for i in node_ids])


@strawberry.type(
    description="An operating contract (委托运营合同) between an operator and a market."
)
class OperatingContract(relay.Node):
    id: relay.NodeID[int]
    starts_on: date = strawberry.field(description="First day of the contract.")
    ends_on: date = strawberry.field(description="Last day of the contract (inclusive).")
    public_welfare: bool = strawberry.field(
        description="Whether it runs a public-welfare market (公益性): only those are assessed "
        "for performance rewards (（十一）)."
    )
    yearly_budget: decimal.Decimal = strawberry.field(
        description="Performance reward budget per calendar year, in yuan (exact)."
    )
    market_id: strawberry.Private[int]

    @strawberry.field(description="The market run under the contract.")
    async def market(
        self, info: strawberry.Info
    ) -> Annotated[Market, strawberry.lazy("schema.market.types")]:
        return await info.context.loaders.market_by_id.load(self.market_id)

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        # Private to the operator: `node(id:)`, open to anyone, never resolves contracts.
        return [None for _ in node_ids]
