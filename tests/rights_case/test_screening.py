"""Screening posting text for discriminatory requirements (（十六））."""

from __future__ import annotations

import pytest

from services.rights_case.screening import matched_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("限男性，35岁以下", ["限男性", "35岁以下"]),
        ("男性优先，年龄18-45岁", ["男性优先", "18-45岁"]),
        ("年龄不超过50周岁", ["不超过50周岁"]),
        ("45岁以上勿扰", ["45岁以上勿扰"]),
        ("只招本地户籍，外地人勿扰", ["只招本地户籍", "外地人勿扰"]),
        ("不招河南人", ["不招河南人"]),
        ("限汉族", ["限汉族"]),
        ("已婚已育优先，孕妇勿扰", ["已婚已育", "孕妇勿扰"]),
        ("不要女的", ["不要女"]),
        ("55岁以下女性优先", ["55岁以下", "女性优先"]),
    ],
)
def test_discriminatory_requirements_are_found_as_written(text, terms):
    assert matched_terms(text) == terms


@pytest.mark.parametrize(
    "text",
    [
        "年满18周岁，男女不限",  # the legal minimum age is required by law, not discrimination
        "16岁以上，身体健康",
        "60岁以下",  # a ceiling at the retirement age
        "招女工宿舍保洁，能吃苦",
        "电商仓库卸货，管午饭",
    ],
)
def test_lawful_requirements_pass(text):
    assert matched_terms(text) == []


def test_terms_are_reported_once_across_title_and_description():
    assert matched_terms("装卸工（限男性）", "限男性，35岁以下，限男性") == ["限男性", "35岁以下"]
