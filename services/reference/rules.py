"""Loads reference data (divisions, occupations) idempotently: run it as often as you like."""

from __future__ import annotations

import csv
from importlib import resources
from typing import Any

from services.db import current_engine
from tables.occupation import Occupation
from tables.region import Region


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("tables").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


async def load_regions() -> int:
    """Upsert Zhejiang's province, 11 cities and 90 counties by GB/T 2260 code."""
    flagged = {r["code"] for r in _rows("mountain_island_counties.csv")}
    rows = _rows("zhejiang_divisions.csv")
    async with current_engine().transaction():
        existing = {r["code"]: r["id"] for r in await Region.select(Region.id, Region.code)}
        # Parents come before children in the file (province, city, then its counties).
        for row in rows:
            # Column names as keys: the same dict serves the update and the constructor.
            values: dict[str, Any] = {
                "name": row["name"],
                "level": row["level"],
                "parent": existing.get(row["parent_code"]) if row["parent_code"] else None,
                "is_mountain_or_island": row["code"] in flagged,
            }
            if row["code"] in existing:
                await Region.update(**values).where(Region.id == existing[row["code"]])
            else:
                new = Region(code=row["code"], **values)
                await new.save()
                existing[row["code"]] = new.id
    return len(rows)


async def load_occupations() -> int:
    """Upsert the curated gig occupations; rows without a confirmed code keep the code empty."""
    rows = _rows("gig_occupations.csv")
    async with current_engine().transaction():
        existing = {
            r["name"]: r["id"] for r in await Occupation.select(Occupation.id, Occupation.name)
        }
        for row in rows:
            values: dict[str, Any] = {
                "code": row["code"] or None,
                "major_group": int(row["major_group"] or 0),
                "code_confidence": row["code_confidence"],
                "aliases": row["aliases"],
            }
            if row["name"] in existing:
                await Occupation.update(**values).where(Occupation.id == existing[row["name"]])
            else:
                await Occupation(name=row["name"], **values).save()
    return len(rows)


async def load_all() -> dict[str, int]:
    return {"regions": await load_regions(), "occupations": await load_occupations()}
