"""`workloadReports`: who sees what, reconciliation against the platform's records, paging."""

from __future__ import annotations

from datetime import UTC, datetime

from resolvers.global_ids import encode_id
from tests.fixtures.assessment import (
    FULL,
    make_application,
    make_posting,
    make_rights_case,
    make_scheme,
    make_worker,
    matrix_tokens,
    submit,
    token,
)
from tests.fixtures.operator import contracted_market
from tests.fixtures.training import make_completion

REPORTS = """
query($first: Int, $after: String, $where: WorkloadReportWhereInput) {
  workloadReports(first: $first, after: $after, where: $where) {
    totalCount
    pageInfo { hasNextPage }
    nodes { period version isCurrent registrations market { id } }
  }
}"""

CURSOR = """
query($first: Int) { workloadReports(first: $first) { pageInfo { endCursor } } }"""

RECONCILIATION = """
query($where: WorkloadReportWhereInput) {
  workloadReports(where: $where) {
    nodes {
      period
      reconciliation {
        tolerancePercent flagged
        lines { indicator reported observed difference flagged }
      }
    }
  }
}"""


def page(*nodes: dict, has_next: bool = False, total: int | None = None) -> dict:
    return {
        "data": {
            "workloadReports": {
                "totalCount": len(nodes) if total is None else total,
                "pageInfo": {"hasNextPage": has_next},
                "nodes": list(nodes),
            }
        }
    }


def node(market_id: int, period: str, version: int = 1, current: bool = True, **c) -> dict:
    return {
        "period": period,
        "version": version,
        "isCurrent": current,
        "registrations": c.get("registrations", FULL["registrations"]),
        "market": {"id": encode_id("Market", market_id)},
    }


def denied(code: str, message: str) -> dict:
    return {
        "data": None,
        "errors": [
            {
                "message": message,
                "locations": [{"line": 3, "column": 3}],
                "path": ["workloadReports"],
                "extensions": {"code": code},
            }
        ],
    }


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_authorization_matrix(gql):
    # given: the operator under test reported on its market; another operator exists
    operator_id, market_id, _ = await contracted_market()
    await submit(operator_id, market_id, "2025-03")
    tokens = await matrix_tokens(operator_id)
    expected = {
        "anonymous": denied("UNAUTHENTICATED", "请先登录（需要有效的 Bearer 令牌）"),
        "worker": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "employer": denied("FORBIDDEN", "当前身份无权执行此操作"),
        "other_operator": page(),
        "operator": page(node(market_id, "2025-03")),
        "staff": page(node(market_id, "2025-03")),
    }

    # when
    bodies = {role: await gql(REPORTS, token=t) for role, t in tokens.items()}

    # then
    assert bodies == expected


async def test_operators_never_see_each_others_reports_and_foreign_ids_look_missing(gql):
    # given
    operator_a, market_a, _ = await contracted_market()
    operator_b, market_b, _ = await contracted_market()
    await submit(operator_a, market_a, "2025-03")
    await submit(operator_b, market_b, "2025-03")
    token_a = await token("OPERATOR", operator_a)

    # when
    everything = await gql(REPORTS, token=token_a)
    foreign = await gql(
        REPORTS, {"where": {"marketId": encode_id("Market", market_b)}}, token=token_a
    )
    unknown = await gql(
        REPORTS, {"where": {"marketId": encode_id("Market", market_b + 99)}}, token=token_a
    )
    malformed = await gql(REPORTS, {"where": {"marketId": "not-an-id"}}, token=token_a)

    # then
    assert everything == page(node(market_a, "2025-03"))
    assert foreign == unknown == malformed == page()


