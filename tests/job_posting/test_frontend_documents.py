"""The instant-hiring frontend documents: valid, runnable in a hiring day, within SQL budgets."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from graphql import OperationDefinitionNode, parse, validate

from resolvers.global_ids import encode_id
from schema.root import schema
from services.job_posting import board
from services.job_posting import rules as postings
from services.timeutil import now
from tests.fixtures.account import next_phone
from tests.fixtures.job_posting import (
    insert_application,
    insert_posting,
    make_application,
    make_cast,
    make_posting,
)
from tests.fixtures.market import occupation_id
from tests.fixtures.sql import count_sql
from tests.fixtures.worker import make_worker
from tests.job_posting.subscriptions.live import receive, serve_in_process, subscription, until

ROOT = Path(__file__).resolve().parents[2] / "frontend_queries"
MINE = ("job_posting", "account")
SPREAD = re.compile(r"\.\.\.([A-Za-z_]\w*)")

# SQL statements per operation (a signed-in request includes the token lookup). Lists must not
# grow with the page: each nested field is one batched statement.
SQL_BUDGET = {
    # page (with each posting's occupation, employer and market: resolvers/prefetch.py), count
    "PostingSearch": 2,
    # token, posting, occupation, employer, market, the worker's application
    "PostingDetail": 6,
    # token; the worker with their occupations, applications and tier inputs; the candidates;
    # the page's postings with each card's occupation, employer and market
    "RecommendedPostings": 4,
    # token, page (with each posting, its occupation, employer and market), count
    "MyApplications": 3,
    # token, page (with each posting's occupation, employer, market and application counts:
    # resolvers/job_posting/loaders.employer_posting_page_select), count
    "EmployerPostings": 3,
    # token; the posting with the employer's access to the workers; the candidates with their
    # occupations
    "Candidates": 3,
    # token; posting, overlap, existing application, insert; then application and posting
    "ApplyToPosting": 7,
    # token; application, worker lock, overlap, headcount update, FILLED, transition; then
    # application, worker, viewer access, phone and posting for the payload
    "ConfirmApplication": 11,
    # token, application, transition, then application and worker (+ access)
    "CheckIn": 7,
    # token; application, update; then application, worker, settlement, viewer access
    "CompleteApplication": 7,
    # token; application, update; then application, posting
    "CancelApplication": 5,
    # token; application, update; then application, worker, viewer access
    "MarkNoShow": 6,
    # token; region, occupation, market, insert; then the posting, occupation, market
    "CreatePosting": 8,
    # token; posting, verification, arrears flag, update (PostgreSQL: the board's NOTIFY);
    # then the posting
    "PublishPosting": 7,
    # token; posting, update, pending applications cancelled; then posting, market, counts
    "ClosePosting": 7,
    # token; the posting with its market (may the viewer manage it) and count; the page with
    # each applicant's worker, occupations, the viewer's access and the phones it may see
    "Applicants": 3,
    # token, application, posting, settlement, employer, confirmation check, phone
    "ApplicationDetail": 7,
    # token; in one transaction: the posting (locked), its region, confirmed shifts, update,
    # the shifts' window, the confirmed workers told; then the posting
    "UpdatePosting": 8,
    # the checks, the inserts, the token and its expiry, the profile
    "Register": 12,
    # account, failure reset, profile, token and its expiry
    "SignIn": 6,
}
LISTS = {
    "PostingSearch": "jobPostings",
    "RecommendedPostings": "recommendedJobPostings",
    "MyApplications": "myJobApplications",
    "EmployerPostings": "myJobPostings",
    "Candidates": "candidateWorkers",
}


def _fragments() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "fragments").glob("*.graphql")}


def documents() -> dict[str, str]:
    """Operation name → document text with the fragments it uses (recursively)."""
    fragments = _fragments()
    found = {}
    for folder in MINE:
        for path in sorted((ROOT / folder).glob("*.graphql")):
            text = path.read_text(encoding="utf-8")
            needed, todo = [], set(SPREAD.findall(text))
            while todo:
                name = todo.pop()
                if name not in needed:
                    needed.append(name)
                    todo |= set(SPREAD.findall(fragments[name]))
            found[path.stem] = "\n".join([text, *(fragments[n] for n in sorted(needed))])
    return found


DOCUMENTS = documents()


async def run(client, name: str, variables: dict, token: str | None = None) -> tuple[dict, int]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": DOCUMENTS[name], "operationName": name, "variables": variables}
    with count_sql() as statements:
        response = await client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, (name, body)
    return body["data"], statements[0]


def test_each_document_is_one_named_operation_that_validates():
    assert sorted(DOCUMENTS) == sorted([*SQL_BUDGET, "PostingBoard"])
    for name, text in DOCUMENTS.items():
        document = parse(text)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        assert [o.name.value for o in operations] == [name]
        assert validate(schema._schema, document) == [], name


async def _scene(n_postings: int = 3):
    """A verified employer with postings at a market, a worker who applied to the first."""
    cast = await make_cast(location=(30.25, 120.17))
    postings = [
        await make_posting(
            cast.employer_id,
            market_id=cast.market_id,
            title=f"岗位{i}",
            headcount=2,
            location=(30.25, 120.17),
            starts_in=timedelta(hours=2, days=i),
        )
        for i in range(n_postings)
    ]
    for _ in range(n_postings):
        await make_worker()
    return cast, postings


async def test_the_documents_run_in_a_hiring_day_within_their_budgets(client):
    # given
    cast, postings = await _scene()
    posting = encode_id("JobPosting", postings[0])
    occupation = encode_id("Occupation", await occupation_id("装卸搬运工"))
    phone = next_phone()
    counts: dict[str, int] = {}
    token = cast.token

    # when: a new worker registers and signs in, finds work and applies; the employer
    # confirms from the candidates and applicants, and checks the worker in
    data, counts["Register"] = await run(
        client,
        "Register",
        {
            "input": {
                "phone": phone,
                "password": "worker-pass-1",
                "role": "WORKER",
                "worker": {
                    "name": "孙八",
                    "occupationIds": [occupation],
                    "homeRegionCode": "330102",
                },
            }
        },
    )
    assert data["accountRegister"]["userErrors"] == []
    data, counts["SignIn"] = await run(
        client, "SignIn", {"phone": phone, "password": "worker-pass-1"}
    )
    worker = data["tokenCreate"]["token"]
    data, counts["PostingSearch"] = await run(
        client,
        "PostingSearch",
        {
            "where": {"regionCode": "330100", "minDailyWage": "150"},
            "orderBy": {"field": "STARTS_AT"},
        },
    )
    assert [n["title"] for n in data["jobPostings"]["nodes"]] == ["岗位0", "岗位1", "岗位2"]
    near, _ = await run(
        client, "PostingSearch", {"near": {"latitude": 30.25, "longitude": 120.17, "radiusKm": 5}}
    )
    assert near["jobPostings"]["totalCount"] == 3
    data, counts["RecommendedPostings"] = await run(client, "RecommendedPostings", {}, worker)
    assert data["recommendedJobPostings"]["totalCount"] == 3
    data, counts["ApplyToPosting"] = await run(
        client, "ApplyToPosting", {"jobPostingId": posting}, worker
    )
    application = data["jobApplicationCreate"]["jobApplication"]["id"]
    data, counts["PostingDetail"] = await run(client, "PostingDetail", {"id": posting}, worker)
    assert data["jobPosting"]["myApplication"]["status"] == "APPLIED"
    data, counts["MyApplications"] = await run(client, "MyApplications", {}, worker)
    assert data["myJobApplications"]["totalCount"] == 1
    data, counts["EmployerPostings"] = await run(client, "EmployerPostings", {}, token["employer"])
    assert data["myJobPostings"]["nodes"][-1]["applicationCounts"]["applied"] == 1
    data, counts["Candidates"] = await run(
        client,
        "Candidates",
        {"jobPostingId": encode_id("JobPosting", postings[1])},
        token["employer"],
    )
    assert data["candidateWorkers"]["totalCount"] == 5  # the cast worker and four others
    data, counts["Applicants"] = await run(
        client, "Applicants", {"jobPostingId": posting}, token["employer"]
    )
    assert [n["id"] for n in data["jobApplications"]["nodes"]] == [application]
    data, counts["ConfirmApplication"] = await run(
        client, "ConfirmApplication", {"id": application}, token["employer"]
    )
    assert data["jobApplicationConfirm"]["jobApplication"]["worker"]["phone"] == phone
    data, counts["ApplicationDetail"] = await run(
        client, "ApplicationDetail", {"id": application}, worker
    )
    assert data["jobApplication"]["jobPosting"]["employer"]["contact"]["name"] == "赵经理"
    data, counts["CheckIn"] = await run(client, "CheckIn", {"id": application}, token["operator"])
    assert data["jobApplicationCheckIn"]["jobApplication"]["checkedInBy"] == "OPERATOR"
    data, counts["CompleteApplication"] = await run(
        client, "CompleteApplication", {"id": application}, token["employer"]
    )
    assert data["jobApplicationComplete"]["jobApplication"]["status"] == "COMPLETED"
    # the employer turns down the cast worker, posts tomorrow's work, publishes it and closes
    # the third posting; yesterday's confirmed worker who never came is marked
    turned_down = await make_application(cast.worker_id, postings[2], cast.employer_id)
    data, counts["CancelApplication"] = await run(
        client,
        "CancelApplication",
        {"id": encode_id("JobApplication", turned_down), "reason": "人已招满"},
        token["employer"],
    )
    assert data["jobApplicationCancel"]["jobApplication"]["cancelledBy"] == "EMPLOYER"
    starts = now().replace(microsecond=0) + timedelta(days=1)
    data, counts["CreatePosting"] = await run(
        client,
        "CreatePosting",
        {
            "input": {
                "occupationId": occupation,
                "marketId": encode_id("Market", cast.market_id),
                "title": "明日卸货",
                "headcount": 2,
                "wage": {"amount": "240", "unit": "DAY"},
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=8)).isoformat(),
                "place": {"address": "杭州市上城区望江路 1 号", "regionCode": "330102"},
            }
        },
        token["employer"],
    )
    draft = data["jobPostingCreate"]["jobPosting"]
    assert (draft["status"], draft["wage"]["dailyEquivalent"]) == ("DRAFT", "240.00")
    data, counts["PublishPosting"] = await run(
        client, "PublishPosting", {"id": draft["id"]}, token["employer"]
    )
    assert data["jobPostingPublish"]["jobPosting"]["status"] == "OPEN"
    data, counts["UpdatePosting"] = await run(
        client,
        "UpdatePosting",
        {"id": draft["id"], "input": {"headcount": 3, "description": "管午饭"}},
        token["employer"],
    )
    assert data["jobPostingUpdate"]["jobPosting"]["headcount"] == 3
    data, counts["ClosePosting"] = await run(
        client, "ClosePosting", {"id": encode_id("JobPosting", postings[2])}, token["employer"]
    )
    assert data["jobPostingClose"]["jobPosting"]["applicationCounts"]["cancelled"] == 1
    begun = await insert_posting(
        cast.employer_id, now() - timedelta(hours=1), now() + timedelta(hours=7)
    )
    absent = await insert_application((await make_worker())[0], begun, "CONFIRMED")
    data, counts["MarkNoShow"] = await run(
        client, "MarkNoShow", {"id": encode_id("JobApplication", absent)}, token["employer"]
    )

    # then
    assert data["jobApplicationMarkNoShow"]["jobApplication"]["status"] == "NO_SHOW"
    print("SQL statements per operation:", counts)
    assert {n: c for n, c in counts.items() if c > SQL_BUDGET[n]} == {}, counts


async def test_lists_take_as_many_statements_for_5_as_for_40_results(client):
    # given: 40 postings, 40 applications of one worker, 40 candidate workers
    cast, postings = await _scene(n_postings=40)
    for posting_id in postings:
        await make_application(cast.worker_id, posting_id, cast.employer_id)
    variables = {
        "PostingSearch": {},
        "RecommendedPostings": {},
        "MyApplications": {},
        "EmployerPostings": {},
        "Candidates": {"jobPostingId": encode_id("JobPosting", postings[0])},
    }
    other_worker, other_token = await make_worker()
    tokens = {
        "PostingSearch": None,
        "RecommendedPostings": other_token,
        "MyApplications": cast.token["worker"],
        "EmployerPostings": cast.token["employer"],
        "Candidates": cast.token["employer"],
    }
    counts = {}

    for name, root in LISTS.items():
        for first in (5, 40):
            # when
            data, counts[name, first] = await run(
                client, name, {**variables[name], "first": first}, tokens[name]
            )

            # then
            assert len(data[root]["nodes"]) == first, (name, first)

    for name in LISTS:
        assert counts[name, 5] == counts[name, 40] <= SQL_BUDGET[name], counts


async def test_the_posting_board_document_streams_over_a_websocket(app):
    # given
    cast, _ = await _scene(n_postings=0)
    draft = await make_posting(cast.employer_id, publish=False, market_id=cast.market_id)

    async with serve_in_process(app) as port:
        async with subscription(
            port, DOCUMENTS["PostingBoard"], {"marketId": encode_id("Market", cast.market_id)}
        ) as ws:

            async def listening() -> bool:
                return board.broker.ready_count > 0

            await until(listening)

            # when
            await postings.publish(cast.employer_id, draft)
            message = await receive(ws)

    # then
    card = message["payload"]["data"]["jobPostingPublished"]
    assert (card["id"], card["status"], card["market"]["id"]) == (
        encode_id("JobPosting", draft),
        "OPEN",
        encode_id("Market", cast.market_id),
    )
