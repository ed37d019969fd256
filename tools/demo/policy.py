"""Demo policy items: the clauses of 浙人社发〔2023〕5号 that concern workers, employers and
operators, published through the rules (idempotent: an item already there is kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.audit.rules import SYSTEM
from services.policy import rules
from tables import policy as t

DOCUMENT = "浙人社发〔2023〕5号"
ISSUED = date(2023, 1, 19)
ALL_CATEGORIES = ("OLDER", "DISABLED", "LOW_INCOME", "LONG_WAITING")


@dataclass(frozen=True)
class DemoPolicy:
    clause: str
    title: str
    summary: str
    body: str
    roles: tuple[str, ...]
    categories: tuple[str, ...] = ()


# The policy's own words in `body`; `summary` says it plainly for the app's list.
# fmt: off
POLICIES = (
    DemoPolicy(
        "（二）", "零工市场免费提供对接洽谈场地",
        "在零工市场与用工主体、职业中介机构当面洽谈，场地免费。",
        "合理利用现有公共就业服务机构、人力资源服务市场、社区、党群服务中心、矛调中心、农村经济合作社等场地资源，"
        "设立零工对接服务专区或分时分区共享场地设施，适应零工对接特点，提前服务大厅开放时间，"
        "为灵活就业人员与用工主体、职业中介机构当面对接洽谈提供免费场地。",
        ("WORKER", "EMPLOYER"),
    ),
    DemoPolicy(
        "（八）", "“即时快招”：快速发布、现场对接、当日到岗",
        "零工市场为零工和用工主体提供快速发布信息、现场对接洽谈、即时确认结果、当日面试到岗等服务。",
        "结合零工需求，突出“即时快招”服务模式，为灵活就业人员与用工主体提供快速发布信息、现场对接洽谈、"
        "即时确认结果、当日面试到岗等服务。优化零工快速对接流程手续，简化求职招聘登记表格事项，"
        "设立零工信息快速发布通道，引导分职业（工种、岗位）对接洽谈。",
        ("WORKER", "EMPLOYER"),
    ),
    DemoPolicy(
        "（九）", "职业培训补贴和培训期间生活费补贴",
        "参加急需紧缺职业、新职业技能培训或创业培训，符合条件的按规定享受职业培训补贴和培训期间生活费补贴。",
        "引导有培训需求的灵活就业人员参加急需紧缺职业技能培训和新职业技能培训，组织有创业意愿的灵活就业人员参加创业培训。"
        "创新开展线上线下相结合的培训方式，支持灵活就业人员灵活选择培训时间和培训方式，"
        "对符合条件的按规定落实职业培训补贴和培训期间生活费补贴。",
        ("WORKER",),
    ),
    DemoPolicy(
        "（十）", "困难零工优先“一对一”对接和个性化就业援助",
        "待工时间长、低收入家庭、残疾等大龄和困难零工，优先安排与合适的用工主体“一对一”洽谈，并可获得个性化就业援助。",
        "建立灵活就业人员分级服务机制，对待工时间长、低收入家庭、残疾等大龄和困难灵活就业人员加强就业帮扶，"
        "优先组织其与适合的用工主体开展“一对一”对接洽谈。对符合就业困难人员条件的，按规定开展个性化就业援助，"
        "明确服务项目和步骤，组织参加职业培训，跟踪解决就业过程中的困难和问题。",
        ("WORKER",), ALL_CATEGORIES,
    ),
    DemoPolicy(
        "（十）", "公益性岗位托底安置",
        "通过市场渠道难以就业且符合条件的困难零工，可通过非全日制公益性岗位安置。",
        "适当扩大非全日制公益性岗位开发，对其中通过市场渠道难以实现就业创业且符合条件的，可通过公益性岗位予以安置。",
        ("WORKER",), ALL_CATEGORIES,
    ),
    DemoPolicy(
        "（十）", "优先招用困难灵活就业人员",
        "零工市场引导用工主体优先招用大龄、残疾、低收入家庭等困难零工。",
        "引导用工主体优先招用困难灵活就业人员。",
        ("EMPLOYER",),
    ),
    DemoPolicy(
        "（十一）", "公益性零工市场第三方运营绩效奖励",
        "受托运营公益性零工市场的第三方机构，可按工作量和服务成效获得绩效奖励。",
        "对于委托第三方运营管理的公益性零工市场，各地要制定完善公益性零工市场考核办法，"
        "可按照工作量和服务成效给予第三方运营机构一定的绩效奖励。",
        ("OPERATOR",),
    ),
    DemoPolicy(
        "（十一）", "非公益性零工市场承担公益服务的就业创业服务补贴",
        "市场化运营的零工市场承担政府公益性零工服务的，可按规定享受就业创业服务补贴。",
        "对于非公益性零工市场承担政府公益性零工服务的，可按规定给予就业创业服务补贴。",
        ("OPERATOR",),
    ),
    DemoPolicy(
        "（十三）", "乡村零工驿站：政策咨询、信息对接和用工矛盾调处",
        "村里的“零工驿站”“零工超市”为企业和劳动者提供政策咨询、信息对接、用工矛盾调处，帮助就近就地就业。",
        "在人口比较集中的乡村设立“零工驿站”“零工超市”，引导村企联动，推动农民就近就地就业。"
        "加强零工招聘信息和农村劳动力信息收集，为企业和劳动者提供政策咨询、信息对接、用工矛盾调处等服务，"
        "促进供求双方精准对接，打通农村劳动力就业“最后一公里”。",
        ("WORKER", "EMPLOYER"),
    ),
    DemoPolicy(
        "（十五）", "省级示范零工市场建设认定",
        "资金、人员、场地有保障、服务能力强、成效好的零工市场，可认定为省级示范零工市场。",
        "制定省级示范零工市场建设和服务标准，认定一批资金、人员、场地得到有效保障、服务能力强、"
        "服务成效好的零工市场作为省级示范零工市场。",
        ("OPERATOR",),
    ),
    DemoPolicy(
        "（十六）", "以个人身份参加养老保险和工伤保险",
        "零工可在就业地以个人身份参加企业职工基本养老保险，并可单险种参加工伤保险。",
        "落实灵活就业人员在就业地以个人身份参加企业职工基本养老保险政策，推进灵活就业人员以个人身份单险种参加工伤保险，"
        "加强劳动者职业伤害保障。",
        ("WORKER",),
    ),
    DemoPolicy(
        "（十六）", "依法打击恶意欠薪，纠正就业歧视",
        "恶意欠薪等违法行为依法严厉打击，就业歧视坚决纠正；零工可在平台或零工市场依法理性维权。",
        "指导督促零工市场依法开展招工用工服务，落实公平就业制度，依法严厉打击恶意欠薪等违法行为。"
        "坚决纠正就业歧视，维护和保障劳动者的合法权益。加大劳动就业和社会保障法律法规政策宣传，"
        "帮助灵活就业人员了解自身权益，提高维权和安全意识，依法理性维权。",
        ("WORKER", "EMPLOYER"),
    ),
)
# fmt: on


async def seed_policies() -> int:
    """Create and publish every demo item not yet there (same title); returns how many."""
    existing = {r["title"] for r in await t.PolicyItem.select(t.PolicyItem.title)}
    created = 0
    for item in POLICIES:
        if item.title in existing:
            continue
        draft = rules.PolicyDraft(
            title=item.title,
            summary=item.summary,
            body=item.body,
            issuing_document=DOCUMENT,
            clause=item.clause,
            effective_from=ISSUED,
            regions=[rules.PROVINCE],
            assistance_categories=list(item.categories),
            roles=list(item.roles),
        )
        policy_id = await rules.create(SYSTEM, draft)
        await rules.publish(SYSTEM, policy_id)
        created += 1
    return created
