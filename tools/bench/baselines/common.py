"""Shared by the baselines: JSON text as the API writes it, global ids, cursors, raw SQL."""

from __future__ import annotations

import asyncio
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


async def raw(sql: str, *args: Any) -> list[dict]:
    """Rows of `sql` ({} placeholders). On PostgreSQL through the baselines' own pool, with
    PostgreSQL's default plan caching (`plan_cache_mode` auto: a statement run often keeps a
    generic plan), as a hand-written endpoint has it; the API's pool plans every statement
    for its values (piccolo_conf._postgres_config), which for a page joining seven tables cost
    the baseline 4.7 ms of planning on each request. Counted as the API's statements are."""
    from piccolo.querystring import QueryString

    from piccolo_conf import sql_statement_counter
    from services.db import current_engine  # late: the settings must be fixed first

    engine = current_engine()
    if engine.engine_type == "sqlite":
        from tables.market import Market

        return await Market.raw(sql, *args)
    box = sql_statement_counter.get()
    if box is not None:
        box[0] += 1
    node = await _pool(engine)
    return await node.run_querystring(QueryString(sql, *args))


# The baselines' pools, one per event loop (the benchmark's, the server's).
_POOLS: dict[int, Any] = {}


async def _pool(engine: Any) -> Any:
    from piccolo_conf import PooledPostgresEngine

    loop = id(asyncio.get_running_loop())
    started = _POOLS.get(loop)
    if started is None:
        settings = {**engine.config.get("server_settings", {}), "plan_cache_mode": "auto"}
        node = PooledPostgresEngine(config={**engine.config, "server_settings": settings})
        started = _POOLS[loop] = asyncio.ensure_future(_started(node))
    return await started


async def _started(node: Any) -> Any:
    await node.start_connection_pool(min_size=1, max_size=10)  # as the API's (markets.py)
    return node


async def close_pools() -> None:
    """Close this event loop's baseline pool, if one was started."""
    started = _POOLS.pop(id(asyncio.get_running_loop()), None)
    if started is not None:
        await (await started).close_connection_pool()


def raw_in(sql: str, ids: list[int]) -> Any:
    """`sql` with `@ids` replaced by one placeholder per id."""
    return raw(sql.replace("@ids", ",".join("{}" for _ in ids)), *ids)


def best_first(scored: list[tuple[Any, int]], first: int) -> list[tuple[Any, int]]:
    """(match, id) pairs best score first, ties by id, as the API's scored pages: the page."""
    scored.sort(key=lambda item: (-item[0].score, item[1]))
    return scored[:first]


def matches_connection(
    scored: list[tuple[Any, int]], first: int, key: str, cards: dict[int, dict]
) -> dict:
    """The connection of a page of matches (best_first): each node the match's score and
    reasons with its card under `key`."""
    page = scored[:first]
    last = page[-1] if page else None
    return {
        "totalCount": len(scored),
        "pageInfo": {
            "hasNextPage": len(scored) > first,
            "endCursor": cursor(last[0].score, last[1]) if last else None,
        },
        "nodes": [
            {
                "score": match.score,
                "matchReasons": [{"code": r.code, "message": r.text} for r in match.reasons],
                key: cards[i],
            }
            for match, i in page
        ],
    }