async def test_newest_months_first_current_versions_unless_history_is_asked_for(gql):
    # given: three months, the middle one corrected
    operator_id, market_id, _ = await contracted_market()
    for period in ("2025-01", "2025-02", "2025-03"):
        await submit(operator_id, market_id, period)
    await submit(operator_id, market_id, "2025-02", registrations=42)
    operator = await token("OPERATOR", operator_id)

    # when
    first = await gql(REPORTS, {"first": 2}, token=operator)
    cursor = (await gql(CURSOR, {"first": 2}, token=operator))["data"]["workloadReports"]
    after = cursor["pageInfo"]["endCursor"]
    rest = await gql(REPORTS, {"first": 2, "after": after}, token=operator)
    history = await gql(
        REPORTS, {"where": {"period": "2025-02", "includeSuperseded": True}}, token=operator
    )

    # then
    assert first == page(
        node(market_id, "2025-03"),
        node(market_id, "2025-02", version=2, registrations=42),
        has_next=True,
        total=3,
    )
    assert rest == page(node(market_id, "2025-01"), total=3)
    assert history == page(
        node(market_id, "2025-02", version=2, registrations=42),
        node(market_id, "2025-02", current=False),
    )


async def test_a_malformed_period_filter_is_a_client_error(gql):
    operator_id, _, _ = await contracted_market()

    body = await gql(
        REPORTS, {"where": {"period": "2025-3"}}, token=await token("OPERATOR", operator_id)
    )

    assert body == {
        "data": None,
        "errors": [
            {
                "message": "period：须为年月，格式 YYYY-MM，例如 2026-11",
                "locations": [{"line": 3, "column": 3}],
                "path": ["workloadReports"],
                "extensions": {"code": "BAD_USER_INPUT", "field": ["where", "period"]},
            }
        ],
    }


async def _records_for_march_2025(market_id: int, elsewhere: int) -> None:
    """Observed in March 2025 (Asia/Shanghai): registrations 3, postings 2, confirmations 1,
    check-ins 2 (1 of a prioritised worker), course completions 3, closed rights cases 2; the
    rest falls outside."""
    for moment in ("2025-03-01T00:00:00+08:00", "2025-03-15T12:00:00+08:00"):
        await make_worker(market_id, at(moment))
    await make_worker(market_id, at("2025-03-31T23:59:59+08:00"))
    await make_worker(market_id, at("2025-02-28T23:59:59+08:00"))  # February
    await make_worker(market_id, datetime(2025, 3, 31, 16, 0, tzinfo=UTC))  # April 1st, 00:00
    await make_worker(elsewhere, at("2025-03-10T10:00:00+08:00"))

    posting = await make_posting(market_id, at("2025-03-05T09:00:00+08:00"))
    await make_posting(market_id, at("2025-03-20T09:00:00+08:00"))
    await make_posting(market_id, None)  # a draft, never published
    await make_posting(elsewhere, at("2025-03-05T09:00:00+08:00"))

    assisted = await make_worker(prioritised=True)
    await make_application(
        posting,
        assisted,
        confirmed_at=at("2025-03-10T08:00:00+08:00"),
        checked_in_at=at("2025-03-11T08:00:00+08:00"),
        status="CHECKED_IN",
    )
    await make_application(
        posting,
        await make_worker(),
        confirmed_at=at("2025-03-12T08:00:00+08:00"),
        status="CANCELLED",
    )
    await make_application(
        posting,
        await make_worker(),
        confirmed_at=at("2025-02-27T08:00:00+08:00"),
        checked_in_at=at("2025-03-02T08:00:00+08:00"),
        status="COMPLETED",
    )

    for moment in ("2025-03-01T00:00:00+08:00", "2025-03-18T10:00:00+08:00"):
        await make_completion(market_id, await make_worker(), at(moment))
    await make_completion(market_id, await make_worker(), at("2025-03-31T23:59:59+08:00"))
    await make_completion(market_id, await make_worker(), at("2025-02-28T23:59:59+08:00"))
    await make_completion(market_id, await make_worker(), datetime(2025, 3, 31, 16, 0, tzinfo=UTC))
    await make_completion(elsewhere, await make_worker(), at("2025-03-18T10:00:00+08:00"))
    await make_completion(market_id, await make_worker(), None, status="ENROLLED")
    await make_completion(market_id, await make_worker(), None, status="WITHDRAWN")

    # Mediations the operator ran and that ended in March count, whatever their result.
    march = at("2025-03-08T10:00:00+08:00")
    await make_rights_case(market_id, march, "RESOLVED", "MEDIATED", "OPERATOR")
    await make_rights_case(market_id, at("2025-03-09T10:00:00+08:00"), "REFERRED", "", "OPERATOR")
    # Not counted: a finding by staff without mediation, a mediation staff ran, an open
    # mediation, one ended in April, one at another market.
    await make_rights_case(market_id, march, "RESOLVED", "NOT_SUBSTANTIATED")
    await make_rights_case(market_id, march, "RESOLVED", "MEDIATED", "STAFF")
    await make_rights_case(market_id, None, "MEDIATING", "", "OPERATOR")
    await make_rights_case(
        market_id, at("2025-04-01T10:00:00+08:00"), "RESOLVED", "MEDIATED", "OPERATOR"
    )
    await make_rights_case(elsewhere, march, "RESOLVED", "MEDIATED", "OPERATOR")


