"""`jobPostings(where: {workDate})`: the window-index condition (PostgreSQL) finds exactly the
postings whose work window overlaps the day, as the two plain bounds do."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from piccolo.columns.combination import WhereRaw

from resolvers.job_posting import filters
from schema.job_posting.inputs import JobPostingWhereInput
from services.db import current_engine, is_postgres
from services.timeutil import SHANGHAI, local, now
from tables import job_posting as t
from tests.fixtures.job_posting import insert_posting, make_cast

HOUR = timedelta(hours=1)


async def _windows(day: date) -> dict[str, int]:
    """Open postings around `day` (Asia/Shanghai), edge cases included; ids by name."""
    cast = await make_cast()
    start = datetime.combine(day, time(0), SHANGHAI)
    end = start + timedelta(days=1)
    windows = {
        "inside": (start + 8 * HOUR, start + 17 * HOUR),
        "from the night before": (start - 3 * HOUR, start + 2 * HOUR),
        "into the next night": (end - 2 * HOUR, end + 3 * HOUR),
        "over the whole day": (start - timedelta(days=3), end + timedelta(days=3)),
        "ends as the day starts": (start - 5 * HOUR, start),
        "starts as the day ends": (end, end + 5 * HOUR),
        "the day before": (start - 20 * HOUR, start - 10 * HOUR),
        "the day after": (end + 10 * HOUR, end + 20 * HOUR),
        "no length, inside": (start + 9 * HOUR, start + 9 * HOUR),
        "no length, at the start": (start, start),
        "ends before it starts, inside": (start + 15 * HOUR, start + 10 * HOUR),
        "ends before it starts, across": (end + 2 * HOUR, start + 10 * HOUR),
        "ends before it starts, outside": (end + 9 * HOUR, end + HOUR),
    }
    return {
        name: await insert_posting(cast.employer_id, starts, ends, title=name)
        for name, (starts, ends) in windows.items()
    }


async def _ids(conds: list) -> list[int]:
    rows = await t.JobPosting.select(t.JobPosting.id).where(*conds).order_by(t.JobPosting.id)
    return [r["id"] for r in rows]


def _bounds_alone(day: date) -> list:
    """The public conditions with the two bounds and without the window-index condition."""
    conds = filters.conditions(JobPostingWhereInput(work_date=day), None)
    return [
        c for c in conds if not (isinstance(c, WhereRaw) and "tstzrange" in c.querystring.template)
    ]


async def test_work_date_lists_the_postings_whose_window_overlaps_the_day():
    # given
    day = local(now()).date() + timedelta(days=2)
    ids = await _windows(day)

    # when
    found = await _ids(filters.conditions(JobPostingWhereInput(work_date=day), None))

    # then
    names = {v: k for k, v in ids.items()}
    assert sorted(names[i] for i in found) == sorted(
        [
            "inside",
            "from the night before",
            "into the next night",
            "over the whole day",
            "no length, inside",
            "ends before it starts, inside",
        ]
    )
    assert found == await _ids(_bounds_alone(day))


async def test_work_date_through_the_window_index_alone():
    """PostgreSQL: with sequential and plain index scans off, the day's postings come from
    the open postings' window index, the same rows as the two bounds give."""
    if not is_postgres():
        return
    # given
    day = local(now()).date() + timedelta(days=2)
    ids = await _windows(day)
    # Three hundred more postings that start before the day and end before it, and fresh
    # statistics: a few rows left the choice to the statistics earlier tests left behind, and
    # PostgreSQL sometimes took the plain `starts_at` index for the bitmap instead.
    columns = [c._meta.db_column_name for c in t.JobPosting._meta.columns if c._meta.name != "id"]
    shifted = {"starts_at": "p.starts_at - g * INTERVAL '1 hour'", "title": "'earlier'"}
    shifted["ends_at"] = "p.ends_at - g * INTERVAL '1 hour'"
    engine = current_engine()
    await engine.run_ddl(
        f"INSERT INTO job_posting ({', '.join(columns)}) "
        f"SELECT {', '.join(shifted.get(c, 'p.' + c) for c in columns)} "
        f"FROM job_posting p, generate_series(1, 300) g WHERE p.id = {ids['the day before']}"
    )
    await engine.run_ddl("ANALYZE job_posting")
    expected = await _ids(_bounds_alone(day))
    query = t.JobPosting.select(t.JobPosting.id).where(
        *filters.conditions(JobPostingWhereInput(work_date=day), None)
    )
    statement = query.querystrings[0]

    # when
    async with engine.transaction():
        await engine.run_ddl("SET LOCAL enable_seqscan = off")
        await engine.run_ddl("SET LOCAL enable_indexscan = off")
        plan = "\n".join(r["QUERY PLAN"] for r in await t.JobPosting.raw("EXPLAIN {}", statement))
        found = sorted(r["id"] for r in await t.JobPosting.raw("{}", statement))

    # then
    assert "job_posting_open_window" in plan, plan
    assert found == expected
    assert len(found) == 6
