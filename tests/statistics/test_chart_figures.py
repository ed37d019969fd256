"""How the admin charts write each figure: units, 元, suppressed and absent cells."""

from __future__ import annotations

from decimal import Decimal

from admin.statistics.chart_figures import HIDDEN, METRICS, NONE, change_text
from services.statistics.series import Figures

BY_KEY = {m.key: m for m in METRICS}


def test_every_figure_of_the_series_has_a_chinese_definition_unit_and_source():
    assert [m.key for m in METRICS] == [
        "job_seekers_registered",
        "job_seekers_active",
        "postings_published",
        "headcount_demanded",
        "applications",
        "matches_confirmed",
        "workers_onboarded",
        "completed",
        "average_hours_to_confirm",
        "median_daily_wage",
        "supply_demand_ratio",
    ]
    for m in METRICS:
        assert m.definition.meaning and m.unit and m.source == "平台业务记录"
        assert not any("a" <= ch.lower() <= "z" for ch in m.definition.meaning)


def test_suppressed_counts_and_what_derives_from_them_read_as_hidden():
    f = Figures(job_seekers_active=3, headcount_demanded=6, matches_confirmed=2)
    f._confirm_seconds = 7200
    f._wages = [(20000, 1)]
    f.finish()
    f.suppress()

    texts = {m.key: m.text(f) for m in METRICS}
    cells = {m.key: m.cell(f) for m in METRICS}

    assert texts["job_seekers_active"] == HIDDEN
    assert texts["supply_demand_ratio"] == HIDDEN
    assert texts["matches_confirmed"] == HIDDEN
    assert texts["average_hours_to_confirm"] == HIDDEN
    assert texts["headcount_demanded"] == "6"
    assert texts["median_daily_wage"] == "200.00"  # 元, from 20000 fen
    assert texts["job_seekers_registered"] == "0"
    assert cells["supply_demand_ratio"] == "" and cells["headcount_demanded"] == "6"


def test_absent_levels_read_as_no_data_not_as_hidden():
    f = Figures()
    f.finish()

    assert BY_KEY["median_daily_wage"].text(f) == NONE
    assert BY_KEY["supply_demand_ratio"].text(f) == NONE
    assert BY_KEY["average_hours_to_confirm"].text(f) == NONE


def test_changes_carry_their_sign_and_money_is_in_yuan():
    change = {"headcount_demanded": 8, "completed": -2, "median_daily_wage_fen": 7000}
    change["supply_demand_ratio"] = Decimal("-0.33")

    assert change_text(BY_KEY["headcount_demanded"], change) == "+8"
    assert change_text(BY_KEY["completed"], change) == "-2"
    assert change_text(BY_KEY["median_daily_wage"], change) == "+70.00"
    assert change_text(BY_KEY["supply_demand_ratio"], change) == "-0.33"
    assert change_text(BY_KEY["applications"], change) == "—"
