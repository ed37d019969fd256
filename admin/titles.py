"""Every domain's Chinese titles for the admin, gathered (see admin/extension/crud.py)."""

from __future__ import annotations

from dataclasses import replace

from piccolo.table import Table

from admin.assessment.titles import TITLES as ASSESSMENT
from admin.assistance.titles import TITLES as ASSISTANCE
from admin.audit.titles import TITLES as AUDIT
from admin.auth.titles import TITLES as AUTH
from admin.certification.titles import TITLES as CERTIFICATION
from admin.employer.titles import TITLES as EMPLOYER
from admin.extension.crud import Titles
from admin.job_posting.titles import TITLES as JOB_POSTING
from admin.market.titles import TITLES as MARKET
from admin.operator.titles import TITLES as OPERATOR
from admin.policy.titles import TITLES as POLICY
from admin.reference.titles import TITLES as REFERENCE
from admin.rights_case.titles import TITLES as RIGHTS_CASE
from admin.subsidy.titles import TITLES as SUBSIDY
from admin.training.titles import TITLES as TRAINING
from admin.worker.titles import TITLES as WORKER
from tables.audit import AuditLog

DOMAINS = (
    MARKET,
    OPERATOR,
    CERTIFICATION,
    REFERENCE,
    WORKER,
    EMPLOYER,
    JOB_POSTING,
    RIGHTS_CASE,
    TRAINING,
    SUBSIDY,
    POLICY,
    ASSISTANCE,
    ASSESSMENT,
    AUDIT,
    AUTH,
)


def all_titles() -> dict[type[Table], Titles]:
    merged: dict[type[Table], Titles] = {}
    for titles in DOMAINS:
        merged.update(titles)
    # The audit log names the audited table by its table name: show its Chinese title.
    audit = merged[AuditLog]
    entity_types = {table._meta.tablename: t.table for table, t in merged.items()}
    merged[AuditLog] = replace(audit, labels={**audit.labels, "entity_type": entity_types})
    return merged
