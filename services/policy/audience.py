"""Who a viewer is for policy push: role, regions, assistance categories and occupations."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from importlib import resources

from services.crypto import decrypt
from tables import job_posting as jp
from tables.employer import Employer
from tables.market import Market
from tables.worker import Worker, WorkerOccupation


def _divisions() -> dict[str, dict[str, str]]:
    text = resources.files("tables").joinpath("data", "zhejiang_divisions.csv").read_text("utf-8")
    return {r["code"]: r for r in csv.DictReader(text.splitlines())}


DIVISIONS = _divisions()


def region_name(code: str) -> str:
    row = DIVISIONS.get(code)
    return row["name"] if row else code


def region_path(code: str | None) -> tuple[str, ...]:
    """The code and every division above it, nearest first: 330102 → (330102, 330100, 330000).
    Unknown or missing: nothing."""
    path: list[str] = []
    while code and code in DIVISIONS and code not in path:
        path.append(code)
        code = DIVISIONS[code]["parent_code"] or None
    return tuple(path)


@dataclass(frozen=True)
class Profile:
    """What policy audiences are matched against. Workers: home county, categories, registered
    occupations; employers: their county, occupations they have posted; operators: the counties
    of the markets they run."""

    role: str
    regions: tuple[str, ...] = ()  # county-level codes
    categories: frozenset[str] = frozenset()
    occupations: frozenset[str] = frozenset()  # occupation names
    tier: str | None = None  # workers: the tier of the tiered service (分级服务), when asked for


async def worker_profile(worker_id: int) -> Profile:
    row = (
        await Worker.select(Worker.home_region.code, Worker.assistance_encrypted)
        .where(Worker.id == worker_id)
        .first()
    )
    if row is None:
        return Profile("WORKER")
    names = await WorkerOccupation.select(WorkerOccupation.occupation.name.as_alias("name")).where(
        WorkerOccupation.worker == worker_id
    )
    return worker_profile_of(
        row["home_region.code"], row["assistance_encrypted"], [r["name"] for r in names]
    )


def worker_profile_of(
    county: str | None, assistance_encrypted: str | None, occupations: list[str]
) -> Profile:
    """A worker's profile from their home county's code, encrypted assistance categories and
    occupation names (a missing worker: all empty), however they were read."""
    secret = assistance_encrypted
    return Profile(
        "WORKER",
        regions=(county,) if county else (),
        categories=frozenset(json.loads(decrypt(secret))) if secret else frozenset(),
        occupations=frozenset(occupations),
    )


async def employer_profile(employer_id: int) -> Profile:
    row = await Employer.select(Employer.region.code).where(Employer.id == employer_id).first()
    names = (
        await jp.JobPosting.select(jp.JobPosting.occupation.name.as_alias("name"))
        .where(jp.JobPosting.employer == employer_id)
        .distinct()
    )
    code = row["region.code"] if row else None
    return Profile(
        "EMPLOYER",
        regions=(code,) if code else (),
        occupations=frozenset(r["name"] for r in names),
    )


async def operator_profile(operator_id: int) -> Profile:
    rows = (
        await Market.select(Market.region.code.as_alias("code"))
        .where(Market.operator == operator_id)
        .distinct()
    )
    return Profile("OPERATOR", regions=tuple(sorted(r["code"] for r in rows if r["code"])))


async def profile(role: str, subject_id: int) -> Profile:
    if role == "WORKER":
        return await worker_profile(subject_id)
    if role == "EMPLOYER":
        return await employer_profile(subject_id)
    if role == "OPERATOR":
        return await operator_profile(subject_id)
    return Profile(role)
