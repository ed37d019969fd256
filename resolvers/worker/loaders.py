"""Worker rows to Worker objects; batch loaders for workers, their secrets and viewer access."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from resolvers.prefetch import json_rows, parse_rows
from resolvers.reference.loaders import to_occupation
from schema.common import GeoPoint
from schema.reference.types import Occupation, Region, RegionLevel
from schema.worker.types import Worker, WorkerAccess, WorkerRecord
from services.auth.rules import Role
from services.crypto import decrypt
from tables.job_posting import JobApplication
from tables.occupation import Occupation as OccupationRow
from tables.worker import Worker as WorkerRow
from tables.worker import WorkerOccupation

# Confirmed at some point and not withdrawn before the work: the employer may call the worker.
CONFIRMED_STATUSES = ("CONFIRMED", "CHECKED_IN", "COMPLETED", "NO_SHOW")

# Never the encrypted columns: those go through `load_secrets`, only when a field may show them.
WORKER_COLUMNS = (
    WorkerRow.id,
    WorkerRow.account,
    WorkerRow.name,
    WorkerRow.phone_masked,
    WorkerRow.resident_id_masked,
    WorkerRow.birth_year,
    WorkerRow.home_region,
    WorkerRow.latitude,
    WorkerRow.longitude,
    WorkerRow.availability,
    WorkerRow.prioritised,
    WorkerRow.registered_market,
    WorkerRow.created_at,
    WorkerRow.home_region.code,
    WorkerRow.home_region.name,
    WorkerRow.home_region.level,
    WorkerRow.home_region.is_mountain_or_island,
    WorkerRow.home_region._.parent._.code,
)


def worker_select():
    return WorkerRow.select(*WORKER_COLUMNS)


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def joined_region(row: dict, prefix: str) -> Region | None:
    """The region joined under `prefix`, or None when the (nullable) foreign key is empty."""
    if not row.get(f"{prefix}.code"):
        return None
    return required_region(row, prefix)


def required_region(row: dict, prefix: str) -> Region:
    """The region joined under `prefix` through a NOT NULL foreign key."""
    return Region(
        code=row[f"{prefix}.code"],
        name=row[f"{prefix}.name"],
        level=RegionLevel(row[f"{prefix}.level"]),
        parent_code=row[f"{prefix}.parent.code"],
        is_mountain_or_island=bool(row[f"{prefix}.is_mountain_or_island"]),
    )


def to_worker(row: dict, grant: int = WorkerAccess.NONE) -> Worker:
    located = row["latitude"] is not None and row["longitude"] is not None
    return Worker(
        id=row["id"],
        grant=grant,
        record=WorkerRecord(
            name=row["name"],
            masked_name=mask_name(row["name"]),
            phone_masked=row["phone_masked"],
            resident_id_masked=row["resident_id_masked"] or "",
            birth_year=row["birth_year"],
            home_region=joined_region(row, "home_region"),
            location=GeoPoint(latitude=row["latitude"], longitude=row["longitude"])
            if located
            else None,
            availability=row["availability"] or "",
            prioritised=bool(row["prioritised"]),
            registered_market_id=row["registered_market"],
            has_account=row["account"] is not None,
            created_at=row["created_at"],
        ),
    )


async def load_workers(ids: list[int]) -> list[Worker | None]:
    rows = await worker_select().where(WorkerRow.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_worker(r) for r in rows}
    return [by_id.get(i) for i in ids]


# A page of workers brings each worker's occupations as JSON (resolvers/prefetch.py).
_OCCUPATIONS = (
    "prefetch_occupations",
    "o.id, o.code, o.name, o.major_group, o.aliases",
    'worker_occupation wo JOIN occupation o ON o.id = wo.occupation WHERE wo.worker = "worker"."id"',
)


def worker_page_select():
    """worker_select() plus each worker's occupations as JSON: operators' and staff's list of
    a market's workers (marketWorkers) in one statement."""
    return worker_select().columns(json_rows(*_OCCUPATIONS))


def primed_worker(loaders, row: dict, grant: int = WorkerAccess.NONE) -> Worker:
    """The worker of a worker_page_select() row; the request's worker and occupation loaders
    primed with what load_workers and load_occupations_by_worker would load."""
    loaders.worker_by_id.prime(row["id"], to_worker(row))
    occupations = [
        to_occupation({"id": i, "code": code, "name": name, "major_group": group, "aliases": a})
        for i, code, name, group, a in parse_rows(row["prefetch_occupations"])
    ]
    occupations.sort(key=lambda o: o.id)
    loaders.occupations_by_worker.prime(row["id"], occupations)
    return to_worker(row, grant)


def primed_market_worker(loaders, viewer, row: dict) -> Worker:
    """A worker of marketWorkers' page (operators and staff), shown as to the market's operator.
    An operator's page holds only workers registered at a market it operates: for those
    load_access decides OPERATOR whatever their shifts, and the page primes that decision."""
    if viewer.role == Role.OPERATOR:
        loaders.worker_access.prime(
            (viewer.role, viewer.subject_id, row["id"]), WorkerAccess.OPERATOR
        )
    return primed_worker(loaders, row, grant=WorkerAccess.OPERATOR)


@dataclass(frozen=True)
class WorkerSecrets:
    phone: str
    resident_id: str | None
    assistance: list[str]


def decrypt_assistance(value: str | None) -> list[str]:
    return sorted(json.loads(decrypt(value))) if value else []


async def load_secrets(ids: list[int]) -> list[WorkerSecrets | None]:
    rows = await WorkerRow.select(
        WorkerRow.id,
        WorkerRow.phone_encrypted,
        WorkerRow.resident_id_encrypted,
        WorkerRow.assistance_encrypted,
    ).where(WorkerRow.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_secrets(r) for r in rows}
    return [by_id.get(i) for i in ids]


