"""The API only grows: nothing a released client uses is removed or retyped, and what is added
is announced in schema/CHANGELOG.md."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import GraphQLSchema, build_schema, find_breaking_changes

FOLDER = Path(__file__).resolve().parents[1] / "schema"
RELEASED = build_schema((FOLDER / "released.graphql").read_text(encoding="utf-8"))
CURRENT = build_schema((FOLDER / "schema.graphql").read_text(encoding="utf-8"))


def _root_fields(graphql_schema: GraphQLSchema) -> set[str]:
    roots = (
        graphql_schema.query_type,
        graphql_schema.mutation_type,
        graphql_schema.subscription_type,
    )
    return {f"{t.name}.{name}" for t in roots if t is not None for name in t.fields}


def _unreleased_section() -> str:
    text = (FOLDER / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(r"^## Unreleased\n(.*?)(?=^## )", text, flags=re.M | re.S)
    assert match, "CHANGELOG.md needs an '## Unreleased' section before the releases"
    return match.group(1)


def test_no_change_since_the_last_release_breaks_a_client():
    changes = [f"{c.type.name}: {c.description}" for c in find_breaking_changes(RELEASED, CURRENT)]

    assert changes == []


def test_every_root_field_added_since_the_release_is_in_the_changelog():
    added = _root_fields(CURRENT) - _root_fields(RELEASED)
    section = _unreleased_section()

    def named(field: str) -> bool:  # `field` or `field(arguments…)`
        return re.search(rf"`{re.escape(field.split('.', 1)[1])}[`(]", section) is not None

    missing = sorted(f for f in added if not named(f))

    assert missing == []


def test_the_check_sees_a_removed_field_and_a_retyped_argument():
    # given: the released schema with a field removed and an argument made required
    sdl = (FOLDER / "released.graphql").read_text(encoding="utf-8")
    without_field = re.sub(r'\n  """[^"]*"""\n  myWorkerProfile: Worker\n', "\n", sdl, count=1)
    changed = build_schema(
        without_field.replace("quietMarkets(", "quietMarkets(\n    extra: Int!\n", 1)
    )

    # when
    found = {(c.type.name, c.description) for c in find_breaking_changes(RELEASED, changed)}

    # then
    assert found == {
        ("FIELD_REMOVED", "Field Query.myWorkerProfile was removed."),
        ("REQUIRED_ARG_ADDED", "A required argument Query.quietMarkets(extra:) was added."),
    }
