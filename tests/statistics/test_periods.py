"""Reporting periods: whole days, ISO weeks (the ISO year at new year) and months."""

from datetime import date

from services.statistics.periods import Granularity, count_periods, periods_between


def test_iso_weeks_take_the_iso_year_at_new_year():
    weeks = periods_between(date(2024, 12, 25), date(2027, 1, 1), Granularity.WEEK)

    labels = [(p.label, p.starts_on, p.ends_on) for p in weeks]
    assert labels[:2] == [
        ("2024-W52", date(2024, 12, 23), date(2024, 12, 29)),
        ("2025-W01", date(2024, 12, 30), date(2025, 1, 5)),
    ]
    assert labels[-1] == ("2026-W53", date(2026, 12, 28), date(2027, 1, 3))
    assert len(weeks) == count_periods(date(2024, 12, 25), date(2027, 1, 1), Granularity.WEEK)


def test_months_cover_february_of_a_leap_year_and_year_ends():
    months = periods_between(date(2023, 12, 31), date(2024, 3, 1), Granularity.MONTH)

    assert [(p.label, p.starts_on, p.ends_on) for p in months] == [
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
        ("2024-01", date(2024, 1, 1), date(2024, 1, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-03", date(2024, 3, 1), date(2024, 3, 31)),
    ]
    assert count_periods(date(2023, 12, 31), date(2024, 3, 1), Granularity.MONTH) == 4


def test_day_bounds_are_shanghai_midnights():
    (day,) = periods_between(date(2025, 3, 1), date(2025, 3, 1), Granularity.DAY)

    assert (day.start.isoformat(), day.end.isoformat()) == (
        "2025-03-01T00:00:00+08:00",
        "2025-03-02T00:00:00+08:00",
    )
    assert count_periods(date(2024, 1, 1), date(2024, 12, 31), Granularity.DAY) == 366
