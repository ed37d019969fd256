"""Builds the Piccolo Admin app from every domain's tables and forms; nothing else lives here."""

from __future__ import annotations

from datetime import timedelta

from piccolo_admin.endpoints import FormConfig, TableConfig, create_admin
from piccolo_api.crud.validators import Validators
from piccolo_api.rate_limiting.middleware import InMemoryLimitProvider
from piccolo_api.session_auth.tables import SessionsBase
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, Router

from admin.assessment.forms import ROW_ACTIONS as assessment_actions
from admin.assessment.forms import assessment_forms
from admin.assessment.tables import assessment_tables
from admin.assistance.forms import ROW_ACTIONS as assistance_actions
from admin.assistance.forms import assistance_forms
from admin.assistance.tables import FILTERS as assistance_filters
from admin.assistance.tables import FIRST as assistance_first
from admin.assistance.tables import assistance_tables
from admin.audit.tables import audit_tables
from admin.auth.guards import StaffUser
from admin.auth.tables import auth_tables
from admin.certification.forms import ROW_ACTIONS as certification_actions
from admin.certification.forms import certification_forms
from admin.certification.tables import certification_tables
from admin.common import is_read_only, reject_put
from admin.employer.forms import ROW_ACTIONS as employer_actions
from admin.employer.forms import employer_forms
from admin.employer.tables import employer_tables
from admin.extension.bundle import BUNDLE_NAME, bundle
from admin.extension.crud import (
    REGISTRY,
    register,
    register_filters,
    register_first_order,
    register_scoped,
    staff_crud,
)
from admin.extension.translation import ZH_CN
from admin.job_posting.tables import job_posting_tables
from admin.market.filters import FILTERS as market_filters
from admin.market.forms import ROW_ACTIONS as market_actions
from admin.market.forms import market_forms
from admin.market.tables import market_tables
from admin.operator.tables import operator_tables
from admin.policy.forms import ROW_ACTIONS as policy_actions
from admin.policy.forms import policy_forms
from admin.policy.tables import policy_tables
from admin.reference.tables import reference_tables
from admin.rights_case.filters import FILTERS as rights_case_filters
from admin.rights_case.filters import FIRST as rights_case_first
from admin.rights_case.forms import ROW_ACTIONS as rights_case_actions
from admin.rights_case.forms import rights_case_forms
from admin.rights_case.tables import rights_case_tables
from admin.scopes import SCOPED
from admin.statistics.charts import PATH as STATISTICS_CHARTS
from admin.statistics.dashboard import PATH as TARGETS_DASHBOARD
from admin.statistics.worklist import worklist
from admin.subsidy.forms import ROW_ACTIONS as subsidy_actions
from admin.subsidy.forms import subsidy_forms
from admin.subsidy.tables import subsidy_tables
from admin.titles import all_titles
from admin.training.forms import ROW_ACTIONS as training_actions
from admin.training.forms import training_forms
from admin.training.tables import training_tables
from admin.worker.forms import ROW_ACTIONS as worker_actions
from admin.worker.forms import worker_forms
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
        *rights_case_tables(),
        *training_tables(),
        *subsidy_tables(),
        *policy_tables(),
        *assistance_tables(),
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


def create_admin_app(production: bool) -> Router:
    """Piccolo Admin with our extensions (admin/extension): StaffCRUD for every table, our
    zh-CN wording, and the patched bundle served in place of the shipped one."""
    configs = table_configs()
    forms = all_forms()
    register(all_titles())
    register_filters(market_filters)
    register_scoped(SCOPED)
    register_filters(rights_case_filters)
    register_first_order(rights_case_first)
    register_filters(assistance_filters)
    register_first_order(assistance_first)
    with staff_crud():
        admin = _piccolo_admin(configs, forms, production)
    fields = {n: title for t in REGISTRY.values() for n, title in t.columns.items()}
    for form in forms:
        for name, info in form.pydantic_model.model_fields.items():
            fields[name] = info.title or fields.get(name, name)
    script = bundle(
        tables={name: t.table for name, t in REGISTRY.items()},
        columns={name: t.columns for name, t in REGISTRY.items()},
        read_only=[c.table_class._meta.tablename for c in configs if is_read_only(c.validators)],
        fields=fields,
        actions=row_actions(),
    )

    async def serve_bundle(request: Request) -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8")

    return Router(
        routes=[
            Route(f"/assets/{BUNDLE_NAME}", serve_bundle),
            Route("/worklist/", worklist),
            Mount("/", admin),
        ]
    )


def row_actions() -> dict[str, list[dict]]:
    """Every domain's row actions, by table name, for the bundle."""
    merged: dict[str, list[dict]] = {}
    for actions in (
        market_actions,
        employer_actions,
        certification_actions,
        assessment_actions,
        rights_case_actions,
        training_actions,
        subsidy_actions,
        policy_actions,
        assistance_actions,
        worker_actions,
    ):
        for table, items in actions.items():
            merged.setdefault(table._meta.tablename, []).extend(a.to_json() for a in items)
    return merged


def all_forms() -> list[FormConfig]:
    return [
        *market_forms(),
        *certification_forms(),
        *employer_forms(),
        *assessment_forms(),
        *rights_case_forms(),
        *training_forms(),
        *subsidy_forms(),
        *policy_forms(),
        *assistance_forms(),
        *worker_forms(),
    ]


def _piccolo_admin(configs: list[TableConfig], forms: list[FormConfig], production: bool):
    return create_admin(
        tables=configs,
        translations=[ZH_CN],
        forms=forms,
        sidebar_links={"目标进度看板": TARGETS_DASHBOARD, "动态监测图表": STATISTICS_CHARTS},
        # Sign-in with the per-account lock and the staff password policy (admin/auth/guards).
        auth_table=StaffUser,
        session_table=SessionsBase,
        site_name=get_settings().admin_site_name,
        # Behind the TLS proxy the CSRF check compares Origin/Referer with these host names
        # (LINGONG_ALLOWED_HOSTS); without them every login and write over HTTPS is refused.
        allowed_hosts=list(get_settings().allowed_hosts),
        default_language_code="zh-CN",
        production=production,
        # The default blocks an IP forever after 20 login requests; 15 minutes is enough.
        rate_limit_provider=InMemoryLimitProvider(limit=20, timespan=300, block_duration=900),
        # Idle sessions end after LINGONG_ADMIN_IDLE_MINUTES: a request in the second half of
        # the window extends it by half, so it never runs longer than the window past the
        # last request; LINGONG_ADMIN_SESSION_HOURS is the absolute limit.
        session_expiry=timedelta(minutes=get_settings().admin_idle_minutes),
        increase_expiry=timedelta(minutes=get_settings().admin_idle_minutes / 2),
        max_session_expiry=timedelta(hours=get_settings().admin_session_hours),
    )
