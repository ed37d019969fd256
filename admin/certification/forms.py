"""Admin forms for the certification workflow; each one calls services/certification/workflow."""

from __future__ import annotations

import re
from datetime import date

from piccolo_admin.endpoints import FormConfig
from pydantic import BaseModel, Field
from starlette.requests import Request

from admin.common import ROW_ID, TEXT_AREA, RowAction, form, run_service, staff_id
from services.audit.rules import Actor
from services.certification import workflow
from services.certification.standard import (
    ensure_default_standard,
    load_standard,
    standard_id_for_year,
)
from services.problems import ServiceError
from tables.certification import (
    CertificationApplication,
    CertificationObjection,
    DemonstrationCertificate,
)
from tables.market import Market

GROUP = "示范零工市场认定"


SCORES_HELP = "按认定标准条目顺序（见“认定标准条目”表）填写，以逗号或空格分隔，例如 4,3,3,5,…"


_SEPARATORS = re.compile(r"[\s,，、;；]+")


def _actor(request: Request) -> Actor:
    return Actor("STAFF", staff_id(request))


def parse_scores(text: str, criterion_ids: list[int]) -> dict[int, int]:
    """Scores typed in the standard's criterion order → {criterion id: score}."""
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if not all(re.fullmatch(r"-?\d{1,3}", p) for p in parts):
        raise ValueError("分数只能是整数，以逗号或空格分隔")
    if len(parts) != len(criterion_ids):
        raise ValueError(f"须按顺序填写 {len(criterion_ids)} 个分数，实际填写了 {len(parts)} 个")
    return dict(zip(criterion_ids, (int(p) for p in parts), strict=True))


def _on_application(label: str, slug: str) -> RowAction:
    return RowAction(label, slug, {"application_id": ROW_ID})


ROW_ACTIONS = {
    Market: [RowAction("申报示范零工市场", "certification-submit", {"market_id": ROW_ID})],
    CertificationApplication: [
        _on_application("市级推荐", "certification-recommend"),
        _on_application("省级评审打分", "certification-assess"),
        _on_application("开始公示", "certification-publicise"),
        _on_application("登记公示异议", "certification-objection"),
        _on_application("认定为示范零工市场", "certification-certify"),
        _on_application("不予认定", "certification-reject"),
    ],
    CertificationObjection: [
        RowAction("处理公示异议", "certification-objection-resolve", {"objection_id": ROW_ID})
    ],
    DemonstrationCertificate: [
        RowAction("撤销认定", "certification-revoke", {"certificate_no": "$row.certificate_no"})
    ],
}


class SubmitModel(BaseModel):
    market_id: int = Field(title="零工市场编号")
    year: int = Field(title="申报年度")
    self_scores: str = Field(title="自评分", description=SCORES_HELP)
    evidence_titles: str = Field(
        default="",
        title="证明材料名称",
        description="每行一份；文件可在“证明材料”表上传",
        json_schema_extra=TEXT_AREA,
    )


async def submit(request: Request, data: SubmitModel) -> str:
    standard_id = await standard_id_for_year(data.year)
    if standard_id is None:
        raise ValueError("该年度尚无认定标准")
    standard = await load_standard(standard_id)
    scores = parse_scores(data.self_scores, [c.id for c in standard.criteria])
    evidence = [
        workflow.EvidenceDraft(title=line.strip())
        for line in data.evidence_titles.splitlines()
        if line.strip()
    ]
    try:
        app_id = await workflow.submit(
            data.market_id,
            data.year,
            [workflow.SelfAssessment(criterion_id=c, score=s) for c, s in scores.items()],
            evidence,
            _actor(request),
        )
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return f"已提交申报，申报编号 {app_id}"


class ApplicationModel(BaseModel):
    application_id: int = Field(title="申报编号")


class RecommendModel(ApplicationModel):
    note: str = Field(default="", title="推荐意见")


async def recommend(request: Request, data: RecommendModel) -> str:
    await run_service(workflow.recommend(data.application_id, _actor(request), data.note))
    return f"申报 {data.application_id} 已由市级推荐"


class AssessModel(ApplicationModel):
    scores: str = Field(title="评审得分", description=SCORES_HELP)


