"""Chinese titles and labels of the certification domain in the admin (省级示范零工市场认定)."""

from __future__ import annotations

from piccolo.table import Table

from admin.extension.crud import Titles
from tables import certification as t

TITLES: dict[type[Table], Titles] = {
    t.CertificationStandard: Titles(
        table="认定标准",
        columns={
            "id": "编号",
            "year": "年度",
            "name": "名称",
            "pass_score": "总分合格线",
            "relaxed_pass_score": "山区海岛县总分合格线",
            "min_months_operating": "申报前须运营月数",
            "publicity_days": "公示天数",
        },
    ),
    t.CertificationItem: Titles(
        table="认定标准项目",
        columns={
            "id": "编号",
            "standard": "认定标准",
            "position": "排序",
            "title": "项目名称",
            "pass_threshold": "本项合格分",
            "relaxed_threshold": "山区海岛县本项合格分",
        },
    ),
    t.CertificationCriterion: Titles(
        table="评分细则",
        columns={
            "id": "编号",
            "item": "标准项目",
            "position": "排序",
            "text": "细则内容",
            "max_score": "满分",
        },
    ),
    t.CertificationApplication: Titles(
        table="认定申报",
        columns={
            "id": "编号",
            "market": "零工市场",
            "standard": "认定标准",
            "year": "申报年度",
            "status": "申报状态",
            "submitted_by": "申报人（类型:编号）",
            "submitted_at": "申报时间",
            "city_recommended_at": "市级推荐时间",
            "city_recommended_by": "市级推荐人",
            "assessed_at": "省级评审时间",
            "assessed_by": "省级评审人",
            "total_score": "评审总分",
            "publicity_starts_on": "公示开始日期",
            "publicity_ends_on": "公示结束日期",
            "decided_at": "认定决定时间",
            "decided_by": "认定决定人",
            "decision_note": "决定说明",
            "version": "版本",
        },
        labels={
            "status": {
                "SUBMITTED": "已申报",
                "CITY_RECOMMENDED": "市级已推荐",
                "PROVINCE_ASSESSED": "省级已评审",
                "PUBLICISED": "公示中",
                "CERTIFIED": "已认定",
                "REJECTED": "未通过",
                "REVOKED": "已撤销",
            }
        },
        users=frozenset({"city_recommended_by", "assessed_by", "decided_by"}),
    ),
    t.CertificationScore: Titles(
        table="评分明细",
        columns={
            "id": "编号",
            "application": "认定申报",
            "criterion": "评分细则",
            "self_score": "自评分",
            "self_note": "自评说明",
            "assessor_score": "评审得分",
            "assessor_id": "评审人",
        },
        users=frozenset({"assessor_id"}),
    ),
    t.CertificationEvidence: Titles(
        table="证明材料",
        columns={
            "id": "编号",
            "application": "认定申报",
            "criterion": "评分细则",
            "title": "材料名称",
            "file": "文件",
            "uploaded_at": "上传时间",
        },
    ),
    t.CertificationObjection: Titles(
        table="公示异议",
        columns={
            "id": "编号",
            "application": "认定申报",
            "received_on": "收到日期",
            "summary": "异议内容",
            "upheld": "异议成立",
            "resolution": "处理结果",
            "recorded_by": "登记人",
        },
        users=frozenset({"recorded_by"}),
    ),
    t.DemonstrationCertificate: Titles(
        table="示范零工市场证书",
        columns={
            "id": "编号",
            "market": "零工市场",
            "application": "认定申报",
            "year": "认定年度",
            "certificate_no": "证书编号",
            "certified_at": "认定时间",
            "revoked_on": "撤销日期",
            "revoked_reason": "撤销原因",
        },
    ),
}
