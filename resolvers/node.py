"""The Relay `node(id:)` entry point; unknown or malformed ids give null, never an error."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from resolvers.global_ids import decode_id

NODE_LOADERS = {
    "CertificationCriterion": "criterion_by_id",
    "DirectoryPublication": "directory_publication_by_id",
    "Employer": "employer_by_id",
    "JobPosting": "public_job_posting_by_id",
    "Market": "market_by_id",
    "Occupation": "occupation_by_id",
    "Operator": "operator_by_id",
    "SubsidyProgramme": "subsidy_programme_by_id",
    "Policy": "public_policy_by_id",
    "Training": "public_training_by_id",
}


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id; null if unknown.")
    async def node(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of any object.")],
    ) -> relay.Node | None:
        try:
            type_name = relay.GlobalID.from_id(id).type_name
        except Exception:
            return None
        loader_name = NODE_LOADERS.get(type_name)
        if loader_name is None:
            return None
        number = decode_id(id, type_name)
        if number is None:
            return None
        found = await getattr(info.context.loaders, loader_name).load(number)
        # Objects some viewers may not see (public-welfare jobs) say so themselves.
        visible = getattr(found, "visible_to_viewer", None)
        if visible is not None and not await visible(info):
            return None
        return found
