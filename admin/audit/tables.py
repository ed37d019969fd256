"""The audit log in the admin: read-only, appended to by every workflow."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig

from admin.assessment.tables import USE_FORMS
from admin.common import read_only
from tables.audit import AuditLog

GROUP = "审计"


def audit_tables() -> list[TableConfig]:
    return [TableConfig(AuditLog, menu_group=GROUP, validators=read_only(USE_FORMS))]
