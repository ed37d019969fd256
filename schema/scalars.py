"""Custom scalars: an exact Decimal carried as a string, rejecting NaN and Infinity."""

from __future__ import annotations

import decimal
import re

import strawberry

# Plain decimal notation in ASCII digits. decimal.Decimal() alone would also take "1e999999"
# (a million-digit number once formatted), "1_000", full-width "１８０" and "NaN".
_PLAIN_DECIMAL = re.compile(r"[+-]?\d{1,28}(?:\.\d{1,28})?", re.ASCII)


def parse_decimal(value: object) -> decimal.Decimal:
    # Strings only: a JSON float has already lost exactness before we could see it.
    if not isinstance(value, str):
        raise ValueError('金额等小数须以字符串发送，例如 "180.50"')
    text = value.strip()
    if text.lower().lstrip("+-") in {"nan", "snan", "inf", "infinity"}:
        raise ValueError("不接受 NaN 或 Infinity")
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise ValueError(f'须为普通小数写法，例如 "180.50"：{value!r}')
    return decimal.Decimal(text)


def serialize_decimal(value: decimal.Decimal | int) -> str:
    # A float here would be a bug upstream (money is Decimal end to end): fail loudly.
    if isinstance(value, bool) or not isinstance(value, decimal.Decimal | int):
        raise TypeError(
            f"Decimal fields must resolve to decimal.Decimal, not {type(value).__name__}"
        )
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        raise ValueError("NaN and Infinity cannot be serialised")
    return str(value) if isinstance(value, int) else format(value, "f")


# Mapped onto decimal.Decimal through StrawberryConfig.scalar_map in schema/root.py.
DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number sent and received as a string, e.g. "180.50"; '
    "NaN and Infinity are rejected.",
    serialize=serialize_decimal,
    parse_value=parse_decimal,
)
