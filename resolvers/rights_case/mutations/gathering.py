"""The gathering-place register (（十七））: staff register places and record measures."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.global_ids import decode_id
from resolvers.permissions import allow, current_viewer
from resolvers.user_errors import user_errors
from schema.rights_case import enums as codes
from schema.rights_case import payloads as out
from schema.rights_case.inputs import GatheringPlaceInput
from services.auth.rules import Role
from services.problems import ServiceError
from services.rights_case import gathering

PlaceInput = Annotated[GatheringPlaceInput, strawberry.argument(description="The whole record.")]


def _draft(data: GatheringPlaceInput) -> gathering.PlaceDraft:
    market_id = decode_id(data.market_id, "Market") if data.market_id is not None else None
    return gathering.PlaceDraft(
        name=data.name,
        address=data.address,
        region_code=data.region_code,
        market_id=market_id,
        market_given=data.market_id is not None,
        latitude=data.location.latitude if data.location else None,
        longitude=data.location.longitude if data.location else None,
        typical_hours=data.typical_hours,
        typical_size=data.typical_size,
        measures=data.measures,
        status=data.status.value,  # type: ignore[arg-type]  # strawberry types enum_value() members wrongly; they are str
    )


async def _place(info: strawberry.Info, step, payload: type):
    try:
        place_id = await step()
    except ServiceError as exc:
        errors = user_errors(exc.problems, out.GatheringPlaceError, codes.GatheringPlaceErrorCode)
        return payload(gathering_place=None, user_errors=errors)
    place = await info.context.loaders.gathering_place_by_id.load(place_id)
    return payload(gathering_place=place, user_errors=[])


@strawberry.type
class GatheringPlaceMutation:
    @strawberry.mutation(
        description="Staff: put an irregular gathering place on the register (零散聚集点).",
        extensions=[allow(Role.STAFF)],
    )
    async def gathering_place_register(
        self, info: strawberry.Info, input: PlaceInput
    ) -> out.GatheringPlaceRegisterPayload:
        viewer = current_viewer(info)
        draft = _draft(input)
        return await _place(
            info,
            lambda: gathering.register(viewer.subject_id, draft),
            out.GatheringPlaceRegisterPayload,
        )

    @strawberry.mutation(
        description="Staff: update a registered place (hours, size, measures taken, cleared).",
        extensions=[allow(Role.STAFF)],
    )
    async def gathering_place_update(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the place.")],
        input: PlaceInput,
    ) -> out.GatheringPlaceUpdatePayload:
        viewer = current_viewer(info)
        number = decode_id(id, "GatheringPlace")
        draft = _draft(input)
        return await _place(
            info,
            lambda: gathering.update(viewer.subject_id, number, draft),
            out.GatheringPlaceUpdatePayload,
        )
