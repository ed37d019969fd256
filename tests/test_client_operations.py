"""Every root field a client may call has a committed document in frontend_queries/: once only
trusted documents are accepted, a field without one cannot be called at all."""

from __future__ import annotations

from pathlib import Path

from graphql import OperationDefinitionNode, parse

from schema.root import schema

ROOT = Path(__file__).resolve().parents[1] / "frontend_queries"

# Staff work in the admin, which calls the services directly: these fields are STAFF-only in
# the SDL ("Allowed: STAFF.") and no client app is given a staff token.
STAFF_ONLY = {
    "rightsCaseRefer",  # referral to another authority, decided by staff
    "jobPostingTakeDown",  # moderation
    "postingReviewDecide",  # moderation
    "postingReviews",  # the moderation queue
    "gatheringPlaceRegister",  # the register of irregular gathering places (（十七）)
    "gatheringPlaceUpdate",
    "personalDataReveal",  # staff casework; the admin has the same action (查看完整信息)
}


def _root_fields() -> set[str]:
    graphql_schema = schema._schema
    types = (
        graphql_schema.query_type,
        graphql_schema.mutation_type,
        graphql_schema.subscription_type,
    )
    return {name for t in types if t is not None for name in t.fields}


def _documented() -> set[str]:
    fields: set[str] = set()
    for path in ROOT.rglob("*.graphql"):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, OperationDefinitionNode):
                fields |= {s.name.value for s in definition.selection_set.selections}  # type: ignore[attr-defined]
    return fields


def test_every_root_field_a_client_may_call_has_a_document():
    assert sorted(_root_fields() - _documented() - STAFF_ONLY) == []


def test_the_staff_only_exceptions_are_staff_only_and_undocumented():
    fields = {
        **schema._schema.query_type.fields,
        **schema._schema.mutation_type.fields,  # type: ignore[union-attr]
    }
    for name in STAFF_ONLY:
        assert (fields[name].description or "").endswith("Allowed: STAFF."), name
    assert STAFF_ONLY & _documented() == set()
