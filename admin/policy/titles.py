"""Chinese titles and labels of the policy domain in the admin (政策智推)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import policy as t


def _labels(choices) -> dict[str, str]:
    return {c.value.value: c.value.display_name for c in choices}


TITLES: dict[type[Table], Titles] = {
    t.PolicyItem: Titles(
        table="政策条目",
        columns={
            "id": "编号",
            "title": "标题",
            "summary": "摘要",
            "body": "正文",
            "issuing_document": "发文字号",
            "clause": "条款",
            "effective_from": "生效日期",
            "effective_to": "失效日期",
            "regions": "适用地区",
            "assistance_categories": "就业援助类别",
            "occupations": "适用工种",
            "roles": "适用对象",
            "service_tiers": "分级服务等级",
            "status": "状态",
            "published_at": "发布时间",
            "withdrawn_at": "撤回时间",
            "version": "版本",
            "created_at": "创建时间",
            "updated_at": "更新时间",
        },
        labels={
            "status": _labels(t.PolicyStatus),
            "roles": _labels(t.AudienceRole),
            "regions": _labels(t.RegionChoice),
            "assistance_categories": _labels(t.AssistanceChoice),
            "occupations": _labels(t.OccupationChoice),
            "service_tiers": _labels(t.ServiceTier),
        },
    )
}
