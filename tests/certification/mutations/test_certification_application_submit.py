"""`certificationApplicationSubmit`: authorization matrix, success, and refused input."""

from datetime import date

from resolvers.global_ids import encode_id
from services.certification import clock
from tables.audit import AuditLog
from tables.certification import (
    CertificationApplication,
    CertificationEvidence,
    CertificationScore,
)
from tests.fixtures.certification import (
    default_standard,
    make_application,
    matrix_tokens,
    submit_input,
)
from tests.fixtures.market import make_market, make_operator

SUBMIT = """
mutation($input: CertificationApplicationSubmitInput!) {
  certificationApplicationSubmit(input: $input) {
    application { year status totalScore market { name } certificateNo
      evidence { title hasFile criterion { maxScore } } }
    userErrors { code field message }
  }
}"""


async def _submit(gql, market_id, standard, token):
    variables = {"input": submit_input(encode_id("Market", market_id), standard)}
    return await gql(SUBMIT, variables, token=token)


def _denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["certificationApplicationSubmit"],
                "extensions": {"code": code},
            }
        ],
    }


def _accepted(name: str) -> dict:
    return {
        "data": {
            "certificationApplicationSubmit": {
                "application": {
                    "year": 2025,
                    "status": "SUBMITTED",
                    "totalScore": None,
                    "market": {"name": name},
                    "certificateNo": None,
                    "evidence": [
                        {"title": "场地平面图", "hasFile": False, "criterion": {"maxScore": 5}},
                        {"title": "管理制度汇编", "hasFile": False, "criterion": None},
                    ],
                },
                "userErrors": [],
            }
        }
    }


def _refused(*errors: tuple[str, list[str] | None, str]) -> dict:
    return {
        "data": {
            "certificationApplicationSubmit": {
                "application": None,
                "userErrors": [{"code": c, "field": f, "message": m} for c, f, m in errors],
            }
        }
    }


async def test_authorization_matrix(gql):
    operator_id = await make_operator()
    market_id = await make_market(name="上城区望江综合零工市场", operator_id=operator_id)
    standard = await default_standard()
    tokens = await matrix_tokens(operator_id)
    expected = {
        "anonymous": _denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": _denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": _denied("FORBIDDEN", "当前身份无权执行此操作"),
        # Another operator's market looks exactly like a missing one.
        "other_operator": _refused(("NOT_FOUND", ["marketId"], "零工市场不存在")),
        "operator": _accepted("上城区望江综合零工市场"),
    }

    for who, want in expected.items():
        body = await _submit(gql, market_id, standard, tokens[who])
        assert body == want, who

    assert await CertificationApplication.count() == 1
    # Staff may submit too: here the market already has its application for 2025.
    await CertificationApplication.delete(force=True)
    assert await _submit(gql, market_id, standard, tokens["staff"]) == _accepted(
        "上城区望江综合零工市场"
    )


async def test_submission_stores_scores_evidence_and_an_audit_record(gql):
    operator_id = await make_operator()
    market_id = await make_market(operator_id=operator_id)
    standard = await default_standard()
    tokens = await matrix_tokens(operator_id)

    await _submit(gql, market_id, standard, tokens["operator"])

    app = await CertificationApplication.select(
        CertificationApplication.submitted_by, CertificationApplication.status
    ).first()
    assert app == {"submitted_by": f"OPERATOR:{operator_id}", "status": "SUBMITTED"}
    assert await CertificationScore.count() == 20
    assert await CertificationEvidence.count() == 2
    audit = await AuditLog.select(AuditLog.actor_type, AuditLog.actor_id, AuditLog.action)
    assert audit == [
        {"actor_type": "OPERATOR", "actor_id": operator_id, "action": "certification.submit"}
    ]


async def test_every_problem_is_reported_at_once_and_nothing_is_written(gql, monkeypatch):
    operator_id = await make_operator()
    market_id = await make_market(operator_id=operator_id, established_on=date(2025, 4, 10))
    standard = await default_standard()
    tokens = await matrix_tokens(operator_id)
    monkeypatch.setattr(clock, "today", lambda: date(2025, 6, 30))
    bad = submit_input(encode_id("Market", market_id), standard, c1=-1)
    bad["selfAssessment"][1]["score"] = 99
    bad["selfAssessment"].pop()
    bad["evidence"] = [{"title": " "}, {"title": "平面图", "criterionId": "bm9wZQ=="}]

    body = await gql(SUBMIT, {"input": bad}, token=tokens["operator"])

    assert body == _refused(
        ("TOO_EARLY", ["marketId"], "零工市场开业满 3 个月后方可申报（2025-07-10 起）"),
        ("SCORE_MISSING", ["selfAssessment"], "还有 1 条评分条目未打分"),
        (
            "SCORE_OUT_OF_RANGE",
            ["selfAssessment"],
            f"“{standard.criteria[0].text[:20]}…”的得分须在 0 到 4 之间",
        ),
        (
            "SCORE_OUT_OF_RANGE",
            ["selfAssessment"],
            f"“{standard.criteria[1].text[:20]}…”的得分须在 0 到 3 之间",
        ),
        ("INVALID_EVIDENCE", ["evidence", "0", "title"], "材料名称须为 1 到 100 字"),
        ("UNKNOWN_CRITERION", ["evidence", "1", "criterionId"], "评分条目不属于该年度认定标准"),
    )
    assert await CertificationApplication.count() == 0
    assert await CertificationScore.count() == 0
    assert await CertificationEvidence.count() == 0
    assert await AuditLog.count() == 0


async def test_duplicate_live_application_and_unknown_market(gql):
    operator_id = await make_operator()
    market_id = await make_market(operator_id=operator_id)
    standard = await default_standard()
    tokens = await matrix_tokens(operator_id)
    await make_application(market_id, year=2025)

    duplicate = await _submit(gql, market_id, standard, tokens["operator"])
    missing = await gql(
        SUBMIT,
        {"input": submit_input(encode_id("Market", 999999), standard)},
        token=tokens["staff"],
    )

    assert duplicate == _refused(
        ("DUPLICATE_APPLICATION", ["year"], "该市场本年度已有在办或已认定的申报")
    )
    assert missing == _refused(("NOT_FOUND", ["marketId"], "零工市场不存在"))
    assert await CertificationApplication.count() == 1
