"""Admin tables of the market directory (名录库): markets, opening hours, occupations served,
the publications of the market list."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType

from admin.common import read_only
from admin.market.guards import (
    market_pre_patch,
    market_pre_save,
    opening_period_pre_patch,
    opening_period_pre_save,
)
from tables import market as t

GROUP = "名录库"
PUBLISHED_ONLY = "发布记录只读：请用表单“发布名录清单”发布新一期"


def market_tables() -> list[TableConfig]:
    return [
        TableConfig(
            t.Market,
            menu_group=GROUP,
            visible_columns=[
                t.Market.id,
                t.Market.name,
                t.Market.station_type,
                t.Market.ownership,
                t.Market.region,
                t.Market.operator,
                t.Market.status,
            ],
            visible_filters=[
                t.Market.name,
                t.Market.kind,
                t.Market.ownership,
                t.Market.station_type,
                t.Market.region,
                t.Market.operator,
                t.Market.status,
            ],
            hooks=[
                Hook(HookType.pre_save, market_pre_save),
                Hook(HookType.pre_patch, market_pre_patch),
            ],
        ),
        TableConfig(
            t.MarketOpeningPeriod,
            menu_group=GROUP,
            hooks=[
                Hook(HookType.pre_save, opening_period_pre_save),
                Hook(HookType.pre_patch, opening_period_pre_patch),
            ],
        ),
        TableConfig(t.MarketOccupation, menu_group=GROUP),
        # Written only by a publication (the form 发布名录清单 or `lingong publish-directory`).
        TableConfig(
            t.DirectoryPublication,
            menu_group=GROUP,
            visible_columns=[
                t.DirectoryPublication.id,
                t.DirectoryPublication.published_at,
                t.DirectoryPublication.market_count,
                t.DirectoryPublication.station_count,
                t.DirectoryPublication.byte_size,
                t.DirectoryPublication.published_by,
            ],
            validators=read_only(PUBLISHED_ONLY),
        ),
    ]
