"""Builds the Piccolo Admin app: zh-CN, readable foreign keys, Chinese choice labels, guards."""

from __future__ import annotations

from datetime import timedelta

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import TableConfig, create_admin
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.crud.validators import Validators
from piccolo_api.rate_limiting.middleware import InMemoryLimitProvider
from piccolo_api.session_auth.tables import SessionsBase

from admin import guards
from admin.assessment import assessment_tables
from admin.certification import certification_tables
from admin.dashboard import PATH as TARGETS_DASHBOARD
from admin.forms.assessment import assessment_forms
from admin.forms.certification import certification_forms
from admin.forms.employer import employer_forms, employer_tables
from admin.forms.job_posting import job_posting_tables
from admin.forms.worker import worker_tables
from settings import get_settings
from tables import market as t
from tables.occupation import Occupation
from tables.operator import Operator
from tables.region import Region

DIRECTORY = "名录库"
REFERENCE = "基础数据"
SYSTEM = "系统"


def table_configs() -> list[TableConfig]:
    configs = [
        TableConfig(
            t.Market,
            menu_group=DIRECTORY,
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
                Hook(HookType.pre_save, guards.market_pre_save),
                Hook(HookType.pre_patch, guards.market_pre_patch),
            ],
        ),
        TableConfig(
            t.MarketOpeningPeriod,
            menu_group=DIRECTORY,
            hooks=[
                Hook(HookType.pre_save, guards.opening_period_pre_save),
                Hook(HookType.pre_patch, guards.opening_period_pre_patch),
            ],
        ),
        TableConfig(t.MarketOccupation, menu_group=DIRECTORY),
        TableConfig(
            Operator,
            menu_group=DIRECTORY,
            hooks=[
                Hook(HookType.pre_save, guards.operator_pre_save),
                Hook(HookType.pre_patch, guards.operator_pre_patch),
            ],
        ),
        *certification_tables(),
        TableConfig(
            Region, menu_group=REFERENCE, visible_filters=[Region.code, Region.name, Region.level]
        ),
        TableConfig(Occupation, menu_group=REFERENCE),
        *worker_tables(),
        *employer_tables(),
        *job_posting_tables(),
        *assessment_tables(),
        TableConfig(BaseUser, menu_group=SYSTEM),
    ]
    for config in configs:
        # PUT skips every hook, so it would bypass the guards: refuse it on every table. New
        # lists, never in-place edits: Validators' defaults are shared mutable lists.
        validators = config.validators or Validators()
        validators.put_single = [guards.reject_put, *validators.put_single]
        config.validators = validators
    return configs


def create_admin_app(production: bool):
    return create_admin(
        tables=table_configs(),
        forms=[*certification_forms(), *employer_forms(), *assessment_forms()],
        sidebar_links={"目标进度看板": TARGETS_DASHBOARD},
        auth_table=BaseUser,
        session_table=SessionsBase,
        site_name=get_settings().admin_site_name,
        default_language_code="zh-CN",
        production=production,
        # The default blocks an IP forever after 20 login requests; 15 minutes is enough.
        rate_limit_provider=InMemoryLimitProvider(limit=20, timespan=300, block_duration=900),
        session_expiry=timedelta(hours=8),
        max_session_expiry=timedelta(days=1),
    )