def to_secrets(row: dict) -> WorkerSecrets:
    """A worker's personal data, decrypted from the row's *_encrypted columns."""
    resident = row["resident_id_encrypted"]
    return WorkerSecrets(
        phone=decrypt(row["phone_encrypted"]),
        resident_id=decrypt(resident) if resident else None,
        assistance=decrypt_assistance(row["assistance_encrypted"]),
    )


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
WORKER_OCCUPATIONS = tuple(
    getattr(WorkerOccupation.occupation, c._meta.name) for c in OccupationRow._meta.columns
)


async def load_occupations_by_worker(ids: list[int]) -> list[list[Occupation]]:
    rows = await WorkerOccupation.select(WorkerOccupation.worker, *WORKER_OCCUPATIONS).where(
        WorkerOccupation.worker.is_in(list(set(ids)))
    )
    grouped: dict[int, list[Occupation]] = defaultdict(list)
    for r in rows:
        grouped[r["worker"]].append(
            to_occupation({k.removeprefix("occupation."): v for k, v in r.items() if k != "worker"})
        )
    for items in grouped.values():
        items.sort(key=lambda o: o.id)
    return [grouped.get(i, []) for i in ids]


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
POSTING_EMPLOYER = JobApplication.posting._.employer
POSTING_MARKET_OPERATOR = JobApplication.posting._.market._.operator


async def _application_levels(role: str, subject_id: int, ids: list[int]) -> dict[int, int]:
    """Employers (and operators of the posting's market) see the workers who applied to them."""
    owner = POSTING_EMPLOYER if role == Role.EMPLOYER else POSTING_MARKET_OPERATOR
    rows = await JobApplication.select(JobApplication.worker, JobApplication.status).where(
        JobApplication.worker.is_in(ids) & (owner == subject_id)
    )
    levels: dict[int, int] = {}
    for r in rows:
        level = (
            WorkerAccess.CONFIRMED if r["status"] in CONFIRMED_STATUSES else WorkerAccess.APPLICANT
        )
        levels[r["worker"]] = max(levels.get(r["worker"], 0), level)
    return levels


def application_level_sql(status: str) -> str:
    """SQL for the level one application with `status` gives (load_access): CONFIRMED once
    confirmed, APPLICANT otherwise; MAX over a worker's applications is their level."""
    confirmed = ", ".join(f"'{s}'" for s in CONFIRMED_STATUSES)
    return (
        f"CASE WHEN {status} IN ({confirmed}) THEN {WorkerAccess.CONFIRMED:d} "
        f"ELSE {WorkerAccess.APPLICANT:d} END"
    )


def employer_access_sql(worker: str, employer: str) -> str:
    """load_access's decision for the employer `employer` on the worker `worker` (both SQL
    expressions), for a page that brings it with its rows: the best of the worker's applications
    to the employer's postings, else NONE. Its own aliases (acc_*) shadow nothing outside."""
    return (
        f"COALESCE((SELECT MAX({application_level_sql('acc_a.status')}) "
        "FROM job_application acc_a JOIN job_posting acc_p ON acc_p.id = acc_a.posting "
        f"WHERE acc_a.worker = {worker} AND acc_p.employer = {employer}), {WorkerAccess.NONE:d})"
    )


def operator_access_sql(worker: str, operator: str) -> str:
    """load_access's decision for the operator `operator` on the worker `worker` (both SQL
    expressions): OPERATOR if the worker registered at one of its markets, else the best of the
    worker's applications to postings at its markets, else NONE."""
    registered = (
        "EXISTS (SELECT 1 FROM worker acc_w JOIN market acc_r ON acc_r.id = acc_w.registered_market "
        f"WHERE acc_w.id = {worker} AND acc_r.operator = {operator})"
    )
    applied = (
        f"SELECT MAX({application_level_sql('acc_a.status')}) FROM job_application acc_a "
        "JOIN job_posting acc_p ON acc_p.id = acc_a.posting "
        "JOIN market acc_m ON acc_m.id = acc_p.market "
        f"WHERE acc_a.worker = {worker} AND acc_m.operator = {operator}"
    )
    return (
        f"(CASE WHEN {registered} THEN {WorkerAccess.OPERATOR:d} "
        f"ELSE COALESCE(({applied}), {WorkerAccess.NONE:d}) END)"
    )


async def load_access(keys: list[tuple[str, int, int]]) -> list[int]:
    """Keys are (viewer role, viewer subject id, worker id); one query per viewer at most."""
    by_viewer: dict[tuple[str, int], list[int]] = defaultdict(list)
    for role, subject, worker_id in keys:
        by_viewer[(role, subject)].append(worker_id)
    levels: dict[tuple[str, int, int], int] = {}
    for (role, subject), worker_ids in by_viewer.items():
        ids = list(set(worker_ids))
        found: dict[int, int] = {}
        if role == Role.STAFF:
            found = dict.fromkeys(ids, WorkerAccess.FULL)
        elif role == Role.WORKER:
            found = {subject: WorkerAccess.FULL} if subject in ids else {}
        elif role in (Role.EMPLOYER, Role.OPERATOR):
            found = await _application_levels(role, subject, ids)
            if role == Role.OPERATOR:
                registered = await WorkerRow.select(WorkerRow.id).where(
                    WorkerRow.id.is_in(ids) & (WorkerRow.registered_market.operator == subject)
                )
                found.update({r["id"]: WorkerAccess.OPERATOR for r in registered})
        for worker_id in ids:
            levels[(role, subject, worker_id)] = found.get(worker_id, WorkerAccess.NONE)
    return [levels[k] for k in keys]
