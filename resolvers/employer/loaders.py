"""Employer rows to Employer objects, and batch loaders for employers and arrears flags."""

from __future__ import annotations

from collections import defaultdict

from resolvers.worker.loaders import CONFIRMED_STATUSES, joined_region, mask_name
from schema.employer.types import Employer, EmployerRecord
from services.crypto import decrypt
from tables.employer import Employer as EmployerRow
from tables.employer import WageArrearsFlag
from tables.job_posting import JobApplication

# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
POSTING_EMPLOYER = JobApplication.posting._.employer

EMPLOYER_COLUMNS = (
    EmployerRow.id,
    EmployerRow.kind,
    EmployerRow.name,
    EmployerRow.uscc,
    EmployerRow.contact_name,
    EmployerRow.phone_masked,
    EmployerRow.verification_status,
    EmployerRow.verified_at,
    EmployerRow.created_at,
    EmployerRow.region.code,
    EmployerRow.region.name,
    EmployerRow.region.level,
    EmployerRow.region.is_mountain_or_island,
    EmployerRow.region._.parent._.code,
)


def to_employer(row: dict) -> Employer:
    return Employer(
        id=row["id"],
        record=EmployerRecord(
            kind=row["kind"],
            name=row["name"],
            masked_name=mask_name(row["name"]),
            uscc=row["uscc"],
            contact_name=row["contact_name"] or "",
            phone_masked=row["phone_masked"],
            region=joined_region(row, "region"),
            verification_status=row["verification_status"],
            verified_at=row["verified_at"],
            created_at=row["created_at"],
        ),
    )


async def load_employers(ids: list[int]) -> list[Employer | None]:
    rows = await EmployerRow.select(*EMPLOYER_COLUMNS).where(EmployerRow.id.is_in(list(set(ids))))
    by_id = {r["id"]: to_employer(r) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_open_arrears(ids: list[int]) -> list[bool]:
    rows = await WageArrearsFlag.select(WageArrearsFlag.employer).where(
        WageArrearsFlag.employer.is_in(list(set(ids))) & WageArrearsFlag.cleared_at.is_null()
    )
    flagged = {r["employer"] for r in rows}
    return [i in flagged for i in ids]


async def load_phones(ids: list[int]) -> list[str | None]:
    """Employers' full phone numbers, decrypted only when a contact is shown."""
    rows = await EmployerRow.select(EmployerRow.id, EmployerRow.phone_encrypted).where(
        EmployerRow.id.is_in(list(set(ids)))
    )
    by_id = {r["id"]: decrypt(r["phone_encrypted"]) for r in rows}
    return [by_id.get(i) for i in ids]


async def load_confirmed(keys: list[tuple[int, int]]) -> list[bool]:
    """Keys are (worker id, employer id): whether the employer has confirmed the worker for a
    shift (the same statuses that show an employer the worker's full phone); one query per
    worker."""
    by_worker: dict[int, list[int]] = defaultdict(list)
    for worker_id, employer_id in keys:
        by_worker[worker_id].append(employer_id)
    confirmed: set[tuple[int, int]] = set()
    for worker_id, employer_ids in by_worker.items():
        rows = (
            await JobApplication.select(POSTING_EMPLOYER.as_alias("employer"))
            .where(
                (JobApplication.worker == worker_id)
                & JobApplication.status.is_in(list(CONFIRMED_STATUSES))
                & POSTING_EMPLOYER.is_in(list(set(employer_ids)))
            )
            .distinct()
        )
        confirmed |= {(worker_id, r["employer"]) for r in rows}
    return [k in confirmed for k in keys]
