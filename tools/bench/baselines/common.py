"""Shared by the baselines: JSON text as the API writes it, global ids, cursors, raw SQL."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")


def dumps(data: Any) -> str:
    """As app.py's GraphQLView.encode_json: Chinese unescaped, no spaces."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def global_id(type_name: str, number: int) -> str:
    return base64.b64encode(f"{type_name}:{number}".encode()).decode()


def cursor(*values: Any) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode()


def raw(sql: str, *args: Any) -> Any:
    from tables.market import Market  # late: the settings must be fixed first

    return Market.raw(sql, *args)


def raw_in(sql: str, ids: list[int]) -> Any:
    """`sql` with `@ids` replaced by one placeholder per id."""
    return raw(sql.replace("@ids", ",".join("{}" for _ in ids)), *ids)
