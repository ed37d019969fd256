"""The staff targets dashboard: server-rendered HTML with inline SVG bars (no CDN, offline)."""

from __future__ import annotations

from datetime import date
from html import escape

from piccolo.apps.user.tables import BaseUser
from piccolo_api.session_auth.tables import SessionsBase
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from services.certification import clock
from services.statistics.rules import Coverage, Progress, target_progress

PATH = "/admin-dashboard/targets"
CHARTS_PATH = "/admin-dashboard/statistics"  # admin/statistics/charts.py, which imports this one
SESSION_COOKIE = "id"  # piccolo_api's session cookie, path "/", shared with the admin
BAR_WIDTH = 360
ROW_HEIGHT = 26
COLOURS = {"done": "#2e7d32", "todo": "#e0e0e0", "bar": "#1565c0", "warn": "#ef6c00"}


async def staff_user(request: Request) -> dict | None:
    """The signed-in admin user, checked exactly as the admin's session backend does."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    user_id = await SessionsBase.get_user_id(token)
    if user_id is None:
        return None
    return (
        await BaseUser.select(BaseUser.id, BaseUser.username)
        .where((BaseUser.id == user_id) & BaseUser.active.eq(True) & BaseUser.admin.eq(True))
        .first()
    )


async def targets_page(request: Request) -> Response:
    user = await staff_user(request)
    if user is None:
        return RedirectResponse("/admin/", status_code=303)
    raw = request.query_params.get("as_of", "")
    try:
        as_of = date.fromisoformat(raw) if raw else clock.today()
    except ValueError:
        return HTMLResponse(
            _page("日期格式错误", "<p>日期须为 YYYY-MM-DD，例如 2025-12-31。</p>"), 400
        )
    progress = await target_progress(as_of)
    return HTMLResponse(_page("零工市场建设目标进度", render(progress, user["username"])))


def _pct(value: int, goal: int) -> str:
    return f"{(100 * value / goal):.0f}%" if goal else "—"


def progress_bar(label: str, value: int, goal: int) -> str:
    """One horizontal bar: achieved (green when met, blue otherwise) over the goal (grey)."""
    filled = BAR_WIDTH * min(value, goal) / goal if goal else 0
    colour = COLOURS["done"] if value >= goal else COLOURS["bar"]
    return (
        f'<svg class="bar" width="{BAR_WIDTH + 160}" height="22" role="img" '
        f'aria-label="{escape(label)} {value}/{goal}">'
        f'<rect x="0" y="3" width="{BAR_WIDTH}" height="16" fill="{COLOURS["todo"]}" rx="3"/>'
        f'<rect x="0" y="3" width="{filled:.1f}" height="16" fill="{colour}" rx="3"/>'
        f'<text x="{BAR_WIDTH + 8}" y="16">{value} / {goal}（{_pct(value, goal)}）</text></svg>'
    )


def city_chart(title: str, rows: list[tuple[str, int, int]], of_total: bool = True) -> str:
    """Bars per city: `value` out of `total`; without `of_total`, plain counts scaled to `total`."""
    scale = max([total for _, _, total in rows] + [1])
    height = ROW_HEIGHT * len(rows) + 10
    parts = [
        f"<figure><figcaption>{escape(title)}</figcaption>"
        f'<svg width="{BAR_WIDTH + 190}" height="{height}" role="img" aria-label="{escape(title)}">'
    ]
    for i, (name, value, total) in enumerate(rows):
        y = i * ROW_HEIGHT + 4
        full = BAR_WIDTH * total / scale
        done = BAR_WIDTH * value / scale
        if not of_total:
            parts.append(
                f'<text x="0" y="{y + 15}">{escape(name)}</text>'
                f'<rect x="70" y="{y}" width="{done:.1f}" height="18" fill="{COLOURS["bar"]}"/>'
                f'<text x="{78 + done:.1f}" y="{y + 15}">{value}</text>'
            )
            continue
        colour = COLOURS["done"] if value >= total else COLOURS["warn"]
        parts.append(
            f'<text x="0" y="{y + 15}">{escape(name)}</text>'
            f'<rect x="70" y="{y}" width="{full:.1f}" height="18" fill="{COLOURS["todo"]}"/>'
            f'<rect x="70" y="{y}" width="{done:.1f}" height="18" fill="{colour}"/>'
            f'<text x="{78 + full:.1f}" y="{y + 15}">{value}/{total}</text>'
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _missing(cities: list[Coverage], having: str) -> str:
    items = []
    for city in cities:
        names = [c.name for c in city.missing(getattr(city, having))]
        if names:
            items.append(
                f"<li><b>{escape(city.region.name)}</b>（{len(names)}）："
                f"{escape('、'.join(names))}</li>"
            )
    return f"<ul>{''.join(items)}</ul>" if items else "<p>全部县（市、区）均已达成。</p>"


def render(progress: Progress, username: str) -> str:
    cities, overall = progress.cities, progress.overall
    targets = "".join(
        f"<tr><td>{escape(t.description)}</td><td>{t.deadline.isoformat()}</td>"
        f"<td>{progress_bar(t.description, t.achieved, t.goal)}</td>"
        f"<td class='{'met' if t.met else 'open'}'>{'已完成' if t.met else '未完成'}</td></tr>"
        for t in progress.targets
    )
    table = "".join(
        f"<tr><td>{escape(c.region.name)}</td><td>{len(c.counties)}</td><td>{c.markets_built}</td>"
        f"<td>{c.public_welfare_markets}</td><td>{len(c.with_public_welfare)}</td>"
        f"<td>{c.demonstration_markets}</td><td>{len(c.with_demonstration)}</td></tr>"
        for c in [*cities, overall]
    )
    most = max([c.markets_built for c in cities] + [1])
    charts = "".join(
        [
            city_chart(
                "各市已建成零工市场数",
                [(c.region.name, c.markets_built, most) for c in cities],
                of_total=False,
            ),
            city_chart(
                "各市有公益性零工市场的县（市、区）",
                [(c.region.name, len(c.with_public_welfare), len(c.counties)) for c in cities],
            ),
            city_chart(
                "各市有省级示范零工市场的县（市、区）",
                [(c.region.name, len(c.with_demonstration), len(c.counties)) for c in cities],
            ),
        ]
    )
    return f"""
