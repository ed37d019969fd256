"""The admin charts' SVG drawing: exact bars and points for fixed figures, gaps, empty series."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from admin.statistics.svg import BASELINE, PLOT_HEIGHT, Point, axis_top, bar_chart, line_chart

HIDDEN = "—（少于 5 人不显示）"


def bars(svg: str) -> list[tuple[str, str, str, str]]:
    return re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)


def circles(svg: str) -> list[tuple[str, str]]:
    return re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)


@pytest.mark.parametrize(
    ("values", "top"),
    [
        ([], 1),
        ([0, 0], 1),
        ([None, 3], 5),
        ([2, 5, 3], 5),
        ([12, 5], 20),
        ([100], 100),
        ([101], 200),
        ([Decimal("1.67"), Decimal("0.4")], 2),
        ([Decimal("0.35")], Decimal("0.5")),
        ([Decimal("250.00")], 500),
    ],
)
def test_the_axis_ends_at_1_2_or_5_times_a_power_of_ten(values, top):
    assert axis_top(values) == Decimal(top)


def test_bars_have_exact_heights_for_fixed_figures():
    points = [Point("2025-01", 2, "2"), Point("2025-02", 5, "5"), Point("2025-03", 0, "0")]

    svg = bar_chart("发布岗位数（个）", points, "个")

    # three slots of 140 px from x = 52, bars 70 % wide; the axis ends at 5 over 128 px
    assert bars(svg) == [
        ("73", "88.8", "98", "51.2"),
        ("213", "12", "98", "128"),
        ("353", "140", "98", "0"),
    ]
    assert "<title>2025-02：5</title>" in svg
    assert '<text class="axis" x="48" y="16" text-anchor="end">5</text>' in svg
    assert [
        re.sub("<[^>]+>", "", t) for t in re.findall(r'<text class="period"[^>]*>[^<]*', svg)
    ] == [
        "2025-01",
        "2025-02",
        "2025-03",
    ]
    assert 'role="img" aria-label="发布岗位数（个）"' in svg


def test_a_missing_value_is_a_gap_marked_with_a_dash_not_a_zero_bar():
    points = [Point("2025-W09", 4, "4"), Point("2025-W10", None, HIDDEN)]

    svg = bar_chart("到岗人次（人次）", points)

    assert bars(svg) == [("83.5", "37.6", "147", "102.4")]  # 4 of an axis up to 5
    assert (
        f'<text class="gap" x="367" y="{BASELINE - 3}" text-anchor="middle" fill="#999">'
        f"<title>2025-W10：{HIDDEN}</title>—</text>"
    ) in svg


def test_the_line_breaks_where_a_value_is_missing():
    points = [
        Point("2025-01", Decimal("200.00"), "200.00"),
        Point("2025-02", Decimal("250.00"), "250.00"),
        Point("2025-03", None, "—（无数据）"),
        Point("2025-04", Decimal("100.00"), "100.00"),
    ]

    svg = line_chart("日工资中位数（元/天）", points, "元/天")

    # slots of 105 px, axis up to 500: 200 → 51.2 px high, 250 → 64, 100 → 25.6
    assert circles(svg) == [("104.5", "88.8"), ("209.5", "76"), ("419.5", "114.4")]
    # one segment for January–February; April alone is a point without a line
    assert re.findall(r'<polyline points="([^"]+)"', svg) == ["104.5,88.8 209.5,76"]
    assert "<title>2025-03：—（无数据）</title>—</text>" in svg


def test_one_hundred_periods_label_every_ninth():
    points = [Point(f"d{i}", i, str(i)) for i in range(100)]

    svg = bar_chart("报名人次", points)

    labels = re.findall(r'<text class="period"[^>]*>([^<]*)</text>', svg)
    assert labels == [f"d{i}" for i in range(0, 100, 9)]
    assert len(bars(svg)) == 100
    assert 'class="value"' not in svg  # too many to read: the tooltips carry them
    assert float(bars(svg)[-1][3]) == pytest.approx(PLOT_HEIGHT * 99 / 100, abs=0.05)


@pytest.mark.parametrize("draw", [bar_chart, line_chart])
def test_an_empty_or_wholly_missing_series_says_so_instead_of_drawing(draw):
    empty = draw("完工人次", [])
    hidden = draw("完工人次", [Point("2025-01", None, HIDDEN)] * 3, empty_note="各期均不显示")

    assert "<rect" not in empty + hidden and "<circle" not in empty + hidden
    assert '<text class="empty" x="240" y="85" text-anchor="middle">无数据</text>' in empty
    assert ">各期均不显示</text>" in hidden
    assert 'aria-label="完工人次"' in empty


def test_titles_and_labels_are_escaped():
    svg = bar_chart('<b>"x"</b>', [Point("<p>", 1, "&")])

    assert "<b>" not in svg and "<p>" not in svg
    assert "&lt;p&gt;：&amp;" in svg


def test_period_labels_never_overlap_and_stay_inside_the_picture():
    months = bar_chart("月", [Point(f"2025-{m:02d}", m, str(m)) for m in range(1, 13)])
    days = line_chart("日", [Point(f"2025-01-{d:02d}", d, str(d)) for d in range(1, 32)])

    def labels(svg: str) -> list[tuple[str, str]]:
        return re.findall(r'<text class="period" x="([\d.]+)"[^>]*>([^<]*)</text>', svg)

    # 12 labels of 7 characters (~50 px each) do not fit 420 px: every other month
    assert [label for _, label in labels(months)] == [f"2025-{m:02d}" for m in range(1, 13, 2)]
    # 31 days of 10 characters: every sixth; the 31st moves in from 465.2 to end at 480
    assert labels(days)[-2:] == [("383.9", "2025-01-25"), ("450", "2025-01-31")]
    assert len(labels(days)) == 6
