"""MyAssessments written by the database (resolvers/assessment/texts.py): the same bytes as
the generic executor for every reader and variant, answered for operators only, and left to
the generic executor wherever the stored reconciliation is not read the same way (SQLite
tests it in the query, PostgreSQL when the row is written: see the module)."""

# Each request goes over both paths (tests/test_compiled_texts._SignedInPaths), on an
# operator's assessments at every writer's edge: scores and rewards of 0, 5 fen and billions,
# reconciliations empty, "{}", with null figures, the GraphQL Int's bounds and flagged lines;
# no report, no payout, a reject reason empty (null) or awkward; times with microseconds late
# in the UTC day; a tie of periods broken by id.

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from resolvers.compiled.texts import BETWEEN_MARKS
from resolvers.global_ids import encode_id
from services.assessment import periods
from services.assessment.rules import Line, lines_to_json
from services.audit.rules import canonical
from services.db import current_engine
from tables import assessment as t
from tests.fixtures.account import operator_token, staff_token
from tests.fixtures.assessment import (
    LAST,
    assessed,
    make_application,
    make_employer,
    make_posting,
    make_rights_case,
    make_scheme,
    make_worker,
    moment_in,
    submit,
    token,
)
from tests.fixtures.market import make_market
from tests.fixtures.operator import contracted_market, make_contract
from tests.test_compiled_texts import BAD_PAGES, PAGE_SIZES, _SignedInPaths

AWKWARD = '引号"与\\反斜杠😀\u2028\u0007'
LATE = datetime(2026, 11, 30, 23, 30, 0, 123456, tzinfo=UTC)
TARGETS = [{"indicator": "registrations", "target": 100, "weight": 100}]


def details(lines: list[Line], tolerance: int = 10, **more: Any) -> dict[str, Any]:
    """What runs.evaluate stores (before audit.canonical)."""
    return {
        "tolerance_percent": tolerance,
        "pass_score": 60,
        "monthly_reward_cap_fen": 123_456_789_012,
        "targets": TARGETS,
        "lines": lines_to_json(lines),
        **more,
    }


EDGE_LINES = [
    Line("registrations", 2**31 - 1, 0, True),
    Line("postings_published", 0, 2**31 - 1, True),
    Line("matches_confirmed", None, 5, False),
    Line("workers_onboarded", 7, None, False),
    Line("assisted_workers_placed", -(2**31), -1, True),
    Line("trainings_delivered", None, None, False),
    Line("disputes_mediated", 3, 3, False),
]


async def _insert(**columns: Any) -> int:
    row = t.Assessment(**columns)
    await row.save()
    return row.id


async def _edge_assessments() -> dict[str, Any]:
    """An operator's assessment run for real, and four more over two markets (every status,
    edge amounts and reconciliations, a payout of 0 and one of billions); another operator's."""
    run = await assessed(LAST)
    operator, market = run["operator"], run["market"]
    second = await make_market(operator_id=operator)
    await make_contract(operator, second)
    base = {
        "scheme": run["assessment"]["scheme"],
        "contract": run["contract"],
        "operator": operator,
    }
    ids = {"run": run["assessment"]["id"]}
    ids["tie"] = await _insert(
        **base,
        market=second,
        period=LAST,
        score_basis_points=10_000,
        proposed_reward_fen=5,
        flagged=1,
        reconciliation=canonical(details(EDGE_LINES)),
        status="APPROVED",
        computed_at=LATE,
        decided_at=datetime(2026, 11, 30, 23, 59, 59, 7, tzinfo=UTC),
    )
    ids["empty"] = await _insert(
        **base,
        market=market,
        period="2025-01",
        reconciliation="",
        status="REJECTED",
        reject_reason=AWKWARD,
        decided_at=LATE,
    )
    ids["braces"] = await _insert(
        **base,
        market=market,
        period="2025-02",
        reconciliation="{}",
        status="REJECTED",
        reject_reason="",
        score_basis_points=5,
        proposed_reward_fen=9_223_372_036_854_775_807,
    )
    ids["no_lines"] = await _insert(
        **base,
        market=second,
        period="2025-01",
        reconciliation=canonical(details([], tolerance=0)),
        status="APPROVED",
        score_basis_points=6_000,
        proposed_reward_fen=100,
    )
    P = t.Payout
    for key, amount, moment in (("tie", 123_456_789_012, LATE), ("no_lines", 0, LATE)):
        await P(
            assessment=ids[key],
            operator=operator,
            market=second,
            period="-",
            amount_fen=amount,
            approved_by=1,
            created_at=moment,
        ).save()
    other = await assessed("2025-03")
    return {
        **ids,
        "market": market,
        "second": second,
        "report": run["report"],
        "mine": await operator_token(operator),
        "theirs": await operator_token(other["operator"]),
        "staff": await staff_token(),
        "worker": await token("WORKER", await make_worker()),
        "employer": await token("EMPLOYER", await make_employer()),
    }


