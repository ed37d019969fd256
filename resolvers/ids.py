"""Global ids: decoded against the type the caller expects; anything else is just "not found"."""

from __future__ import annotations

from strawberry import relay


def decode_id(value: str | relay.GlobalID, expected: str) -> int | None:
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
        if gid.type_name != expected:
            return None
        number = int(gid.node_id)
    except Exception:  # malformed base64, missing colon, non-integer id: all mean "no such node"
        return None
    return number if 0 < number < 2**63 else None


def encode_id(type_name: str, number: int) -> str:
    return relay.to_base64(type_name, number)
