"""Employment assistance guards: every table moves only through the forms started from a row,
which call services/assistance (region checked, every change audited)."""

from __future__ import annotations

OVERRIDES = "服务等级请从零工记录的“调整服务等级”设置（须写明理由并记入审计）"
CASES = "援助档案请从零工记录的“建立援助档案”建立，并从档案行办理（添加步骤、推荐、回访、结案）"
STEPS = "援助步骤请从援助档案行的“添加援助步骤”添加，完成后从步骤行“标记步骤完成”"
OFFERS = "推荐请从援助档案行的“推荐岗位或培训”发出，由零工本人在手机上答复"
FOLLOW_UPS = "回访请从援助档案行的“记录回访”登记"
