"""Translate TrainingWhereInput, `search` and status lists into SQL conditions."""

from __future__ import annotations

from piccolo.custom_types import Combinable

from resolvers.errors import RequestError
from resolvers.filters import checked_occupation_code, in_region, status_as_read, text_search
from resolvers.global_ids import decode_id
from schema.training.inputs import TrainingWhereInput
from services.timeutil import now
from services.training.rules import PUBLISHED
from tables import training as t


def public_listed() -> list:
    """What the public sees in lists: published, taking enrolments or waitlisting, and the
    last session not yet over."""
    return [t.TrainingCourse.status.is_in(list(PUBLISHED)), t.TrainingCourse.ends_at > now()]


def conditions(where: TrainingWhereInput | None, search: str | None) -> list:
    where = where or TrainingWhereInput()
    out = public_listed()
    if where.occupation_code is not None:
        code = checked_occupation_code(where.occupation_code, "where.occupationCode")
        out.append(t.TrainingCourse.occupation.code == code)
    if where.region_code is not None:
        out.append(in_region(t.TrainingCourse.region, where.region_code, "where.regionCode"))
    if where.category is not None:
        out.append(t.TrainingCourse.category == where.category.value)
    if where.mode is not None:
        out.append(t.TrainingCourse.mode == where.mode.value)
    if where.starts_from is not None:
        if where.starts_from.tzinfo is None:
            raise RequestError(
                "startsFrom：须带时区，例如 2026-12-01T00:00:00+08:00",
                field="where.startsFrom",
            )
        out.append(t.TrainingCourse.starts_at >= where.starts_from)
    if where.subsidised is not None:
        out.append(t.TrainingCourse.subsidised == where.subsidised)
    if where.market_id is not None:
        # An unknown or malformed market id simply matches nothing (id 0 never exists).
        market = decode_id(where.market_id, "Market") or 0
        out.append((t.TrainingCourse.market == market) | (t.TrainingCourse.venue == market))
    matching = text_search(
        [t.TrainingCourse.title, t.TrainingCourse.description, t.TrainingCourse.address], search
    )
    if matching is not None:
        out.append(matching)
    return out


def status_condition(statuses: list[str]) -> Combinable:
    """Statuses as readers see them: an ended OPEN/FULL course counts as FINISHED."""
    return status_as_read(
        t.TrainingCourse.status, t.TrainingCourse.ends_at, statuses, tuple(PUBLISHED), "FINISHED"
    )
