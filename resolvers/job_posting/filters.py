"""Translate JobPostingWhereInput, `search` and status lists into SQL conditions."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

from piccolo.columns.combination import WhereRaw
from piccolo.custom_types import Combinable

from resolvers.errors import RequestError
from resolvers.filters import checked_occupation_code, in_region, status_as_read, text_search
from resolvers.global_ids import decode_id
from schema.job_posting.inputs import JobPostingWhereInput
from services.auth.rules import Role, Viewer
from services.db import is_postgres
from services.job_posting.rules import EXPIRING
from services.timeutil import SHANGHAI, now
from tables import job_posting as t

MAX_DAILY_WAGE_YUAN = Decimal(10_000)
# The expression of the open postings' index of one- and two-character substrings (migration
# 2026-12-05T21:30), written the same way so that the planner matches it (PostgreSQL only).
SEARCH_GRAMS = (
    "search_grams(job_posting.title || ' ' || job_posting.description || ' ' "
    "|| job_posting.address)"
)
# The expression of the open postings' work-window index (same migration).
WORK_WINDOW = (
    "tstzrange(LEAST(job_posting.starts_at, job_posting.ends_at), "
    "GREATEST(job_posting.starts_at, job_posting.ends_at), '[]')"
)


# Join columns built once, not per request (resolvers/filters.py: foreign-key steps).
MARKET_OPERATOR = t.JobPosting.market._.operator


def public_open(moment: datetime | None = None) -> list:
    """What the public sees in lists: published, OPEN, and the window not yet over.

    OPEN is written as a literal, not a bound parameter: the partial indexes of open postings
    (migration 2026-12-04T19:40) serve a query only when its planner sees `status = 'OPEN'`
    itself; SQLite never matches a bound value to an index's WHERE, nor does a generic
    PostgreSQL plan.

    On SQLite "not yet over" is written "+ends_at" (unary plus is a no-op that only keeps the
    column out of index lookups; same rows): it holds for nearly every open posting, but SQLite
    counts a range as selective, and through the open postings' region index (migration
    2026-12-06T01:30) it skipped through every region for the other searches' counts (a
    frequent word's: 126 ms instead of 27 at province scale). PostgreSQL keeps the column: that
    index INCLUDEs ends_at rather than keying on it."""
    moment = moment or now()
    live: Combinable = (
        t.JobPosting.ends_at > moment
        if is_postgres()
        else WhereRaw("+job_posting.ends_at > {}", moment)
    )
    return [WhereRaw("job_posting.status = 'OPEN'"), live]


async def public_welfare(viewer: Viewer | None, eligible) -> list:
    """Public-welfare jobs (公益性岗位) in lists: for eligible workers (`eligible(worker_id)`),
    their employer, the operator of their market and staff; left out for everyone else."""
    # `NOT public_welfare` rather than `= ?`: with a bound False, SQLite counted open postings
    # through the public_welfare index (every ordinary posting, open or not, of the province).
    ordinary = WhereRaw("NOT job_posting.public_welfare")
    if viewer is None:
        return [ordinary]
    if viewer.role == Role.STAFF:
        return []
    if viewer.role == Role.EMPLOYER:
        return [ordinary | (t.JobPosting.employer == viewer.subject_id)]
    if viewer.role == Role.OPERATOR:
        return [ordinary | (MARKET_OPERATOR == viewer.subject_id)]
    return [] if await eligible(viewer.subject_id) else [ordinary]


def conditions(where: JobPostingWhereInput | None, search: str | None) -> list:
    where = where or JobPostingWhereInput()
    out = public_open()
    if where.occupation_code is not None:
        code = checked_occupation_code(where.occupation_code, "where.occupationCode")
        # The id by a scalar subquery (computed once), not a join on the code: the planner
        # then reads the open postings of that occupation in start order from their index.
        out.append(
            WhereRaw("job_posting.occupation = (SELECT id FROM occupation WHERE code = {})", code)
        )
    if where.region_code is not None:
        out.append(in_region(t.JobPosting.region, where.region_code, "where.regionCode"))
    if where.market_id is not None:
        # An unknown or malformed market id simply matches nothing (id 0 never exists).
        out.append(t.JobPosting.market == (decode_id(where.market_id, "Market") or 0))
    if where.work_date is not None:
        day_start = datetime.combine(where.work_date, time(0), SHANGHAI)
        day_end = day_start + timedelta(days=1)
        out.append(t.JobPosting.starts_at < day_end)
        out.append(t.JobPosting.ends_at > day_start)
        if is_postgres():
            # Implied by the two bounds; the open postings' window index answers it
            # (migration 2026-12-05T21:30), so only the day's postings are read.
            out.append(
                WhereRaw(f"{WORK_WINDOW} && tstzrange({{}}, {{}}, '()')", day_start, day_end)
            )
    if where.min_daily_wage is not None:
        amount = where.min_daily_wage
        if not Decimal(0) <= amount <= MAX_DAILY_WAGE_YUAN:
            raise RequestError("minDailyWage：须在 0 到 10000 元之间", field="where.minDailyWage")
        out.append(
            t.JobPosting.daily_wage_fen >= int((amount * 100).to_integral_value(ROUND_CEILING))
        )
    if where.same_day is not None:
        out.append(t.JobPosting.same_day == where.same_day)
    matching = text_search(
        [t.JobPosting.title, t.JobPosting.description, t.JobPosting.address],
        search,
        grams=SEARCH_GRAMS,
        grams_table=("job_posting_grams", "job_posting.id"),
    )
    if matching is not None:
        out.append(matching)
    return out


def status_condition(statuses: list[str]) -> Combinable:
    """Statuses as readers see them: an ended DRAFT/HELD/OPEN counts as EXPIRED, not as itself."""
    return status_as_read(
        t.JobPosting.status, t.JobPosting.ends_at, statuses, tuple(EXPIRING), "EXPIRED"
    )
