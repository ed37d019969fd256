"""The monitoring figures as staff read them: which ones, in what unit, as what text.

Serves staff: shared by the admin's chart page and its CSV, so both show the same figures as
`marketStatistics` (money in 元, Decimals as the API writes them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.job_posting.wage import to_yuan
from services.statistics.definitions import DEFINITIONS, SOURCE_NAMES, Definition
from services.statistics.series import SMALL_CELL, Figures

HIDDEN = f"—（少于 {SMALL_CELL} 人不显示）"
NONE = "—（无数据）"
# Figures derived from a count of people: hidden with it (Figures.suppress).
DERIVED_FROM = {
    "average_hours_to_confirm": "matches_confirmed",
    "supply_demand_ratio": "job_seekers_active",
}
LEVELS = {"average_hours_to_confirm", "median_daily_wage", "supply_demand_ratio"}


@dataclass(frozen=True)
class Metric:
    definition: Definition

    @property
    def key(self) -> str:
        return self.definition.metric

    @property
    def title(self) -> str:
        return self.definition.name

    @property
    def unit(self) -> str:
        return self.definition.unit_name

    @property
    def source(self) -> str:
        return SOURCE_NAMES[self.definition.source]

    @property
    def is_level(self) -> bool:
        """A level (hours, 元, ratio) is drawn as a line; a count as bars."""
        return self.key in LEVELS

    def value(self, f: Figures) -> int | Decimal | None:
        if self.key == "median_daily_wage":
            return None if f.median_daily_wage_fen is None else to_yuan(f.median_daily_wage_fen)
        return getattr(f, self.key)

    def hidden(self, f: Figures) -> bool:
        """Suppressed (a count of 1 to 4 people, or derived from one), not merely absent: only
        people counts are ever None, and only when suppressed."""
        return getattr(f, DERIVED_FROM.get(self.key, self.key), 0) is None

    def text(self, f: Figures) -> str:
        value = self.value(f)
        if value is None:
            return HIDDEN if self.hidden(f) else NONE
        return str(value)

    def cell(self, f: Figures) -> str:
        """The CSV cell: the figure, or empty when there is none (the page says why)."""
        value = self.value(f)
        return "" if value is None else str(value)


# Every figure of the series (the operator-report flag is not one).
METRICS = tuple(Metric(d) for d in DEFINITIONS if d.metric != "workload_reported")


def change_text(metric: Metric, change: dict[str, int | Decimal | None]) -> str:
    key = "median_daily_wage_fen" if metric.key == "median_daily_wage" else metric.key
    value = change.get(key)
    if value is None:
        return "—"
    if metric.key == "median_daily_wage":
        value = to_yuan(int(value))
    return f"+{value}" if value > 0 else str(value)
