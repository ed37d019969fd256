"""Small inline SVG charts (bars for counts, a line for levels) drawn from figures: pure, no I/O.

Serves staff: the admin's monitoring charts (admin/statistics/charts.py) draw with it. A missing
value (suppressed, or nothing to measure) leaves a gap marked "—", never a zero bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH = 480
HEIGHT = 170
LEFT = 52  # room for the axis figures
RIGHT = 8
TOP = 12
BOTTOM = 30  # room for the period labels
PLOT_WIDTH = WIDTH - LEFT - RIGHT  # 420
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM  # 128
BASELINE = TOP + PLOT_HEIGHT  # 140
MAX_LABELS = 12  # period labels under the axis; the others stay in each mark's tooltip
CHAR_WIDTH = 6  # of a digit at the 11 px the page sets for chart text
MAX_VALUES = 16  # up to this many periods each mark carries its figure; beyond, the tooltip
COLOURS = {"bar": "#1565c0", "line": "#ef6c00", "axis": "#999", "gap": "#999"}


@dataclass(frozen=True)
class Point:
    label: str  # the period: 2025-03, 2025-W09, 2025-03-01
    value: int | Decimal | None  # None: not shown (suppressed or nothing to measure)
    text: str  # what a person reads for it: "250.00", "—（少于 5 人不显示）"


def axis_top(values: Sequence[int | Decimal | None]) -> Decimal:
    """The top of the value axis: the smallest 1, 2 or 5 × 10ⁿ at or above the largest value
    (1 for an empty or all-zero series, so nothing divides by zero)."""
    largest = max((Decimal(v) for v in values if v is not None), default=Decimal(0))
    if largest <= 0:
        return Decimal(1)
    power = Decimal(10) ** math.floor(math.log10(largest))
    for step in (1, 2, 5, 10):
        if step * power >= largest:
            return step * power
    raise AssertionError("unreachable")  # pragma: no cover


def _n(x: float | Decimal) -> str:
    """Coordinates with one decimal and no trailing .0, so the markup stays short and exact."""
    text = f"{float(x):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _figure(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _frame(title: str, top: Decimal, body: str, unit: str) -> str:
    return (
        f'<svg class="chart" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">'
        f'<line x1="{LEFT}" y1="{BASELINE}" x2="{WIDTH - RIGHT}" y2="{BASELINE}" '
        f'stroke="{COLOURS["axis"]}"/>'
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BASELINE}" stroke="{COLOURS["axis"]}"/>'
        f'<text class="axis" x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end">{_figure(top)}</text>'
        f'<text class="axis" x="{LEFT - 4}" y="{BASELINE}" text-anchor="end">0</text>'
        f'<text class="unit" x="{LEFT + 4}" y="{TOP + 4}">{escape(unit)}</text>'
        f"{body}</svg>"
    )


def _empty(title: str, note: str) -> str:
    return (
        f'<svg class="chart" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">'
        f'<text class="empty" x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">'
        f"{escape(note)}</text></svg>"
    )


def _labels(points: Sequence[Point], slot: float) -> str:
    # Every k-th label, so that neither more than MAX_LABELS nor overlapping ones are drawn.
    longest = max(len(p.label) for p in points) * CHAR_WIDTH + 8
    every = max(math.ceil(len(points) / MAX_LABELS), math.ceil(len(points) * longest / PLOT_WIDTH))
    half = max(len(p.label) for p in points) * CHAR_WIDTH / 2
    return "".join(
        # kept inside the picture: the last day's label would otherwise be cut off
        f'<text class="period" x="{_n(min(LEFT + (i + 0.5) * slot, WIDTH - half))}" '
        f'y="{BASELINE + 16}" text-anchor="middle">{escape(p.label)}</text>'
        for i, p in enumerate(points)
        if i % every == 0
    )


def _gap(x: float, point: Point) -> str:
    return (
        f'<text class="gap" x="{_n(x)}" y="{BASELINE - 3}" text-anchor="middle" '
        f'fill="{COLOURS["gap"]}"><title>{escape(point.label)}：{escape(point.text)}</title>'
        "—</text>"
    )


def _value(x: float, y: float, point: Point, count: int) -> str:
    if count > MAX_VALUES:
        return ""
    return (
        f'<text class="value" x="{_n(x)}" y="{_n(y - 4)}" text-anchor="middle">'
        f"{escape(point.text)}</text>"
    )


def height_of(value: int | Decimal, top: Decimal) -> float:
    return PLOT_HEIGHT * float(Decimal(value) / top)


def bar_chart(title: str, points: Sequence[Point], unit: str = "", empty_note: str = "") -> str:
    """One bar per period, scaled to `axis_top`; a period without a value gets a "—" mark."""
    if not points or all(p.value is None for p in points):
        return _empty(title, empty_note or "无数据")
    top = axis_top([p.value for p in points])
    slot = PLOT_WIDTH / len(points)
    width = slot * 0.7
    marks = []
    for i, p in enumerate(points):
        if p.value is None:
            marks.append(_gap(LEFT + (i + 0.5) * slot, p))
            continue
        h = height_of(p.value, top)
        marks.append(
            f'<rect x="{_n(LEFT + i * slot + slot * 0.15)}" y="{_n(BASELINE - h)}" '
            f'width="{_n(width)}" height="{_n(h)}" fill="{COLOURS["bar"]}">'
            f"<title>{escape(p.label)}：{escape(p.text)}</title></rect>"
            + _value(LEFT + (i + 0.5) * slot, BASELINE - h, p, len(points))
        )
    return _frame(title, top, "".join(marks) + _labels(points, slot), unit)


def line_chart(title: str, points: Sequence[Point], unit: str = "", empty_note: str = "") -> str:
    """A line through the periods' values, broken where a period has none (marked "—")."""
    if not points or all(p.value is None for p in points):
        return _empty(title, empty_note or "无数据")
    top = axis_top([p.value for p in points])
    slot = PLOT_WIDTH / len(points)
    runs: list[list[str]] = [[]]
    marks = []
    for i, p in enumerate(points):
        x = LEFT + (i + 0.5) * slot
        if p.value is None:
            marks.append(_gap(x, p))
            runs.append([])
            continue
        y = BASELINE - height_of(p.value, top)
        runs[-1].append(f"{_n(x)},{_n(y)}")
        marks.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{COLOURS["line"]}">'
            f"<title>{escape(p.label)}：{escape(p.text)}</title></circle>"
            + _value(x, y, p, len(points))
        )
    lines = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{COLOURS["line"]}" '
        'stroke-width="2"/>'
        for run in runs
        if len(run) > 1
    )
    return _frame(title, top, lines + "".join(marks) + _labels(points, slot), unit)
