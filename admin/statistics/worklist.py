"""The work list on the admin's home page (待办事项): counts with links to the filtered lists.

Serves staff: what waits for them when they sign in. The bundle (admin/extension/bundle.py)
fills the home page from this JSON; it answers only a signed-in admin session."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse

from admin.statistics.dashboard import staff_user
from services.auth.staff import scope_of
from services.statistics.worklist import waiting


async def worklist(request: Request) -> JSONResponse:
    user = await staff_user(request)
    if user is None:
        return JSONResponse({"detail": "请先登录管理后台"}, status_code=401)
    scope = await scope_of(user["id"])
    items = [
        {
            "label": item.label,
            "count": item.count,
            "href": f"#/{item.table}?{urlencode(item.filters)}",
        }
        for item in await waiting(scope)
    ]
    return JSONResponse({"items": items}, headers={"Cache-Control": "no-store"})
