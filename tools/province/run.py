"""The generator's run: refuse what it must not touch, then stream batches into the database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tqdm import tqdm

from services.timeutil import local, now
from settings import get_settings
from tables.occupation import Occupation
from tables.region import COUNTY_LEVELS, Region
from tools.province import hiring, people, sites, training
from tools.province.sink import PostgresSink, Sink, SQLiteSink
from tools.province.sizes import sizes_for
from tools.province.world import Batch, County, World, batches

TABLES = [
    "operator", "market", "market_opening_period", "market_occupation", "operating_contract",
    "employer", "worker", "worker_occupation", "job_posting", "job_application",
    "workload_report", "training_course", "training_session", "training_enrolment",
    "training_attendance",
]  # fmt: skip
# The tables whose rows the progress bar counts (their sizes are known before the run).
BAR_TABLES = ("market", "employer", "worker", "job_posting", "job_application", "training_course")
BATCH_ROWS = 20_000  # main-table rows per transaction (a posting batch carries ~50,000 more)


class Refused(Exception):
    """The run would harm data it must not touch; the message says why (in Chinese)."""


@dataclass
class Generated:
    rows: dict[str, int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.rows.values())


async def _world(sink: Sink, seed: int, scale: float, today: date) -> World:
    counties = [
        County(r["id"], r["code"], r["name"], r["parent.code"], r["parent.name"])
        for r in await Region.select(
            Region.id, Region.code, Region.name, Region.parent.code, Region.parent.name
        )
        .where(Region.level.is_in(list(COUNTY_LEVELS)))
        .order_by(Region.code)
    ]
    occupations = {
        r["id"]: r["name"]
        for r in await Occupation.select(Occupation.id, Occupation.name).order_by(Occupation.id)
    }
    last = await sink.max_ids(TABLES)
    return World(
        seed=seed,
        today=today,
        sizes=sizes_for(scale),
        counties=counties,
        occupations=occupations,
        first_id={t: last[t] + 1 for t in TABLES},
    )


def _batches(world: World) -> Iterator[Batch]:
    """Built one at a time as the loop asks for them: only one batch is ever held in memory."""
    yield sites.operators(world)
    yield sites.markets(world)
    for b, (start, stop) in enumerate(batches(world.sizes.employers, BATCH_ROWS)):
        yield people.employers(world, start, stop, b)
    for b, (start, stop) in enumerate(batches(world.sizes.workers, BATCH_ROWS)):
        yield people.workers(world, start, stop, b)
    bookings = hiring.Bookings()
    for b, (start, stop) in enumerate(batches(world.sizes.postings, BATCH_ROWS)):
        yield hiring.postings(world, start, stop, b, bookings)
    yield sites.reports(world)
    ids = training.Ids(world)
    for b, (start, stop) in enumerate(batches(world.sizes.courses, training.COURSES_PER_BATCH)):
        yield training.courses(world, start, stop, b, ids)


async def _open_sink() -> Sink:
    settings = get_settings()
    if settings.is_postgres:
        assert settings.database_url is not None
        return await PostgresSink.connect(settings.database_url)
    return SQLiteSink(str(settings.sqlite_path))


async def generate(
    seed: int = 2026,
    scale: float = 1.0,
    today: date | None = None,
    append: bool = False,
    progress: bool = True,
) -> Generated:
    from tools.database import migrate

    if get_settings().production:
        raise Refused("LINGONG_PRODUCTION 已开启：不向生产数据库写入生成数据")
    started = time.perf_counter()
    await migrate()
    sink = await _open_sink()
    try:
        if not append and await sink.count("worker"):
            raise Refused("目标数据库已有零工登记；如确要追加生成数据，请加 --append")
        world = await _world(sink, seed, scale, today or local(now()).date())
        sizes = world.sizes
        expected = sizes.sites + sizes.employers + sizes.workers + sizes.postings
        expected += sizes.applications + sizes.courses
        written = dict.fromkeys(TABLES, 0)
        with tqdm(total=expected, unit="行", disable=not progress, smoothing=0.05) as bar:
            for batch in _batches(world):
                await sink.write(batch)
                for table, (_, rows) in batch.items():
                    written[table] += len(rows)
                    if table in BAR_TABLES:
                        bar.update(len(rows))
        await sink.finish(TABLES)
    finally:
        await sink.close()
    return Generated(written, time.perf_counter() - started)
