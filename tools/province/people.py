"""Employers and workers, with their personal data stored as the app stores it: keyed hashes,
ciphertexts under the current key and masked copies (services/worker/personal.py)."""

from __future__ import annotations

from datetime import date, timedelta

from services.identifiers import resident_id_check_char, uscc_check_char
from services.worker import personal
from tools.province.world import Batch, World, near, person_name

ASSISTANCE = personal.ASSISTANCE_CATEGORIES
AVAILABILITY = ("", "工作日白天", "周末全天", "随叫随到", "早班", "夜班")
TRADES = ("建筑", "物流", "家政", "餐饮", "保洁", "装卸", "园林", "制造")
EMPLOYER_COLUMNS = (
    "id", "account", "kind", "name", "uscc", "contact_name", "phone_hash", "phone_encrypted",
    "phone_masked", "region", "verification_status", "verified_at", "verified_by", "version",
    "created_at",
)  # fmt: skip
WORKER_COLUMNS = (
    "id", "account", "name", "phone_hash", "phone_encrypted", "phone_masked",
    "resident_id_hash", "resident_id_encrypted", "resident_id_masked", "birth_year",
    "home_region", "latitude", "longitude", "availability", "assistance_encrypted",
    "prioritised", "registered_market", "registered_by_operator", "version", "created_at",
    "updated_at",
)  # fmt: skip
# Resident ids must be unique: the birth date and the 3-digit sequence are both drawn from the
# worker id (a bijection for ids below 15 million), so no two generated workers share one.
BORN_FROM = date(1962, 1, 1)
BIRTH_DAYS = 15_000


def employer_verified(employer_id: int) -> bool:
    """One employer in ten is still waiting for verification (and posts nothing)."""
    return employer_id % 10 != 0


def employers(world: World, start: int, stop: int, batch: int) -> Batch:
    rng = world.rng("employer", batch)
    rows = []
    for k in range(start, stop):
        number = world.first_id["employer"] + k
        county = world.counties[rng.randrange(len(world.counties))]
        company = rng.random() < 0.7
        uscc = None
        name = person_name(rng)
        if company:
            body = f"91{county.code}{number:09d}"
            uscc = body + uscc_check_char(body)
            name = f"{county.name}{rng.choice(TRADES)}{number}号有限公司"
        created = -1000 + 600 * k / max(1, world.sizes.employers)
        verified = employer_verified(number)
        rows.append(
            (
                number,
                None,
                "COMPANY" if company else "INDIVIDUAL",
                name,
                uscc,
                person_name(rng),
                *personal.phone_columns(f"15{number:09d}").values(),
                county.id,
                "VERIFIED" if verified else "PENDING",
                world.moment(created + 2) if verified else None,
                None,
                0,
                world.moment(created),
            )
        )
    return {"employer": (EMPLOYER_COLUMNS, rows)}


def _resident_id(number: int, county_code: str) -> str:
    sequence = number % 1000
    born = BORN_FROM + timedelta(days=(number // 1000 + sequence * 37) % BIRTH_DAYS)
    body = f"{county_code}{born:%Y%m%d}{sequence:03d}"
    return body + resident_id_check_char(body)


def workers(world: World, start: int, stop: int, batch: int) -> Batch:
    """Workers registered over the last three years (ids in registration order), most at a
    market by its operator; 40 % with a resident id, 10 % with assistance categories."""
    rng = world.rng("worker", batch)
    rows, sought = [], []
    total = max(1, world.sizes.workers)
    for k in range(start, stop):
        number = world.first_id["worker"] + k
        site = world.sites[rng.randrange(len(world.sites))]
        at_market = rng.random() < 0.7
        county = site.county if rng.random() < 0.8 else rng.choice(world.counties)
        located = rng.random() < 0.6
        latitude, longitude = (
            near(rng, site.latitude, site.longitude, 0.1) if located else (None, None)
        )
        resident = _resident_id(number, county.code) if rng.random() < 0.4 else None
        categories = rng.sample(ASSISTANCE, k=rng.randint(1, 2)) if rng.random() < 0.1 else []
        created = world.moment(-1095 + 1094 * k / total + rng.random() * 0.9)
        rows.append(
            (
                number,
                None,
                person_name(rng),
                *personal.phone_columns(f"13{number:09d}").values(),
                *personal.resident_id_columns(resident).values(),
                county.id,
                latitude,
                longitude,
                rng.choice(AVAILABILITY),
                *personal.assistance_columns(categories).values(),
                site.id if at_market else None,
                site.operator if at_market else None,
                0,
                created,
                created,
            )
        )
        # Two id slots per worker (one or two occupations): ids do not depend on batch sizes.
        first = world.first_id["worker_occupation"] + 2 * k
        for j, occupation in enumerate(rng.sample(site.occupations, k=rng.randint(1, 2))):
            sought.append((first + j, number, occupation))
    return {
        "worker": (WORKER_COLUMNS, rows),
        "worker_occupation": (("id", "worker", "occupation"), sought),
    }
