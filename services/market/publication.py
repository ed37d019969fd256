"""Publishing the market list (清单, （二十）): the CSV the public downloads is kept as published,
with its date, counts and digest, so the list's history exists. Run on a schedule by
`lingong publish-directory` (cron) or by staff from the admin; a run that finds the list
unchanged since the last publication records nothing."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from services.audit.rules import SYSTEM, Actor, record
from services.db import write_transaction
from services.market.export import csv_chunks
from services.timeutil import local, now
from tables.market import DirectoryPublication, DirectoryPublicationFile, Market

BOM = "\ufeff".encode()
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Published:
    id: int
    changed: bool  # False: the list was unchanged, `id` is the last publication


async def _current() -> tuple[bytes, int, int]:
    """The list as the public CSV gives it now (without its BOM), and its counts."""
    parts = [chunk async for chunk in csv_chunks()]
    body = b"".join(parts).removeprefix(BOM)
    listed = Market.status != "CLOSED"
    markets = await Market.count().where(listed & (Market.station_type == "MARKET"))
    stations = await Market.count().where(listed & (Market.station_type != "MARKET"))
    return body, markets, stations


async def publish(staff_user_id: int | None = None, force: bool = False) -> Published:
    """Record the list as it is now, unless it is the same as the last publication (`force`
    records it anyway, e.g. for a dated announcement)."""
    body, markets, stations = await _current()
    digest = hashlib.sha256(body).hexdigest()
    async with write_transaction():
        last = (
            await DirectoryPublication.select(DirectoryPublication.id, DirectoryPublication.sha256)
            .order_by(DirectoryPublication.id, ascending=False)
            .first()
        )
        if last is not None and last["sha256"] == digest and not force:
            return Published(last["id"], changed=False)
        moment = now()
        rows = await DirectoryPublication.insert(
            DirectoryPublication(
                published_at=moment,
                published_on=local(moment).date(),
                market_count=markets,
                station_count=stations,
                sha256=digest,
                byte_size=len(body),
                published_by=staff_user_id,
            )
        ).returning(DirectoryPublication.id)
        publication_id = rows[0]["id"]
        await DirectoryPublicationFile.insert(
            DirectoryPublicationFile(publication=publication_id, csv=body.decode())
        )
        actor = Actor("STAFF", staff_user_id) if staff_user_id is not None else SYSTEM
        await record(
            actor,
            "market.directory_publish",
            "directory_publication",
            publication_id,
            after={"markets": markets, "stations": stations, "sha256": digest},
        )
    return Published(publication_id, changed=True)


async def file_chunks(publication_id: int) -> AsyncIterator[bytes] | None:
    """A kept publication as the public downloads it (with the BOM Excel needs); None if
    unknown."""
    row = (
        await DirectoryPublicationFile.select(DirectoryPublicationFile.csv)
        .where(DirectoryPublicationFile.publication == publication_id)
        .first()
    )
    if row is None:
        return None
    data = row["csv"].encode()

    async def chunks() -> AsyncIterator[bytes]:
        yield BOM
        for start in range(0, len(data), CHUNK):
            yield data[start : start + CHUNK]

    return chunks()
