"""Personal data columns (phone, resident ID, assistance) and shared input checks."""

from __future__ import annotations

import json

from piccolo.query import Select

from services.crypto import encrypt, keyed_hash
from services.identifiers import (
    is_valid_mobile,
    is_valid_resident_id,
    mask_phone,
    mask_resident_id,
    normalise_phone,
    resident_id_birth_date,
)
from services.market.rules import LATITUDE_RANGE, LONGITUDE_RANGE
from services.problems import Problems
from tables.occupation import Occupation
from tables.region import COUNTY_LEVELS, Region

ASSISTANCE_CATEGORIES = ("OLDER", "DISABLED", "LOW_INCOME", "LONG_WAITING")
MAX_NAME = 50
PHONE_PURPOSE = "phone"
RESIDENT_ID_PURPOSE = "resident_id"


def phone_hash(phone: str) -> str:
    return keyed_hash(normalise_phone(phone), PHONE_PURPOSE)


def clean_phone(raw: str, problems: Problems, *path: str) -> str | None:
    phone = normalise_phone(raw or "")
    if not is_valid_mobile(phone):
        problems.add("INVALID_PHONE", "请填写 11 位大陆手机号", *path)
        return None
    return phone


def phone_columns(phone: str) -> dict[str, str]:
    """The three stored forms: keyed hash (lookup, uniqueness), ciphertext, masked copy."""
    return {
        "phone_hash": keyed_hash(phone, PHONE_PURPOSE),
        "phone_encrypted": encrypt(phone),
        "phone_masked": mask_phone(phone),
    }


def clean_resident_id(raw: str, problems: Problems, *path: str) -> str | None:
    value = (raw or "").strip().upper()
    if not is_valid_resident_id(value):
        problems.add("INVALID_RESIDENT_ID", "公民身份号码无效（校验位或出生日期不符）", *path)
        return None
    return value


def resident_id_columns(value: str | None) -> dict[str, object]:
    if value is None:
        return {
            "resident_id_hash": None,
            "resident_id_encrypted": None,
            "resident_id_masked": "",
            "birth_year": None,
        }
    born = resident_id_birth_date(value)
    return {
        "resident_id_hash": keyed_hash(value, RESIDENT_ID_PURPOSE),
        "resident_id_encrypted": encrypt(value),
        "resident_id_masked": mask_resident_id(value),
        "birth_year": born.year if born else None,
    }


def assistance_columns(categories: list[str]) -> dict[str, object]:
    chosen = sorted(set(categories))
    return {
        "assistance_encrypted": encrypt(json.dumps(chosen)) if chosen else "",
        # Only the derived flag is readable without the key, and only it is shown to employers.
        "prioritised": bool(chosen),
    }


def clean_name(raw: str | None, problems: Problems, *path: str, limit: int = MAX_NAME) -> str:
    name = (raw or "").strip()
    if not name:
        problems.add("REQUIRED", "请填写姓名或名称", *path)
    elif len(name) > limit:
        problems.add("TOO_LONG", f"不超过 {limit} 个字", *path)
    return name


async def county_id(code: str | None, problems: Problems, *path: str) -> int | None:
    """A county-level region id for a six-digit code, or a problem."""
    code = (code or "").strip()
    row = (
        await Region.select(Region.id, Region.level).where(Region.code == code).first()
        if len(code) == 6 and code.isascii() and code.isdigit()
        else None
    )
    if row is None or row["level"] not in COUNTY_LEVELS:
        problems.add("INVALID_REGION", "请填写浙江省县（市、区）六位区划代码", *path)
        return None
    return row["id"]


async def occupation_ids(ids: list[int | None], problems: Problems, *path: str) -> list[int]:
    """Known occupation ids (deduplicated); an unknown or malformed one is NOT_FOUND."""
    wanted = sorted({i for i in ids if i is not None})
    found = (
        {r["id"] for r in await Occupation.select(Occupation.id).where(Occupation.id.is_in(wanted))}
        if wanted
        else set()
    )
    if None in ids or len(found) != len(wanted):
        problems.add("NOT_FOUND", "工种不存在", *path)
    return sorted(found)


def check_location(latitude: float, longitude: float, problems: Problems, *path: str) -> bool:
    inside = (
        LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
    )
    if not inside:
        problems.add("INVALID_LOCATION", "位置不在浙江省范围内", *path)
    return inside


def for_update(query: Select) -> Select:
    """SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction already serialises."""
    if query.engine_type == "postgres":
        return query.lock_rows()
    return query
