"""The certification standard as data: the default standard and loading a year's standard."""

from __future__ import annotations

import math

from services.certification.scoring import CriterionSpec, ItemSpec, StandardSpec
from services.db import current_engine
from tables.certification import (
    CertificationCriterion,
    CertificationItem,
    CertificationStandard,
)

DEFAULT_YEAR = 2023
DEFAULT_NAME = "浙江省省级示范零工市场建设和服务标准（{year}年版）"
DEFAULT_PASS_SCORE = 80
DEFAULT_RELAXED_PASS_SCORE = 75
# Item thresholds: 60 % of the item's points, 50 % in mountain and island counties.
ITEM_PASS_SHARE = 0.6
ITEM_RELAXED_SHARE = 0.5

# (item title, [(criterion, max score)]); each criterion names the policy clause it derives from.
DEFAULT_ITEMS: list[tuple[str, list[tuple[str, int]]]] = [
    (
        "总则",
        [
            (
                "名称符合“市或县（市、区）+具体位置+（综合或行业性）零工市场”规则，标识悬挂于入口显著位置（（四））",
                4,
            ),
            (
                "明确建设、管护、服务保障责任单位，零工市场建设纳入当地民生实事和部门考核（（六）（十八））",
                3,
            ),
            ("机构、人员、经费、场地、制度、工作“六到位”，有专兼职工作人员队伍（（十九））", 3),
        ],
    ),
    (
        "服务场地",
        [
            ("选址交通便利、求职人员集中，方便供求双方对接（（一）（二））", 5),
            (
                "设置综合服务区及专门服务窗口，提供求职（用工）登记、技能培训、劳动维权、政策咨询（（五））",
                6,
            ),
            ("设置岗位对接区，含劳务交易洽谈和求职用工信息发布两个功能区域（（五））", 6),
            ("有条件的设置超市、餐饮等生活服务区（（五））", 3),
        ],
    ),
    (
        "服务设施",
        [
            ("洽谈交易、遮风避雨、防暑防寒等基础设施完善（（六））", 8),
            ("规范停车，车辆即停即走引导有序（（六）（八））", 4),
            (
                "落实秩序维护和安全管理要求，管理制度、业务流程、服务用语和服务行为统一规范（（六）（七））",
                8,
            ),
        ],
    ),
    (
        "服务功能",
        [
            ("开展“即时快招”：快速发布信息、现场对接洽谈、即时确认结果、当日面试到岗（（八））", 8),
            ("提供培训信息和培训政策推介，组织参加职业技能和创业培训（（九））", 4),
            ("对大龄、困难灵活就业人员分级服务，优先“一对一”对接和就业援助（（十））", 4),
            ("提供劳动维权和用工矛盾调处服务（（十三）（十六））", 4),
        ],
    ),
    (
        "线上服务",
        [
            (
                "接入“浙里找零工”线上服务平台，提供求职招聘、技能培训、政策智推、权益保障一站式服务（（十二））",
                6,
            ),
            (
                "通过网站、公众号、短视频等多渠道发布零工信息，开展直播带岗、线上点单线下确认（（三）（八））",
                5,
            ),
            ("纳入零工市场名录库，定期公布地址、运行时间、职业（工种）和联系方式（（二十））", 4),
        ],
    ),
    (
        "服务成效",
        [
            ("按月如实报送求职登记、岗位发布、对接成功等数据，无弄虚作假（（二十））", 5),
            ("供需对接成功率和当日到岗率较高，帮扶困难人员就业成效明显（（八）（十））", 5),
            ("零工和用工主体满意度高，无查实的恶意欠薪、就业歧视案件（（十六））", 5),
        ],
    ),
]


async def ensure_default_standard(year: int = DEFAULT_YEAR) -> int:
    """Create the default standard for `year` unless that year has one; never overwrites edits."""
    existing = (
        await CertificationStandard.select(CertificationStandard.id)
        .where(CertificationStandard.year == year)
        .first()
    )
    if existing:
        return existing["id"]
    async with current_engine().transaction():
        standard = CertificationStandard(
            year=year,
            name=DEFAULT_NAME.format(year=year),
            pass_score=DEFAULT_PASS_SCORE,
            relaxed_pass_score=DEFAULT_RELAXED_PASS_SCORE,
            min_months_operating=3,
            publicity_days=7,
        )
        await standard.save()
        for position, (title, criteria) in enumerate(DEFAULT_ITEMS, start=1):
            points = sum(score for _, score in criteria)
            item = CertificationItem(
                standard=standard.id,
                position=position,
                title=title,
                pass_threshold=math.ceil(points * ITEM_PASS_SHARE),
                relaxed_threshold=math.ceil(points * ITEM_RELAXED_SHARE),
            )
            await item.save()
            await CertificationCriterion.insert(
                *[
                    CertificationCriterion(item=item.id, position=n, text=text, max_score=score)
                    for n, (text, score) in enumerate(criteria, start=1)
                ]
            )
    return standard.id


async def standard_id_for_year(year: int) -> int | None:
    """The standard in force for `year`: that year's own, else the latest earlier one."""
    row = (
        await CertificationStandard.select(CertificationStandard.id)
        .where(CertificationStandard.year <= year)
        .order_by(CertificationStandard.year, ascending=False)
        .first()
    )
    return row["id"] if row else None


async def load_standard(standard_id: int) -> StandardSpec:
    """The standard with its items and criteria, in display order (three statements).

    Callers pass a standard's id from a NOT NULL foreign key or one just looked up, so a missing
    one is a broken invariant: it raises LookupError rather than a TypeError on `None`."""
    row = (
        await CertificationStandard.select().where(CertificationStandard.id == standard_id).first()
    )
    if row is None:
        raise LookupError(f"certification standard {standard_id} does not exist")
    items = (
        await CertificationItem.select()
        .where(CertificationItem.standard == standard_id)
        .order_by(CertificationItem.position)
        .order_by(CertificationItem.id)
    )
    criteria = (
        await CertificationCriterion.select()
        .where(CertificationCriterion.item.is_in([i["id"] for i in items] or [0]))
        .order_by(CertificationCriterion.position)
        .order_by(CertificationCriterion.id)
    )
    return to_spec(row, items, criteria)


def to_spec(row: dict, items: list[dict], criteria: list[dict]) -> StandardSpec:
    """A standard's spec from its row, its items and their criteria, each list already in
    (position, id) order; also what a page of certification applications builds from its JSON."""
    return StandardSpec(
        id=row["id"],
        year=row["year"],
        name=row["name"],
        pass_score=row["pass_score"],
        relaxed_pass_score=row["relaxed_pass_score"],
        min_months_operating=row["min_months_operating"],
        publicity_days=row["publicity_days"],
        items=tuple(
            ItemSpec(
                id=i["id"],
                title=i["title"],
                pass_threshold=i["pass_threshold"],
                relaxed_threshold=i["relaxed_threshold"],
                criteria=tuple(
                    CriterionSpec(
                        id=c["id"], item_id=i["id"], text=c["text"], max_score=c["max_score"]
                    )
                    for c in criteria
                    if c["item"] == i["id"]
                ),
            )
            for i in items
        ),
    )
