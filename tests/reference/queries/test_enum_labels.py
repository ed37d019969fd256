"""`enumLabels`: the Chinese label of every enum value an app shows, from one place."""

from __future__ import annotations

from graphql import GraphQLEnumType
from piccolo.columns.choices import Choice

from schema.labels import FROM_TABLES, labels_of
from schema.root import schema

QUERY = "query($names: [String!]) { enumLabels(names: $names) { name values { value label } } }"


def _shown_enums() -> dict[str, GraphQLEnumType]:
    return {
        name: t
        for name, t in schema._schema.type_map.items()
        if isinstance(t, GraphQLEnumType)
        and not name.startswith("__")
        and not name.endswith("ErrorCode")
    }


def test_every_value_of_every_enum_but_error_codes_has_a_chinese_label():
    missing = {
        name: sorted(v for v in t.values if not (labels_of(name) or {}).get(v))
        for name, t in _shown_enums().items()
    }

    assert {n: v for n, v in missing.items() if v} == {}


def test_stored_enums_are_labelled_as_the_admin_shows_their_choices():
    for name, table_enum in FROM_TABLES.items():
        choices = {m.value.value: m.value.display_name for m in table_enum}
        assert all(isinstance(m.value, Choice) for m in table_enum), name
        labels = labels_of(name) or {}
        assert {v: labels[v] for v in _shown_enums()[name].values} == {
            v: choices[v] for v in _shown_enums()[name].values
        }


async def test_an_app_asks_for_the_labels_it_shows(gql):
    body = await gql(QUERY, {"names": ["JobPostingStatus", "WageUnit", "RightsCaseFinding"]})

    assert body == {
        "data": {
            "enumLabels": [
                {
                    "name": "JobPostingStatus",
                    "values": [
                        {"value": "DRAFT", "label": "草稿"},
                        {"value": "OPEN", "label": "招聘中"},
                        {"value": "FILLED", "label": "已招满"},
                        {"value": "CLOSED", "label": "已关闭"},
                        {"value": "EXPIRED", "label": "已过期"},
                        {"value": "HELD", "label": "待审核"},
                        {"value": "REMOVED", "label": "已下架"},
                    ],
                },
                {
                    "name": "WageUnit",
                    "values": [
                        {"value": "HOUR", "label": "按小时"},
                        {"value": "DAY", "label": "按天"},
                        {"value": "PIECE", "label": "计件"},
                        {"value": "MONTH", "label": "按月"},
                    ],
                },
                {
                    "name": "RightsCaseFinding",
                    "values": [
                        {"value": "MEDIATED", "label": "调解成功"},
                        {"value": "SUBSTANTIATED", "label": "查实"},
                        {"value": "NOT_SUBSTANTIATED", "label": "不成立"},
                    ],
                },
            ]
        }
    }


async def test_without_names_every_labelled_enum_comes_in_name_order(gql):
    body = await gql(QUERY, {"names": None})

    names = [e["name"] for e in body["data"]["enumLabels"]]
    assert names == sorted(_shown_enums())


async def test_an_unknown_or_error_code_enum_is_refused_by_name(gql):
    body = await gql(QUERY, {"names": ["JobPostingStatus", "Nope", "JobPostingCreateErrorCode"]})

    assert body["data"] is None
    (error,) = body["errors"]
    assert error["message"] == "names：没有这些可显示的枚举类型：Nope、JobPostingCreateErrorCode"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == ["names"]
