"""Worker registration (求职登记) and profile rules; no strawberry, shared by every caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.db import is_unique_violation, write_transaction
from services.keep import KEEP
from services.problems import Problem, Problems, ServiceError
from services.worker import personal as p
from tables.market import Market
from tables.worker import Worker, WorkerOccupation

MAX_AVAILABILITY = 200


@dataclass
class ProfileChanges:
    name: Any = KEEP
    resident_id: Any = KEEP  # str, or None to remove it
    occupation_ids: Any = KEEP  # list of ids (None entries are unknown ids)
    home_region_code: Any = KEEP
    location: Any = KEEP  # (latitude, longitude) or None
    availability: Any = KEEP
    assistance: Any = KEEP  # list of ASSISTANCE_CATEGORIES values


async def replace_occupations(worker_id: int, occupation_ids: list[int]) -> None:
    await WorkerOccupation.delete().where(WorkerOccupation.worker == worker_id)
    if occupation_ids:
        await WorkerOccupation.insert(
            *[WorkerOccupation(worker=worker_id, occupation=o) for o in occupation_ids]
        )


async def insert_worker(columns: dict[str, Any], occupation_ids: list[int]) -> int:
    """Insert inside the caller's transaction; a phone already registered is PHONE_TAKEN."""
    try:
        worker_id = (await Worker.insert(Worker(**columns)).returning(Worker.id))[0]["id"]
    except Exception as exc:
        if is_unique_violation(exc):
            raise ServiceError([Problem("PHONE_TAKEN", "该手机号已登记", ("phone",))]) from None
        raise
    await replace_occupations(worker_id, occupation_ids)
    return worker_id


async def register_walk_in(
    operator_id: int,
    market_id: int | None,
    name: str,
    phone: str,
    occupation_ids: list[int | None],
) -> int:
    """Simplified registration at a market (name, phone, occupations) by its operator."""
    problems = Problems()
    market = None
    if market_id is not None:
        market = (
            await Market.select(Market.id)
            .where((Market.id == market_id) & (Market.operator == operator_id))
            .first()
        )
    if market is None:
        # Someone else's market looks exactly like a missing one.
        problems.add("NOT_FOUND", "零工市场不存在", "marketId")
    clean = p.clean_name(name, problems, "name")
    number = p.clean_phone(phone, problems, "phone")
    occupations = await p.occupation_ids(occupation_ids, problems, "occupationIds")
    if number and await Worker.exists().where(Worker.phone_hash == p.phone_hash(number)):
        problems.add("PHONE_TAKEN", "该手机号已登记", "phone")
    problems.raise_if_any()
    assert number is not None  # clean_phone returns None only after adding INVALID_PHONE
    columns = {
        "name": clean,
        **p.phone_columns(number),
        "registered_market": market_id,
        "registered_by_operator": operator_id,
    }
    async with write_transaction():
        return await insert_worker(columns, occupations)


async def update_profile(worker_id: int, changes: ProfileChanges) -> None:
    """Apply the given changes (all validated first; nothing is written on any problem)."""
    problems = Problems()
    values: dict[str, Any] = {}
    if changes.name is not KEEP:
        values["name"] = p.clean_name(changes.name, problems, "name")
    if changes.resident_id is not KEEP:
        resident_id = None
        if changes.resident_id is not None:
            resident_id = p.clean_resident_id(changes.resident_id, problems, "residentId")
        values.update(p.resident_id_columns(resident_id))
        taken = resident_id is not None and await Worker.exists().where(
            (Worker.resident_id_hash == values["resident_id_hash"]) & (Worker.id != worker_id)
        )
        if taken:
            problems.add("RESIDENT_ID_TAKEN", "该身份证号已被其他求职登记使用", "residentId")
    occupations = None
    if changes.occupation_ids is not KEEP:
        occupations = await p.occupation_ids(
            changes.occupation_ids or [], problems, "occupationIds"
        )
    if changes.home_region_code is not KEEP:
        values["home_region"] = (
            await p.county_id(changes.home_region_code, problems, "homeRegionCode")
            if changes.home_region_code is not None
            else None
        )
    if changes.location is not KEEP:
        location: tuple[float, float] | None = changes.location
        if location is not None:
            p.check_location(location[0], location[1], problems, "location")
        latitude, longitude = location or (None, None)
        values.update(latitude=latitude, longitude=longitude)
    if changes.availability is not KEEP:
        text = (changes.availability or "").strip()
        if len(text) > MAX_AVAILABILITY:
            problems.add("TOO_LONG", f"不超过 {MAX_AVAILABILITY} 个字", "availability")
        values["availability"] = text
    if changes.assistance is not KEEP:
        values.update(p.assistance_columns(list(changes.assistance or [])))
    problems.raise_if_any()
    async with write_transaction():
        update = {getattr(Worker, k): v for k, v in values.items()}
        update[Worker.version] = Worker.version + 1
        try:
            await Worker.update(update).where(Worker.id == worker_id)
        except Exception as exc:
            if is_unique_violation(exc):
                raise ServiceError(
                    [
                        Problem(
                            "RESIDENT_ID_TAKEN", "该身份证号已被其他求职登记使用", ("residentId",)
                        )
                    ]
                ) from None
            raise
        if occupations is not None:
            await replace_occupations(worker_id, occupations)
