"""Admin tables of the certification domain."""

from __future__ import annotations

from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.media.base import ALLOWED_EXTENSIONS
from piccolo_api.media.local import LocalMediaStorage

from admin.certification.guards import (
    application_pre_patch,
    evidence_pre_delete,
    evidence_pre_patch,
    evidence_pre_save,
    locked,
    refuse_patch,
    score_pre_patch,
    standard_hooks,
)
from settings import get_settings
from tables import certification as t

GROUP = "示范零工市场认定"


def evidence_storage() -> LocalMediaStorage:
    media = get_settings().sqlite_path.parent / "media" / "certification_evidence"
    media.mkdir(parents=True, exist_ok=True)
    return LocalMediaStorage(
        column=t.CertificationEvidence.file,
        media_path=str(media),
        # Chinese file names such as 营业执照.pdf are the norm here.
        allowed_characters=None,
        allowed_extensions=(*ALLOWED_EXTENSIONS, "doc", "docx", "xls", "xlsx"),
    )


def certification_tables() -> list[TableConfig]:
    A = t.CertificationApplication
    return [
        TableConfig(
            t.CertificationStandard,
            menu_group=GROUP,
            hooks=standard_hooks("certification_standard"),
        ),
        TableConfig(
            t.CertificationItem, menu_group=GROUP, hooks=standard_hooks("certification_item")
        ),
        TableConfig(
            t.CertificationCriterion,
            menu_group=GROUP,
            hooks=standard_hooks("certification_criterion"),
        ),
        TableConfig(
            A,
            menu_group=GROUP,
            visible_columns=[A.id, A.market, A.year, A.status, A.total_score, A.publicity_ends_on],
            visible_filters=[A.market, A.year, A.status],
            hooks=locked(Hook(HookType.pre_patch, application_pre_patch)),
        ),
        TableConfig(
            t.CertificationScore,
            menu_group=GROUP,
            hooks=locked(Hook(HookType.pre_patch, score_pre_patch)),
        ),
        TableConfig(
            t.CertificationEvidence,
            menu_group=GROUP,
            media_storage=[evidence_storage()],
            hooks=[
                Hook(HookType.pre_save, evidence_pre_save),
                Hook(HookType.pre_patch, evidence_pre_patch),
                Hook(HookType.pre_delete, evidence_pre_delete),
            ],
        ),
        TableConfig(
            t.CertificationObjection,
            menu_group=GROUP,
            hooks=locked(Hook(HookType.pre_patch, refuse_patch)),
        ),
        TableConfig(
            t.DemonstrationCertificate,
            menu_group=GROUP,
            hooks=locked(Hook(HookType.pre_patch, refuse_patch)),
        ),
    ]
