"""Custom scalars: an exact Decimal carried as a string, rejecting NaN and Infinity."""

from __future__ import annotations

import decimal
import strawberry


def parse_decimal(value: object) -> decimal.Decimal:
    # Strings only: a JSON float has already lost exactness before we could see it.
    if not isinstance(value, str):
        raise ValueError('Decimal values must be sent as strings, e.g. "180.50"')
    try:
        parsed = decimal.Decimal(value.strip())
    except decimal.InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc
    if not parsed.is_finite():
        raise ValueError("NaN and Infinity are not allowed")
    return parsed


def serialize_decimal(value: decimal.Decimal) -> str:
    return format(value, "f")


# Mapped onto decimal.Decimal through StrawberryConfig.scalar_map in schema/root.py.
DecimalScalar = strawberry.scalar(
    name="Decimal",
    description="An exact decimal number sent and received as a string, e.g. \"180.50\"; "
    "NaN and Infinity are rejected.",
    serialize=serialize_decimal,
    parse_value=parse_decimal,
)
