"""The staff monitoring charts (动态监测图表): `marketStatistics`'s series per province, city,
county or market as server-rendered SVG (no CDN, no JavaScript), and the same figures as CSV.

Serves staff only: a signed-in admin session (as the targets dashboard), limited to the staff
member's own region (admin/scopes.py, services/auth/staff.py)."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from admin.statistics.chart_figures import METRICS
from admin.statistics.chart_html import GRANULARITIES, View, error_body, page, render
from admin.statistics.chart_scope import Chosen, Refused, chosen_scope, picker
from admin.statistics.dashboard import CHARTS_PATH, staff_user
from resolvers.errors import RequestError
from resolvers.statistics.filters import checked_range, sees_detail
from services.auth.rules import Role, Viewer
from services.auth.staff import Scope as StaffScope
from services.auth.staff import scope_of
from services.certification import clock
from services.db import current_engine
from services.market.export import safe_cell
from services.statistics.periods import Granularity
from services.statistics.report import Report, report
from services.timeutil import local, now

PATH = CHARTS_PATH
CSV_PATH = f"{CHARTS_PATH}.csv"
# The range check's messages name the GraphQL arguments; the page's fields have Chinese labels.
_FIELDS = {"from": "起始日期", "to": "截止日期"}


@dataclass(frozen=True)
class Query:
    chosen: Chosen
    start: date
    end: date
    granularity: Granularity
    staff: StaffScope


def _date(raw: str | None, default: date, label: str) -> date:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"{label}须为 YYYY-MM-DD 格式的日期，例如 2025-01-01。") from None


async def _query(request: Request, user_id: int) -> Query:
    """The page's parameters checked by the same rules as `marketStatistics`'s arguments;
    Refused (400, or 403 outside the staff member's region) with a Chinese reason."""
    params = request.query_params
    staff = await scope_of(user_id)
    today = clock.today()
    start = _date(params.get("from"), today.replace(month=1, day=1), "起始日期")
    end = _date(params.get("to"), today, "截止日期")
    raw = params.get("granularity") or Granularity.MONTH.value
    if raw not in Granularity.__members__:
        raise Refused("统计粒度须为按月、按周或按日（MONTH、WEEK、DAY）。")
    granularity = Granularity(raw)
    try:
        checked_range(start, end, granularity)
    except RequestError as error:
        message = re.sub(r"\b(from|to)\b", lambda m: _FIELDS[m.group(1)], error.message)
        raise Refused(message) from None
    chosen = await chosen_scope(params.get("scope", ""), staff)
    return Query(chosen, start, end, granularity, staff)


async def _report(q: Query, user_id: int) -> Report:
    # The GraphQL resolver's rule decides what staff see (today: every figure).
    viewer = Viewer(token_id=0, role=Role.STAFF, subject_id=user_id, expires_at=None)
    detail = await sees_detail(viewer, q.chosen.scope)
    return await report(q.chosen.scope, q.start, q.end, q.granularity, suppress=not detail)


def _reading() -> contextlib.AbstractAsyncContextManager:
    """One SQLite connection for the page's dozen statements (as resolvers/performance.py does
    for GraphQL queries); PostgreSQL already reuses pooled connections."""
    engine = current_engine()
    if engine.engine_type == "sqlite":
        return engine.transaction()
    return contextlib.nullcontext()


def _refused(error: Refused) -> HTMLResponse:
    return HTMLResponse(page("动态监测图表", error_body(error.message, PATH)), error.status)


async def statistics_page(request: Request) -> Response:
    """The chart page for staff; without an admin session, the admin's login."""
    user = await staff_user(request)
    if user is None:
        return RedirectResponse("/admin/", status_code=303)
    try:
        async with _reading():
            q = await _query(request, user["id"])
            r = await _report(q, user["id"])
            groups = await picker(q.staff, q.chosen)
    except Refused as error:
        return _refused(error)
    view = View(
        path=PATH,
        csv_path=CSV_PATH,
        chosen=q.chosen,
        start=q.start,
        end=q.end,
        granularity=q.granularity,
        username=user["username"],
        staff_region=q.staff.region_name,
        groups=groups,
        generated=local(now()).strftime("%Y-%m-%d %H:%M"),
    )
    return HTMLResponse(
        page(f"动态监测图表 · {q.chosen.name}", render(view, r)),
        headers={"Cache-Control": "no-store"},
    )


def csv_rows(r: Report) -> list[list[str]]:
    """Header, one row per period, then the range's total: the page's figures, 元 for money."""
    rows = [["期间", "起始日期", "截止日期", *[f"{m.title}（{m.unit}）" for m in METRICS]]]
    for p, f in zip(r.periods, r.series, strict=True):
        rows.append(
            [p.label, p.starts_on.isoformat(), p.ends_on.isoformat(), *[m.cell(f) for m in METRICS]]
        )
    first, last = r.periods[0].starts_on.isoformat(), r.periods[-1].ends_on.isoformat()
    rows.append(["合计", first, last, *[m.cell(r.total) for m in METRICS]])
    return rows


async def _chunks(rows: list[list[str]]) -> AsyncIterator[str]:
    yield "\ufeff"  # Excel reads UTF-8 only with a BOM
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


async def statistics_csv(request: Request) -> Response:
    """The page's series as CSV for staff (UTF-8 with BOM, formula-safe cells)."""
    user = await staff_user(request)
    if user is None:
        return RedirectResponse("/admin/", status_code=303)
    try:
        async with _reading():
            q = await _query(request, user["id"])
            r = await _report(q, user["id"])
    except Refused as error:
        return _refused(error)
    name = (
        f"动态监测-{q.chosen.name}-{q.start.isoformat()}至{q.end.isoformat()}"
        f"-{GRANULARITIES[q.granularity]}.csv"
    )
    return StreamingResponse(
        _chunks(csv_rows(r)),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="market-statistics.csv"; '
            f"filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )
