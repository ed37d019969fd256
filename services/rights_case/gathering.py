"""The register of irregular gathering places (零散聚集点, （十七））: where gig workers gather by
the road, when, how many, which market they are guided to, and what has been done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.audit.rules import Actor, record, serialise
from services.db import write_transaction
from services.problems import Problems
from services.rights_case.rules import fail
from services.timeutil import now
from services.worker import personal as p
from tables import rights_case as t
from tables.market import Market

MAX_NAME, MAX_ADDRESS, MAX_HOURS, MAX_MEASURES = 100, 200, 100, 2000
MAX_SIZE = 10_000
STATUSES = ("ACTIVE", "CLEARED")
ENTITY = "gathering_place"


@dataclass
class PlaceDraft:
    name: str
    address: str
    region_code: str
    market_id: int | None = None
    market_given: bool = False
    latitude: float | None = None
    longitude: float | None = None
    typical_hours: str = ""
    typical_size: int = 0
    measures: str = ""
    status: str = "ACTIVE"


def _text(value: str, limit: int, problems: Problems, field: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add("REQUIRED", "请填写此项", field)
    elif len(text) > limit:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", field)
    return text


async def validated_columns(draft: PlaceDraft) -> dict[str, Any]:
    """The columns of a place as stored, or every problem at once (also the admin's guard)."""
    problems = Problems()
    columns: dict[str, Any] = {
        "name": _text(draft.name, MAX_NAME, problems, "name", required=True),
        "address": _text(draft.address, MAX_ADDRESS, problems, "address", required=True),
        "typical_hours": _text(draft.typical_hours, MAX_HOURS, problems, "typicalHours"),
        "measures": _text(draft.measures, MAX_MEASURES, problems, "measures"),
    }
    columns["region"] = await p.county_id(draft.region_code, problems, "regionCode")
    if not 0 <= draft.typical_size <= MAX_SIZE:
        problems.add("INVALID_SIZE", f"聚集人数须为 0 到 {MAX_SIZE}", "typicalSize")
    if draft.status not in STATUSES:
        problems.add("INVALID_CHOICE", "状态无效", "status")
    if draft.latitude is not None and draft.longitude is not None:
        p.check_location(draft.latitude, draft.longitude, problems, "location")
    columns["market"] = None
    if draft.market_given:
        exists = draft.market_id is not None and await Market.exists().where(
            Market.id == draft.market_id
        )
        if not exists:
            problems.add("NOT_FOUND", "零工市场不存在", "marketId")
        columns["market"] = draft.market_id
    problems.raise_if_any()
    columns.update(
        latitude=draft.latitude,
        longitude=draft.longitude,
        typical_size=draft.typical_size,
        status=draft.status,
    )
    return columns


async def register(staff_user_id: int, draft: PlaceDraft) -> int:
    """Staff put a gathering place on the register; returns its id."""
    columns = await validated_columns(draft)
    async with write_transaction():
        await serialise()
        rows = await t.GatheringPlace.insert(
            t.GatheringPlace(**columns, recorded_by=staff_user_id)
        ).returning(t.GatheringPlace.id)
        await record(
            Actor("STAFF", staff_user_id),
            f"{ENTITY}.register",
            ENTITY,
            rows[0]["id"],
            after=columns,
        )
    return rows[0]["id"]


async def update(staff_user_id: int, place_id: int | None, draft: PlaceDraft) -> int:
    """Staff update a place (hours, size, measures taken, cleared); the whole record is
    replaced and the change audited with its before and after."""
    columns = await validated_columns(draft)
    async with write_transaction():
        await serialise()
        row = None
        if place_id is not None:
            row = await t.GatheringPlace.select().where(t.GatheringPlace.id == place_id).first()
        if row is None:
            raise fail("NOT_FOUND", "聚集点不存在", "id")
        await t.GatheringPlace.update(
            {
                **{getattr(t.GatheringPlace, k): v for k, v in columns.items()},
                t.GatheringPlace.updated_at: now(),
                t.GatheringPlace.version: row["version"] + 1,
            }
        ).where(t.GatheringPlace.id == row["id"])
        await record(
            Actor("STAFF", staff_user_id),
            f"{ENTITY}.update",
            ENTITY,
            row["id"],
            before={k: row[k] for k in columns},
            after=columns,
        )
    return row["id"]
