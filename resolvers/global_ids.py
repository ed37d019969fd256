"""Global ids: decoded against the type the caller expects; anything else is just "not found"."""

from __future__ import annotations

from strawberry import relay

# Piccolo's Serial is a 32-bit INTEGER on PostgreSQL: a larger number in a query parameter is a
# driver error (a 500), so ids beyond it are simply "not found".
MAX_ID = 2**31 - 1


def decode_id(value: str | relay.GlobalID, expected: str) -> int | None:
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
        if gid.type_name != expected:
            return None
        number = int(gid.node_id)
    except Exception:  # malformed base64, missing colon, non-integer id: all mean "no such node"
        return None
    return number if 0 < number <= MAX_ID else None


def encode_id(type_name: str, number: int) -> str:
    return relay.to_base64(type_name, number)
