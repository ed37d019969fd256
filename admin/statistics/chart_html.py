"""The monitoring chart page's HTML: scope and period form, one chart per figure with its
definition and source, and the figures as a table.

Serves staff: rendered by admin/statistics/charts.py for the signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode

from admin.statistics.chart_figures import METRICS, Metric, change_text
from admin.statistics.chart_scope import Chosen, Option
from admin.statistics.dashboard import PATH as TARGETS_PATH
from admin.statistics.svg import Point, bar_chart, line_chart
from services.statistics.periods import Granularity
from services.statistics.report import Report

GRANULARITIES = {Granularity.MONTH: "按月", Granularity.WEEK: "按周", Granularity.DAY: "按日"}


@dataclass(frozen=True)
class View:
    path: str
    csv_path: str
    chosen: Chosen
    start: date
    end: date
    granularity: Granularity
    username: str
    staff_region: str
    groups: list[tuple[str, list[Option]]]
    generated: str  # 2026-12-03 22:05 (Asia/Shanghai)

    def params(self) -> str:
        return urlencode(
            {
                "scope": self.chosen.key,
                "from": self.start.isoformat(),
                "to": self.end.isoformat(),
                "granularity": self.granularity.value,
            }
        )


def _select(view: View) -> str:
    groups = []
    for label, options in view.groups:
        items = "".join(
            f'<option value="{escape(o.value)}"{" selected" if o.value == view.chosen.key else ""}>'
            f"{escape(o.label)}</option>"
            for o in options
        )
        groups.append(f'<optgroup label="{escape(label)}">{items}</optgroup>')
    return f'<select name="scope" id="scope">{"".join(groups)}</select>'


def form(view: View) -> str:
    granularity = "".join(
        f'<option value="{g.value}"{" selected" if g == view.granularity else ""}>{label}</option>'
        for g, label in GRANULARITIES.items()
    )
    return (
        f'<form method="get" action="{view.path}" class="query">'
        f'<label for="scope">统计范围</label> {_select(view)} '
        f'<label>起始日期 <input type="date" name="from" value="{view.start.isoformat()}"></label> '
        f'<label>截止日期 <input type="date" name="to" value="{view.end.isoformat()}"></label> '
        f'<label>统计粒度 <select name="granularity">{granularity}</select></label> '
        '<button type="submit">查看</button></form>'
    )


def _chart(metric: Metric, r: Report) -> str:
    points = [
        Point(p.label, metric.value(f), metric.text(f))
        for p, f in zip(r.periods, r.series, strict=True)
    ]
    draw = line_chart if metric.is_level else bar_chart
    svg = draw(f"{metric.title}（{metric.unit}）", points, metric.unit, "各期均无数据")
    total = metric.text(r.total)
    before = metric.text(r.previous_total)
    return (
        f'<figure class="metric" data-metric="{metric.key}">'
        f"<figcaption>{escape(metric.title)}（{escape(metric.unit)}）</figcaption>{svg}"
        f'<p class="sum">本期合计 <b data-total="{metric.key}">{escape(total)}</b>；'
        f"上期 {escape(before)}；变化 {escape(change_text(metric, r.change))}</p>"
        f'<p class="def">口径：{escape(metric.definition.meaning)}</p>'
        f'<p class="def">来源：{escape(metric.source)}</p></figure>'
    )


def table(r: Report) -> str:
    head = "".join(f"<th>{escape(m.title)}（{escape(m.unit)}）</th>" for m in METRICS)
    rows = []
    for p, f in zip(r.periods, r.series, strict=True):
        cells = "".join(
            f'<td data-period="{p.label}" data-metric="{m.key}">{escape(m.text(f))}</td>'
            for m in METRICS
        )
        rows.append(f"<tr><th>{escape(p.label)}</th>{cells}</tr>")
    total = "".join(
        f'<td data-period="合计" data-metric="{m.key}">{escape(m.text(r.total))}</td>'
        for m in METRICS
    )
    rows.append(f"<tr class='total'><th>合计</th>{total}</tr>")
    return f'<table class="figures"><tr><th>期间</th>{head}</tr>{"".join(rows)}</table>'


def render(view: View, r: Report) -> str:
    first, last = r.periods[0], r.periods[-1]
    charts = "".join(_chart(m, r) for m in METRICS)
    return f"""
<header><h1>动态监测图表 · {escape(view.chosen.name)}</h1>
<p class="who">当前用户：{escape(view.username)}（管辖范围：{escape(view.staff_region)}） ·
<a href="{TARGETS_PATH}">目标进度看板</a> · <a href="/admin/">返回管理后台</a></p>
{form(view)}
<p class="range">统计范围：{escape(view.chosen.kind)} {escape(view.chosen.name)}；期间：
{first.starts_on.isoformat()} 至 {last.ends_on.isoformat()}（{GRANULARITIES[r.granularity]}，
{len(r.periods)} 期，北京时间）；上期：{r.previous_from.isoformat()} 至 {r.previous_to.isoformat()}。
<a class="csv" href="{view.csv_path}?{escape(view.params())}" download>下载 CSV</a></p></header>
<section><h2>各项指标</h2><div class="charts">{charts}</div></section>
<section><h2>数据表</h2>{table(r)}</section>
<footer>口径说明：期间按北京时间划分（周为周一至周日，如 2025-W09 为 2025 年第 9 周）；起止日期所在的整期都计入。
工作人员可见全部数字；对外公开时 1 至 4 人的格子不显示，显示为“—（少于 5 人不显示）”。
金额单位为元。数据由平台业务记录实时计算，与对外提供的统计接口口径一致。生成于 {escape(view.generated)}（北京时间）。</footer>"""


def error_body(message: str, back: str) -> str:
    return (
        f"<header><h1>动态监测图表</h1></header><p class='error'>{escape(message)}</p>"
        f'<p><a href="{back}">返回动态监测图表</a> · <a href="/admin/">返回管理后台</a></p>'
    )


def page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(title)}</title><style>
body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}}
h1{{font-size:22px}} h2{{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px}}
table{{border-collapse:collapse;margin:8px 0}} td,th{{border:1px solid #ddd;padding:4px 8px;font-size:13px}}
td{{text-align:right}} svg text{{font-size:11px;fill:#444}} .charts{{display:flex;flex-wrap:wrap;gap:24px}}
figure{{margin:0;width:480px}} figcaption{{font-weight:bold;margin-bottom:4px}}
.def,.sum{{font-size:13px;margin:2px 0}} .def{{color:#555}} .error{{color:#c62828;font-size:16px}}
form.query{{margin:8px 0}} footer{{margin-top:24px;color:#666;font-size:13px}}
</style></head><body>{body}</body></html>"""