async def assess(request: Request, data: AssessModel) -> str:
    row = (
        await CertificationApplication.select(CertificationApplication.standard)
        .where(CertificationApplication.id == data.application_id)
        .first()
    )
    if row is None:
        raise ValueError("申报不存在")
    standard = await load_standard(row["standard"])
    scores = parse_scores(data.scores, [c.id for c in standard.criteria])
    try:
        evaluation = await workflow.assess(data.application_id, scores, _actor(request))
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    verdict = (
        "达到认定标准，可以公示" if evaluation.passed else "未达到认定标准，请作出不予认定决定"
    )
    return f"申报 {data.application_id} 评审总分 {evaluation.total}，{verdict}"


async def publicise(request: Request, data: ApplicationModel) -> str:
    try:
        starts, ends = await workflow.publicise(data.application_id, _actor(request))
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return f"申报 {data.application_id} 公示期 {starts.isoformat()} 至 {ends.isoformat()}"


class ObjectionModel(ApplicationModel):
    received_on: date = Field(title="收到日期")
    summary: str = Field(title="异议内容")


async def objection(request: Request, data: ObjectionModel) -> str:
    try:
        objection_id = await workflow.record_objection(
            data.application_id, data.received_on, data.summary, _actor(request)
        )
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return f"已登记异议，异议编号 {objection_id}"


class ResolveModel(BaseModel):
    objection_id: int = Field(title="异议编号")
    upheld: bool = Field(default=False, title="异议成立")
    resolution: str = Field(title="核查处理意见")


async def resolve(request: Request, data: ResolveModel) -> str:
    await run_service(
        workflow.resolve_objection(data.objection_id, data.upheld, data.resolution, _actor(request))
    )
    return "异议成立，该申报不能认定" if data.upheld else "异议不成立，已记录处理意见"


async def certify(request: Request, data: ApplicationModel) -> str:
    try:
        number = await workflow.certify(data.application_id, _actor(request))
    except ServiceError as exc:
        raise ValueError(str(exc)) from None
    return f"已认定为省级示范零工市场，证书编号 {number}"


class RejectModel(ApplicationModel):
    reason: str = Field(title="不予认定理由")


async def reject(request: Request, data: RejectModel) -> str:
    await run_service(workflow.reject(data.application_id, data.reason, _actor(request)))
    return f"申报 {data.application_id} 不予认定"


class RevokeModel(BaseModel):
    certificate_no: str = Field(title="证书编号")
    reason: str = Field(title="撤销理由")


async def revoke(request: Request, data: RevokeModel) -> str:
    await run_service(workflow.revoke(data.certificate_no, data.reason, _actor(request)))
    return f"证书 {data.certificate_no.strip()} 已撤销，该市场可重新申报"


class StandardModel(BaseModel):
    year: int = Field(default=2023, title="标准年度", ge=2023, le=2100)


async def default_standard(request: Request, data: StandardModel) -> str:
    standard_id = await ensure_default_standard(data.year)
    return f"{data.year} 年度认定标准已就绪（编号 {standard_id}），可在“认定标准”表中修改"


def certification_forms() -> list[FormConfig]:
    return [
        form(
            "certification-submit",
            "1 申报示范零工市场",
            SubmitModel,
            submit,
            "代零工市场提交申报（开业满3个月）",
            GROUP,
        ),
        form(
            "certification-recommend",
            "2 市级推荐",
            RecommendModel,
            recommend,
            "市级人力社保部门推荐已申报的市场",
            GROUP,
        ),
        form(
            "certification-assess",
            "3 省级评审打分",
            AssessModel,
            assess,
            "逐条评分；评审人为当前登录用户",
            GROUP,
        ),
        form(
            "certification-publicise",
            "4 开始公示",
            ApplicationModel,
            publicise,
            "评审达标后自今日起公示",
            GROUP,
        ),
        form(
            "certification-objection",
            "5 登记公示异议",
            ObjectionModel,
            objection,
            "公示期内收到的异议",
            GROUP,
        ),
        form(
            "certification-objection-resolve",
            "6 处理公示异议",
            ResolveModel,
            resolve,
            "记录核查结论",
            GROUP,
        ),
        form(
            "certification-certify",
            "7 认定示范零工市场",
            ApplicationModel,
            certify,
            "公示期满且无成立异议后认定并发证",
            GROUP,
        ),
        form(
            "certification-reject", "8 不予认定", RejectModel, reject, "任一在办阶段均可作出", GROUP
        ),
        form(
            "certification-revoke",
            "9 撤销认定",
            RevokeModel,
            revoke,
            "撤销后该市场可重新申报",
            GROUP,
        ),
        form(
            "certification-standard",
            "载入默认认定标准",
            StandardModel,
            default_standard,
            "为某一年度建立默认标准（已有则不覆盖）",
            GROUP,
        ),
    ]
