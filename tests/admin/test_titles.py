"""Every admin table and column has a Chinese title, and every coded value a Chinese label."""

from __future__ import annotations

import re
from enum import Enum

import pytest
from piccolo.columns import Array, Column, Integer
from piccolo.columns.choices import Choice
from piccolo.table import Table

from admin.extension.crud import Titles
from admin.site import table_configs
from admin.titles import DOMAINS

CJK = re.compile(r"[\u4e00-\u9fff]")
TABLES = [config.table_class for config in table_configs()]


def merged() -> dict[type[Table], Titles]:
    titles: dict[type[Table], Titles] = {}
    for domain in DOMAINS:
        overlap = titles.keys() & domain.keys()
        assert not overlap, f"titled in two domains: {overlap}"
        titles.update(domain)
    return titles


TITLES = merged()


def choice_values(column: Column) -> list[str]:
    """The stored codes of a choice column, or of an Array's base column."""
    target = column.base_column if isinstance(column, Array) else column
    choices: type[Enum] | None = target._meta.choices
    if choices is None:
        return []
    return [str(m.value.value) if isinstance(m.value, Choice) else str(m.value) for m in choices]


def _id(table: type[Table]) -> str:
    return table._meta.tablename


def test_admin_has_tables() -> None:
    assert len(TABLES) >= 30


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_table_titled(table: type[Table]) -> None:
    assert table in TITLES, f"{_id(table)} has no entry in admin/<domain>/titles.py"
    assert CJK.search(TITLES[table].table), f"{_id(table)}: table title has no Chinese"


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_every_column_titled(table: type[Table]) -> None:
    titles = TITLES[table]
    missing = [
        c._meta.name
        for c in table._meta.columns
        if not CJK.search(titles.columns.get(c._meta.name, ""))
    ]
    assert not missing, f"{_id(table)}: columns without a Chinese title: {missing}"
    names = {c._meta.name for c in table._meta.columns}
    unknown = titles.columns.keys() - names
    assert not unknown, f"{_id(table)}: titles for columns that do not exist: {unknown}"


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_every_choice_labelled(table: type[Table]) -> None:
    titles = TITLES[table]
    missing = [
        f"{c._meta.name}={value}"
        for c in table._meta.columns
        for value in choice_values(c)
        if not CJK.search(titles.labels.get(c._meta.name, {}).get(value, ""))
    ]
    assert not missing, f"{_id(table)}: choices without a Chinese label: {missing}"
    for name, labels in titles.labels.items():
        assert name in titles.columns, f"{_id(table)}: labels for unknown column {name}"
        assert all(CJK.search(label) for label in labels.values()), f"{_id(table)}.{name}"


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_users_are_integer_columns(table: type[Table]) -> None:
    columns = {c._meta.name: c for c in table._meta.columns}
    for name in TITLES[table].users:
        assert name in columns, f"{_id(table)}: users names unknown column {name}"
        column = columns[name]
        assert isinstance(column, Integer), f"{_id(table)}.{name} is not an Integer column"
        assert column is not table._meta.primary_key, f"{_id(table)}.{name} is the primary key"


def test_choice_values_seen() -> None:
    # Guards the helper: without it the choice test would pass on nothing.
    from tables.market import Market

    assert "RURAL_STATION" in choice_values(Market.station_type)
    assert "SHELTER" in choice_values(Market.facilities)