async def test_an_operator_s_assessments_are_written_as_graphql_core_writes_them(
    client, app, monkeypatch
):
    """MyAssessments, signed in as the operator: every status, amount and reconciliation
    edge, the report and payout or none; the same bytes as the generic executor for every
    page size, filter and walked page, answered by the text plan for operators only."""
    # given
    scene = await _edge_assessments()
    paths = _SignedInPaths(client, app, "MyAssessments", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"where": {"period": LAST}},
        {"where": {"status": "REJECTED"}},
        {"where": {"marketId": encode_id("Market", scene["second"])}},
        {"where": {"marketId": "bm90IGFuIGlk"}},  # an id that decodes to nothing: empty
        {"where": {"period": "2024-01", "status": "DRAFT"}},  # an empty page
    ]
    refusing = [
        *BAD_PAGES,
        {"where": {"period": "2025-13"}},
        {"where": {"period": "1999-01"}},  # before the first year: an error of the request
        {"where": {"status": "NOPE"}},
    ]

    # when the operator sends every variant and walks the pages; the others send one
    for variables in [*answering, *refusing]:
        await both(variables, scene["mine"])
    walked = await paths.walk("myAssessments", {}, scene["mine"], 2)
    for reader in ("theirs", "staff", "worker", "employer"):
        await both({}, scene[reader])
    for bearer in ("not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the operators alone ({}: another
    # operator's own)
    assert len(walked) == 3  # 5 assessments, 2 a page
    paths.answered_only("OPERATOR", *answering, *walked, {})
    page = json.loads(await both({}, scene["mine"]))["data"]["myAssessments"]
    assert page["totalCount"] == 5
    nodes = page["nodes"]
    assert [n["id"] for n in nodes] == [
        encode_id("Assessment", scene[k]) for k in ("tie", "run", "braces", "no_lines", "empty")
    ]
    tie, run, braces, no_lines, empty = nodes
    assert [tie["score"], tie["proposedReward"], tie["flagged"]] == ["100.00", "0.05", True]
    assert tie["payout"] == {
        "amount": "1234567890.12",
        "createdAt": "2026-11-30T23:30:00.123456+00:00",
    }
    assert tie["report"] is None and tie["decidedAt"] == "2026-11-30T23:59:59.000007+00:00"
    lines = tie["reconciliation"]["lines"]
    assert [line["difference"] for line in lines] == [
        2**31 - 1,
        -(2**31 - 1),
        None,
        None,
        -(2**31) + 1,
        None,
        0,
    ]
    assert tie["reconciliation"]["flagged"] is True
    assert run["report"] == {"id": encode_id("WorkloadReport", scene["report"]), "version": 1}
    assert len(run["reconciliation"]["lines"]) == 7
    assert braces["proposedReward"] == "92233720368547758.07" and braces["score"] == "0.05"
    assert braces["rejectReason"] is None and braces["payout"] is None
    assert no_lines["payout"]["amount"] == "0.00"
    assert no_lines["reconciliation"] == {"tolerancePercent": 0, "flagged": False, "lines": []}
    assert empty["reconciliation"] == {"tolerancePercent": 0, "flagged": False, "lines": []}
    assert empty["rejectReason"] == AWKWARD


def _reconciliations() -> dict[str, tuple[str, bool]]:
    """Stored reconciliations and whether the text plan answers them: json.loads reads each of
    them; Python writes those whose every value is of exactly its field's type and within a
    GraphQL Int (resolvers/assessment/texts._stored), and leaves the others, which graphql-core
    coerces (1.0, 1E1, true as an Int; 1 as a Boolean) or refuses, to the generic executor."""
    lines = [Line("registrations", 10, 8, True)]
    good = details(lines)
    line = lines_to_json(lines)[0]
    return {
        "canonical": (canonical(good), True),
        "unsorted keys": (json.dumps(good, separators=(",", ":")), True),
        "no targets": (canonical({"tolerance_percent": 5, "lines": [line]}), True),
        "extra key": (canonical(details(lines, note="x")), True),
        "spaces": (json.dumps(good, sort_keys=True), True),
        "an escape": (canonical(good).replace("registrations", "registr\\u0061tions"), True),
        "non-ASCII": (canonical(details(lines, note="备注")), True),
        "a duplicate key": (canonical(good)[:-1] + ',"tolerance_percent":50}', True),
        "past Int": (canonical(details([Line("registrations", 2**31, 0, True)])), False),
        "difference past Int": (
            canonical(details([Line("registrations", 2**31 - 1, -1, True)])),
            False,
        ),
        "tolerance past Int": (canonical(details(lines, tolerance=2**31)), False),
        "a float": (canonical(good).replace('"reported":10', '"reported":10.0'), False),
        "flagged 1": (canonical(good).replace('"flagged":true', '"flagged":1'), False),
        "a string figure": (canonical(good).replace('"reported":10', '"reported":"10"'), False),
        "deep": ('{"x":' + "[" * 60 + "]" * 60 + "}", True),
        "negative zero": (canonical(good).replace('"reported":10', '"reported":-0'), True),
        "an exponent": (canonical(good).replace('"reported":10', '"reported":1E1'), False),
        "a tab between keys": (canonical(good).replace('{"lines"', '{\t"lines"'), True),
        "a boolean figure": (canonical(good).replace('"reported":10', '"reported":true'), False),
        "deeper": ('{"x":' + "[" * 70 + "]" * 70 + "}", True),
        "tolerance true": (
            canonical(details(lines)).replace('"tolerance_percent":10', '"tolerance_percent":true'),
            False,
        ),
        "a line not an object": ('{"lines":[1]}', False),
    }


# Texts the generic executor fails on (json.loads, a missing key, an unknown indicator, a
# null or NaN where an Int must be): the text plan leaves them to it, which answers as before.
FAILING = {
    "not JSON": "not json",
    "a list": "[]",
    "lines null": '{"lines":null}',
    "an unknown indicator": (
        '{"lines":[{"indicator":"x","reported":1,"observed":1,"flagged":false}]}'
    ),
    "a line without its keys": '{"lines":[{}]}',
    "NaN": '{"tolerance_percent":NaN}',
    "tolerance null": '{"tolerance_percent":null}',
    "too deep for json.loads": "[" * 100_000 + "]" * 100_000,
    "the text plan's mark": '{"lines":[],"note":"' + BETWEEN_MARKS + '"}',
}


@pytest.mark.parametrize("name", [*_reconciliations(), *FAILING])
async def test_a_reconciliation_not_read_alike_is_left_to_the_generic_executor(
    client, app, monkeypatch, caplog, name
):
    """Stored reconciliations json.loads reads with every value of its field's type are
    written by the text plan (spaces, escapes, duplicate keys included); any other (values
    past a GraphQL Int, the wrong types, malformed JSON) is answered by the generic executor,
    with the same bytes."""
    # given an operator's one assessment with that reconciliation
    text, answered = _reconciliations().get(name, (FAILING.get(name, ""), False))
    run = await assessed(LAST)
    A = t.Assessment
    await A.update({A.reconciliation: text}).where(A.id == run["assessment"]["id"])
    paths = _SignedInPaths(client, app, "MyAssessments", monkeypatch)

    # when the operator asks for their assessments
    await paths.both({}, await operator_token(run["operator"]))

    # then the same bytes; the text plan answered only the texts it writes as graphql-core
    # would, and refused the others by its own test, not by a failure
    paths.answered_only("OPERATOR", *([{}] if answered else []))
    assert [r.message for r in caplog.records if r.message.startswith("text plan")] == []


async def test_the_read_alike_column_is_gone():
    """Migration 2026-12-07T03:30 dropped what the text plan no longer reads: the column, its
    PostgreSQL function and its SQLite triggers; an assessment is written without them."""
    # given an assessment written through a real run
    await assessed(LAST)

    # when the database's catalogue is read
    if current_engine().engine_type == "postgres":
        column = "SELECT column_name AS n FROM information_schema.columns WHERE table_name = {}"
        other = "SELECT proname AS n FROM pg_proc WHERE proname LIKE {}"
        left = [r["n"] for r in await t.Assessment.raw(other, "reconciliation%")]
    else:
        column = "SELECT name AS n FROM pragma_table_info({})"
        other = "SELECT name AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = {}"
        left = [r["n"] for r in await t.Assessment.raw(other, "assessment")]
    columns = [r["n"] for r in await t.Assessment.raw(column, "assessment")]

    # then neither the column nor what kept it is there
    assert "reconciliation" in columns and "reconciliation_read_alike" not in columns
    assert left == []


# --------------------------------------------------------------------------------------------
# WorkloadReports: the reports' cards by the database, each reconciliation computed now by
# Python (resolvers/assessment/texts.reconciled).


async def _report(operator: int, market: int, period: str, **columns: Any) -> int:
    """A report row as the submission writes it, with edge values the service would refuse."""
    figures = {name: 0 for name in EDGE_LINES_NAMES}
    row = t.WorkloadReport(
        operator=operator,
        market=market,
        period=period,
        idempotency_key=f"edge-{operator}-{market}-{period}-{columns.get('version', 1)}",
        payload_hash="-",
        **{**figures, **columns},
    )
    await row.save()
    return row.id


EDGE_LINES_NAMES = [line.indicator for line in EDGE_LINES]
OLD = "2025-06"  # a year without a scheme: the default tolerance (10 %)


async def _edge_reports() -> dict[str, Any]:
    """An operator's reports over two markets: submitted and corrected through the service in
    the last month (the year's scheme: 5 %), figures at the GraphQL Int's edge, a locked one and
    awkward notes in a year without a scheme; activity the platform observed for some of them;
    another operator's report."""
    operator, market, _ = await contracted_market()
    second = await make_market(operator_id=operator)
    await make_contract(operator, second)
    await make_scheme(periods.year(LAST), tolerance_percent=5)
    # Observed in the last month at the first market: 3 registrations (one prioritised, who
    # checks in), 2 postings, 1 confirmed match, 1 check-in, 1 mediated dispute.
    workers = [await make_worker(market, moment_in(LAST)) for _ in range(2)]
    workers.append(await make_worker(market, moment_in(LAST), prioritised=True))
    posting = await make_posting(market, moment_in(LAST))
    await make_posting(market, moment_in(LAST, day=2))
    await make_application(posting, workers[0], confirmed_at=moment_in(LAST))
    await make_application(posting, workers[2], checked_in_at=moment_in(LAST, day=3))
    await make_rights_case(
        market, moment_in(LAST), status="RESOLVED", outcome="SETTLED", mediator_role="OPERATOR"
    )
    await make_worker(market, moment_in(OLD))
    ids = {"first": (await submit(operator, market, LAST, registrations=3))["id"]}
    ids["corrected"] = (
        await submit(operator, market, LAST, registrations=3, postings_published=2)
    )["id"]
    ids["second"] = (await submit(operator, second, LAST))["id"]
    ids["edges"] = await _report(
        operator,
        market,
        OLD,
        registrations=2**31 - 1,
        postings_published=0,
        matches_confirmed=-(2**31) + 1,
        notes=AWKWARD,
        locked_at=LATE,
        submitted_at=LATE,
    )
    ids["old_second"] = await _report(operator, second, OLD, is_current=1, disputes_mediated=1)
    other, other_market, _ = await contracted_market()
    await submit(other, other_market, LAST)
    return {
        **ids,
        "market": market,
        "second_market": second,
        "mine": await operator_token(operator),
        "theirs": await operator_token(other),
        "staff": await staff_token(),
        "worker": await token("WORKER", await make_worker()),
        "employer": await token("EMPLOYER", await make_employer()),
    }


async def test_workload_reports_are_written_as_graphql_core_writes_them(client, app, monkeypatch):
    """WorkloadReports, signed in as the operator or staff: current and superseded versions,
    figures at the Int's edge, flagged and unflagged lines, a year's tolerance and the default;
    the same bytes as the generic executor for every page size, filter and walked page,
    answered by the text plan for operators and staff only."""
    # given
    scene = await _edge_reports()
    paths = _SignedInPaths(client, app, "WorkloadReports", monkeypatch)
    both = paths.both
    answering = [
        *PAGE_SIZES,
        {"where": {"period": LAST}},
        {"where": {"includeSuperseded": True}},
        {"where": {"marketId": encode_id("Market", scene["second_market"])}},
        {"where": {"marketId": "bm90IGFuIGlk"}},  # an id that decodes to nothing: empty
        {"where": {"period": "2024-01", "includeSuperseded": True}},  # an empty page
    ]
    refusing = [*BAD_PAGES, {"where": {"period": "2025-13"}}]

    # when the operator sends every variant and walks the pages; the others send one
    for variables in [*answering, *refusing]:
        await both(variables, scene["mine"])
    walked = await paths.walk("workloadReports", {"where": {"includeSuperseded": True}},
                              scene["mine"], 2)  # fmt: skip
    for reader in ("theirs", "staff", "worker", "employer"):
        await both({}, scene[reader])
    for bearer in ("not-a-token", None):
        await both({}, bearer)

    # then the same bytes everywhere; the text plan answered the operators and staff alone
    assert paths.differences == {}
    assert paths.answered == [
        *(("OPERATOR", v) for v in [*answering, *walked]),
        ("OPERATOR", {}),
        ("STAFF", {}),
    ]
    assert len(walked) == 3  # 5 versions, 2 a page
    page = json.loads(await both({}, scene["mine"]))["data"]["workloadReports"]
    assert page["totalCount"] == 4
    nodes = {n["id"]: n for n in page["nodes"]}
    assert list(nodes) == [
        encode_id("WorkloadReport", scene[k])
        for k in ("second", "corrected", "old_second", "edges")
    ]
    corrected = nodes[encode_id("WorkloadReport", scene["corrected"])]["reconciliation"]
    observed = {line["indicator"]: line["observed"] for line in corrected["lines"]}
    assert observed == {
        "REGISTRATIONS": 3,
        "POSTINGS_PUBLISHED": 2,
        "MATCHES_CONFIRMED": 1,
        "WORKERS_ONBOARDED": 1,
        "ASSISTED_WORKERS_PLACED": 1,
        "TRAININGS_DELIVERED": 0,
        "DISPUTES_MEDIATED": 1,
    }
    assert corrected["tolerancePercent"] == 5 and corrected["flagged"] is True
    assert [line["flagged"] for line in corrected["lines"][:2]] == [False, False]
    edges = nodes[encode_id("WorkloadReport", scene["edges"])]
    assert edges["reconciliation"]["tolerancePercent"] == 10
    assert [line["difference"] for line in edges["reconciliation"]["lines"][:3]] == [
        2**31 - 2,
        0,
        -(2**31) + 1,
    ]
    assert edges["notes"] == AWKWARD and edges["lockedAt"] == "2026-11-30T23:30:00.123456+00:00"
    assert edges["isCurrent"] is True and edges["version"] == 1


async def test_a_report_whose_difference_is_past_an_int_is_left_to_the_generic_executor(
    client, app, monkeypatch
):
    """A reported figure the platform's count takes past a GraphQL Int (reported −2³¹, one
    registration observed): the generic executor answers the difference null with the field's
    error, and the text plan leaves the request to it rather than write a number no client
    could read."""
    # given a report whose registrations line differs by −2³¹ − 1
    operator, market, _ = await contracted_market()
    await make_worker(market, moment_in(OLD))
    await _report(operator, market, OLD, registrations=-(2**31))
    paths = _SignedInPaths(client, app, "WorkloadReports", monkeypatch)

    # when the operator asks for their reports
    body = json.loads(await paths.both({}, await operator_token(operator)))

    # then the generic executor's answer, on both paths: the difference null with its error;
    # the text plan answered nothing
    line = body["data"]["workloadReports"]["nodes"][0]["reconciliation"]["lines"][0]
    assert (line["reported"], line["observed"], line["difference"]) == (-(2**31), 1, None)
    (error,) = body["errors"]
    assert error["path"] == ["workloadReports", "nodes", 0, "reconciliation", "lines", 0,
                             "difference"]  # fmt: skip
    paths.answered_only("OPERATOR")
