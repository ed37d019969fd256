"""How many rows of each kind a province-scale run writes, at full scale or a fraction of it."""

from __future__ import annotations

from dataclasses import dataclass

# Full scale (issue 15): about 1,500 markets and stations over the 90 counties, a million
# workers, two million postings and five million applications. The rest follows the shapes the
# demo and the benchmarks use: a third of the sites are markets (each with two stations), one
# operator per ten sites, one employer per twenty postings.
FULL = {
    "sites": 1_500,
    "workers": 1_000_000,
    "postings": 2_000_000,
    "applications": 5_000_000,
}
SITES_PER_OPERATOR = 10
POSTINGS_PER_EMPLOYER = 20
# Training (（九）): one course for every 80 postings (25,000 a year at full scale), each with
# two sessions and 12–78 requests (about 750,000 enrolments), attendance for the sessions held.
POSTINGS_PER_COURSE = 80
REPORT_MONTHS = 12  # each contracted market reports its last twelve months
# Postings spread over the past year and the next month: about 7 % of them are still ahead,
# so a full run has ~120,000 postings still open for search (the rest of those are filled).
PAST_DAYS = 365
FUTURE_DAYS = 28


@dataclass(frozen=True)
class Sizes:
    sites: int
    workers: int
    postings: int
    applications: int

    @property
    def operators(self) -> int:
        return max(1, self.sites // SITES_PER_OPERATOR)

    @property
    def employers(self) -> int:
        return max(1, self.postings // POSTINGS_PER_EMPLOYER)

    @property
    def courses(self) -> int:
        return max(1, self.postings // POSTINGS_PER_COURSE)

    @property
    def applications_per_posting(self) -> float:
        return self.applications / self.postings if self.postings else 0.0


def sizes_for(scale: float) -> Sizes:
    """Every count scaled; at least three sites (a market and its two stations) and one of
    everything else, so even a tiny run exercises every table."""
    if not 0 < scale <= 10:
        raise ValueError("--scale 须在 0 到 10 之间")

    def part(name: str, least: int) -> int:
        return max(least, round(FULL[name] * scale))

    return Sizes(
        sites=part("sites", 3),
        workers=part("workers", 1),
        postings=part("postings", 1),
        applications=part("applications", 0),
    )
