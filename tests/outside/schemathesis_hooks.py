"""Schemathesis hooks (SCHEMATHESIS_HOOKS): strategies for our custom GraphQL scalars."""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# Decimal (schema/scalars.py) travels as a string: mostly money-shaped values the resolvers
# accept, plus any text, so both the business rules and the scalar's refusals are exercised.
_money = st.decimals(
    min_value=-10_000_000, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
)
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(_money.map(lambda d: format(d, "f")), st.text(max_size=40)).map(nodes.String),
)
# JSON is output only today (MarketFeature.properties); should it become an argument, a string
# is a valid JSON value.
schemathesis.graphql.scalar("JSON", st.text(max_size=40).map(nodes.String))


@schemathesis.check
def no_internal_error(ctx, response, case) -> None:
    """A 5xx, or an error we masked as INTERNAL_SERVER_ERROR (an exception we did not mean),
    is a bug. Deliberate errors (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, validation, userErrors)
    are the answers we designed, which schemathesis' own GraphQL check counts as server errors."""
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:300]}")
    try:
        payload = response.json()
    except ValueError:
        raise AssertionError(f"not JSON: {response.text[:300]}") from None
    for error in (payload.get("errors") if isinstance(payload, dict) else None) or []:
        code = (error.get("extensions") or {}).get("code")
        if code in (None, "INTERNAL_SERVER_ERROR"):
            raise AssertionError(f"{code or 'unlabelled error'}: {error.get('message')}")