<header><h1>浙江省零工市场建设目标进度</h1>
<form method="get"><label>截至 <input type="date" name="as_of" value="{progress.as_of.isoformat()}"></label>
<button type="submit">查看</button></form>
<p class="who">当前用户：{escape(username)} · <a href="{CHARTS_PATH}">动态监测图表</a> ·
<a href="/admin/">返回管理后台</a></p></header>
<section><h2>主要目标（浙人社发〔2023〕5号 二）</h2>
<table class="targets"><tr><th>目标</th><th>期限</th><th>进度</th><th>状态</th></tr>{targets}</table></section>
<section><h2>各市情况</h2><div class="charts">{charts}</div>
<table class="cities"><tr><th>地区</th><th>县（市、区）</th><th>已建成零工市场</th><th>公益性零工市场</th>
<th>有公益性市场的县</th><th>省级示范零工市场</th><th>有示范市场的县</th></tr>{table}</table></section>
<section><h2>尚无公益性零工市场的县（市、区）</h2>{_missing(cities, "with_public_welfare")}</section>
<section><h2>尚无省级示范零工市场的县（市、区）</h2>{_missing(cities, "with_demonstration")}</section>
<footer>口径：已建成 = 零工市场（不含驿站、超市）开业日期不晚于截至日且未关闭；示范零工市场 =
截至日已发证且未撤销。数据实时计算，不含个人信息。</footer>"""


def _page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(title)}</title><style>
body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}}
h1{{font-size:22px}} h2{{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px}}
table{{border-collapse:collapse;margin:8px 0}} td,th{{border:1px solid #ddd;padding:4px 8px;font-size:14px}}
svg text{{font-size:13px;fill:#222}} .charts{{display:flex;flex-wrap:wrap;gap:24px}}
figcaption{{font-weight:bold;margin-bottom:4px}} .met{{color:#2e7d32}} .open{{color:#ef6c00}}
footer{{margin-top:24px;color:#666;font-size:13px}}
</style></head><body>{body}</body></html>"""
