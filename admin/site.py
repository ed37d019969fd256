"""Builds the Piccolo Admin app from every domain's tables and forms; nothing else lives here."""

from __future__ import annotations

from datetime import timedelta

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import TableConfig, create_admin
from piccolo_api.crud.validators import Validators
from piccolo_api.rate_limiting.middleware import InMemoryLimitProvider
from piccolo_api.session_auth.tables import SessionsBase

from admin.assessment.forms import assessment_forms
from admin.assessment.tables import assessment_tables
from admin.audit.tables import audit_tables
from admin.auth.tables import auth_tables
from admin.certification.forms import certification_forms
from admin.certification.tables import certification_tables
from admin.common import reject_put
from admin.employer.forms import employer_forms
from admin.employer.tables import employer_tables
from admin.job_posting.tables import job_posting_tables
from admin.market.tables import market_tables
from admin.operator.tables import operator_tables
from admin.reference.tables import reference_tables
from admin.statistics.dashboard import PATH as TARGETS_DASHBOARD
from admin.worker.tables import worker_tables
from settings import get_settings


def table_configs() -> list[TableConfig]:
    # The order is the sidebar's order within each menu group.
    configs = [
        *market_tables(),
        *operator_tables(),
        *certification_tables(),
        *reference_tables(),
        *worker_tables(),
        *employer_tables(),
        *job_posting_tables(),
        *assessment_tables(),
        *audit_tables(),
        *auth_tables(),
    ]
    for config in configs:
        # PUT skips every hook, so it would bypass the guards: refuse it on every table. New
        # lists, never in-place edits: Validators' defaults are shared mutable lists.
        validators = config.validators or Validators()
        validators.put_single = [reject_put, *validators.put_single]
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
