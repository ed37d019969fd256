"""Operator (第三方运营机构) as the public sees it."""

from __future__ import annotations

import strawberry
from strawberry import relay


@strawberry.type(description="An organisation running markets under contract (第三方运营机构).")
class Operator(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Registered name of the organisation.")

    @classmethod
    async def resolve_nodes(cls, *, info, node_ids, required=False):
        return await info.context.loaders.operator_by_id.load_many([int(i) for i in node_ids])
