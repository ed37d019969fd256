"""Which days of a range the rollup answers for (built, no pending change) and which are read raw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.db import is_postgres
from services.statistics.periods import midnight
from tables.statistics import StatisticsBuiltDay, StatisticsChange

Runs = tuple[tuple[date, date], ...]  # inclusive day ranges, in order, not touching


@dataclass(frozen=True)
class Coverage:
    rolled: Runs  # days read from the rollup
    raw: Runs  # days read from the records themselves

    def windows(self) -> list[tuple[datetime, datetime]]:
        """The raw days as [start, end) instants in Asia/Shanghai."""
        return [(midnight(a), midnight(b + timedelta(days=1))) for a, b in self.raw]

    def clip(self, first: date, last: date) -> Coverage:
        def cut(runs: Runs) -> Runs:
            return tuple((max(a, first), min(b, last)) for a, b in runs if a <= last and b >= first)

        return Coverage(cut(self.rolled), cut(self.raw))


def everything_raw(first: date, last: date) -> Coverage:
    return Coverage(rolled=(), raw=((first, last),))


def runs(days: list[date]) -> Runs:
    """Sorted days as runs of consecutive days."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and out[-1][1] + timedelta(days=1) == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return tuple(out)


def day_param(day: date) -> date | str:
    """A date as the driver compares it with a Date column (SQLite keeps ISO text)."""
    return day if is_postgres() else day.isoformat()


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def coverage(first: date, last: date) -> Coverage:
    """Before the rollup's first build every day is raw. After it, a day is raw only while a
    change names it: the first build covers every day from the first record to that day, and
    every later write marks its days, so a day neither built nor marked has no records."""
    if not await StatisticsBuiltDay.exists():
        return everything_raw(first, last)
    changed = await StatisticsChange.raw(
        "SELECT DISTINCT day FROM statistics_change WHERE day >= {} AND day <= {}",
        day_param(first),
        day_param(last),
    )
    raw = {as_date(r["day"]) for r in changed}
    every = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return Coverage(
        rolled=runs([d for d in every if d not in raw]),
        raw=runs([d for d in every if d in raw]),
    )


def within(column: str, runs_: Runs) -> tuple[str, list]:
    """SQL keeping rows of a Date column inside the runs (FALSE when there are none): one range,
    less the days between runs (an IN list, searched, not a chain of ORs)."""
    if not runs_:
        return "1 = 0", []
    sql, args = f"{column} >= {{}} AND {column} <= {{}}", [runs_[0][0], runs_[-1][1]]
    holes = [
        before[1] + timedelta(days=i)
        for before, after in zip(runs_, runs_[1:], strict=False)
        for i in range(1, (after[0] - before[1]).days)
    ]
    if holes:
        sql += f" AND {column} NOT IN ({', '.join('{}' for _ in holes)})"
        args += holes
    return f"({sql})", [day_param(d) for d in args]


def during(column: str, windows: list[tuple[datetime, datetime]]) -> tuple[str, list]:
    """SQL keeping rows of a timestamptz column inside the windows (FALSE when there are none)."""
    if not windows:
        return "1 = 0", []
    sql = " OR ".join(f"({column} >= {{}} AND {column} < {{}})" for _ in windows)
    return f"({sql})", [t for window in windows for t in window]