def line(indicator: str, reported: int, observed: int | None, flagged: bool = False) -> dict:
    return {
        "indicator": indicator,
        "reported": reported,
        "observed": observed,
        "difference": None if observed is None else reported - observed,
        "flagged": flagged,
    }


async def test_reconciliation_counts_the_platforms_records_for_the_shanghai_month(gql):
    # given: reported postings 3 against 2 observed (50% off), the rest matching
    operator_id, market_id, _ = await contracted_market()
    _, elsewhere, _ = await contracted_market()
    await _records_for_march_2025(market_id, elsewhere)
    reported = {
        "registrations": 3,
        "postings_published": 3,
        "matches_confirmed": 1,
        "workers_onboarded": 2,
        "assisted_workers_placed": 1,
        "trainings_delivered": 3,
        "disputes_mediated": 2,
    }
    await submit(operator_id, market_id, "2025-03", **reported)
    operator = await token("OPERATOR", operator_id)
    expected_lines = [
        line("REGISTRATIONS", 3, 3),
        line("POSTINGS_PUBLISHED", 3, 2, flagged=True),
        line("MATCHES_CONFIRMED", 1, 1),
        line("WORKERS_ONBOARDED", 2, 2),
        line("ASSISTED_WORKERS_PLACED", 1, 1),
        line("TRAININGS_DELIVERED", 3, 3),
        line("DISPUTES_MEDIATED", 2, 2),
    ]

    # when: no scheme for 2025 yet (default 10%), then a scheme allowing exactly 50%
    default = await gql(RECONCILIATION, token=operator)
    await make_scheme(2025, tolerance_percent=50)
    lenient = await gql(RECONCILIATION, token=operator)

    # then
    assert default == {
        "data": {
            "workloadReports": {
                "nodes": [
                    {
                        "period": "2025-03",
                        "reconciliation": {
                            "tolerancePercent": 10,
                            "flagged": True,
                            "lines": expected_lines,
                        },
                    }
                ]
            }
        }
    }
    expected_lines[1]["flagged"] = False  # 100 × |3 − 2| > 50 × 2 is false: at the limit
    assert lenient["data"]["workloadReports"]["nodes"][0]["reconciliation"] == {
        "tolerancePercent": 50,
        "flagged": False,
        "lines": expected_lines,
    }


async def test_claims_without_any_record_are_flagged_trainings_included(gql):
    # given: nothing recorded at the market
    operator_id, market_id, _ = await contracted_market()
    await submit(operator_id, market_id, "2025-03", registrations=1)

    # when
    body = await gql(RECONCILIATION, token=await token("OPERATOR", operator_id))

    # then
    lines = body["data"]["workloadReports"]["nodes"][0]["reconciliation"]["lines"]
    assert [(x["indicator"], x["observed"], x["flagged"]) for x in lines] == [
        ("REGISTRATIONS", 0, True),
        ("POSTINGS_PUBLISHED", 0, True),
        ("MATCHES_CONFIRMED", 0, True),
        ("WORKERS_ONBOARDED", 0, True),
        ("ASSISTED_WORKERS_PLACED", 0, True),
        ("TRAININGS_DELIVERED", 0, True),
        ("DISPUTES_MEDIATED", 0, True),
    ]
