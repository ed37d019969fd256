"""Rate limits with their default values, the failed-lookup budget, and refusals made before
the body is parsed or the token looked up (issue 16, defects 7 and 8)."""

from __future__ import annotations

import asyncio
import dataclasses

import httpx
import pytest

from resolvers import context as context_module
from resolvers.global_ids import encode_id
from resolvers.throttle import Limits
from settings import Settings, get_settings
from tests.fixtures.account import operator_token
from tests.fixtures.market import make_market, make_operator

CHEAP = {"query": "query Ping { __typename }"}
DEFAULTS = {
    "rate_limit_token": "30 per 3 seconds",
    "rate_limit_anonymous": "60 per 3 seconds",
    "rate_limit_address": "300 per 3 seconds",
    "failed_lookup_budget": "60 per 5 minutes",
}


def test_the_documented_defaults_are_the_settings_defaults():
    assert {name: getattr(Settings, name) for name in DEFAULTS} == DEFAULTS


class FrozenClock:
    """The limiter's clock stands still: windows of seconds do not move on while a slow
    machine sends a burst, so each count is exact."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    import time

    import limits.storage.memory

    from resolvers import throttle

    clock = FrozenClock(time.time())
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    monkeypatch.setattr(throttle, "time", clock)
    return clock


@pytest.fixture(scope="module")
def limited_app():
    """The real app with the default limits (the suite's own app has them raised)."""
    from app import RequestIdMiddleware, create_app

    def build():
        defaults = dataclasses.replace(get_settings(), **DEFAULTS)
        return RequestIdMiddleware(
            create_app(production=False, limits=Limits.from_settings(defaults))
        )

    return build


def client_at(app, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429
    wait = int(response.headers["retry-after"])
    assert 1 <= wait <= 301  # at most the 5-minute lookup window, rounded up
    assert response.headers["content-type"].startswith("application/json")
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": wait}
    assert "请求过于频繁" in error["message"] or "次数过多" in error["message"]


async def test_a_token_gets_30_requests_in_a_burst_then_429_with_retry_after(
    limited_app, frozen_clock
):
    # given: two operators' tokens, one client address
    app = limited_app()
    first = await operator_token(await make_operator())
    second = await operator_token(await make_operator())

    async with client_at(app, "10.1.0.1") as c:
        # when: the first token sends 31 requests at once
        answers = [
            await c.post("/graphql", json=CHEAP, headers={"authorization": f"Bearer {first}"})
            for _ in range(31)
        ]
        # then: 30 are answered, the 31st is refused; another token is not affected
        assert [r.status_code for r in answers] == [200] * 30 + [429]
        assert_rate_limited(answers[-1])
        other = await c.post("/graphql", json=CHEAP, headers={"authorization": f"Bearer {second}"})
        assert other.status_code == 200
        assert other.json() == {"data": {"__typename": "Query"}}
        # and: once the window has moved on (Retry-After), the first token is served again
        frozen_clock.now += int(answers[-1].headers["retry-after"])
        again = await c.post("/graphql", json=CHEAP, headers={"authorization": f"Bearer {first}"})
        assert again.status_code == 200


async def test_anonymous_clients_get_60_per_address_and_forwarded_headers_are_not_trusted(
    limited_app,
):
    app = limited_app()
    async with client_at(app, "10.1.0.2") as c:
        answers = [(await c.post("/graphql", json=CHEAP)).status_code for _ in range(60)]
        assert answers == [200] * 60
        # A client cannot pick another address with X-Forwarded-For: only uvicorn's
        # --forwarded-allow-ips (a trusted proxy) rewrites the client address.
        spoofed = await c.post("/graphql", json=CHEAP, headers={"x-forwarded-for": "10.9.9.9"})
        assert_rate_limited(spoofed)
        assert spoofed.headers["x-request-id"]  # the usual response headers are there
        # the public CSV counts against the same address
        assert (await c.get("/exports/markets.csv")).status_code == 429
        # health probes are never limited
        assert (await c.get("/health/live")).status_code == 200
    async with client_at(app, "10.1.0.3") as other:
        assert (await other.post("/graphql", json=CHEAP)).status_code == 200


async def test_every_request_from_one_address_counts_against_300(limited_app):
    # given: eleven tokens (30 each would allow 330) behind one address
    app = limited_app()
    operator = await make_operator()
    tokens = [await operator_token(operator) for _ in range(11)]
    statuses = []
    async with client_at(app, "10.1.0.4") as c:
        for token in tokens:
            for _ in range(30):
                response = await c.post(
                    "/graphql", json=CHEAP, headers={"authorization": f"Bearer {token}"}
                )
                statuses.append(response.status_code)
    assert statuses.count(200) == 300
    assert statuses[300:] == [429] * 30


def private_lookups(numbers: range) -> str:
    fields = " ".join(
        f'w{n}: node(id: "{encode_id("JobApplication", n)}") {{ id }}' for n in numbers
    )
    return f"query Probe {{ {fields} }}"


async def test_300_aliased_lookups_of_private_ids_in_a_burst_stop_at_the_budget(limited_app):
    # given: 10 requests of 30 aliased lookups of private objects, sent at once, by one token
    app = limited_app()
    token = await operator_token(await make_operator())
    headers = {"authorization": f"Bearer {token}"}
    market_id = await make_market()
    async with client_at(app, "10.1.0.5") as c:
        answers = await asyncio.gather(
            *(
                c.post(
                    "/graphql",
                    json={"query": private_lookups(range(i * 30 + 1, i * 30 + 31))},
                    headers=headers,
                )
                for i in range(10)
            )
        )
        # then: exactly the budget (60 lookups) is answered, every other request refused
        answered = [r for r in answers if r.status_code == 200]
        assert len(answered) == 2
        for response in answered:
            assert set(response.json()["data"].values()) == {None}
        for response in answers:
            if response.status_code != 200:
                assert_rate_limited(response)
        # and: the token stays refused, even for an object that exists, before anything runs
        found = {"query": f'query M {{ market(id: "{encode_id("Market", market_id)}") {{ id }} }}'}
        assert_rate_limited(await c.post("/graphql", json=found, headers=headers))
    # while another client is not affected
    async with client_at(app, "10.1.0.6") as other:
        response = await other.post("/graphql", json=found)
        assert response.json() == {"data": {"market": {"id": encode_id("Market", market_id)}}}


async def test_lookups_that_find_their_object_spend_no_budget(limited_app):
    app = limited_app()
    market_id = await make_market()
    gid = encode_id("Market", market_id)
    query = "query M { " + " ".join(f'm{i}: market(id: "{gid}") {{ id }}' for i in range(25)) + " }"
    async with client_at(app, "10.1.0.7") as c:
        for _ in range(4):  # 100 lookups, over the budget of 60 had they failed
            response = await c.post("/graphql", json={"query": query})
            assert response.status_code == 200
            assert list(response.json()["data"].values()) == [{"id": gid}] * 25


async def test_an_unknown_token_spends_its_own_budget_and_no_one_elses(limited_app, frozen_clock):
    # given: an app polling with an expired (here: unknown) token, and a valid client beside it
    app = limited_app()
    valid = await operator_token(await make_operator())
    stale = {"authorization": "Bearer lg_expired0001"}
    async with client_at(app, "10.1.0.8") as c:
        statuses = []
        for n in range(61):
            if n % 20 == 0:
                frozen_clock.now += 4  # under the token's rate limit, within the 5-minute budget
            statuses.append((await c.post("/graphql", json=CHEAP, headers=stale)).status_code)
        # then: the stale token is refused once its 60 failures are spent
        assert statuses == [200] * 60 + [429]
        # while a valid token and anonymous callers at the same address go on
        ok = await c.post("/graphql", json=CHEAP, headers={"authorization": f"Bearer {valid}"})
        assert ok.status_code == 200
        assert (await c.post("/graphql", json=CHEAP)).status_code == 200


@pytest.fixture
def token_lookups(monkeypatch):
    """Every token the context looks up: proof that a refusal came before authentication."""
    seen: list[str] = []
    real = context_module.authenticate

    async def spy(token, **options):
        seen.append(token)
        return await real(token, **options)

    monkeypatch.setattr(context_module, "authenticate", spy)
    return seen


async def test_a_declared_body_over_the_cap_is_refused_before_reading_or_authenticating(
    client, token_lookups
):
    cap = get_settings().max_body_bytes
    response = await client.post(
        "/graphql",
        content=b"{" + b" " * cap + b"}",
        headers={"content-type": "application/json", "authorization": "Bearer lg_x"},
    )
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {"message": f"请求体超过 {cap} 字节的上限", "extensions": {"code": "PAYLOAD_TOO_LARGE"}}
        ]
    }
    assert token_lookups == []


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ markets { nodes',  # bad JSON
        b'{"query": "{ markets { nodes"}',  # syntax error
        b'{"query": "query A { __typename } query B { __typename }"}',  # no operationName
        b'{"query": "{ noSuchField }"}',  # validation error
    ],
)
async def test_requests_refused_before_execution_never_look_the_token_up(
    client, token_lookups, body
):
    token = await operator_token(await make_operator())
    response = await client.post(
        "/graphql",
        content=body,
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    assert response.status_code in (200, 400)
    assert "errors" in response.text or response.status_code == 400
    assert token_lookups == []


async def test_a_request_that_executes_looks_the_token_up_once(gql, token_lookups):
    token = await operator_token(await make_operator())
    result = await gql("query V { viewer { role } }", token=token)
    assert result == {"data": {"viewer": {"role": "OPERATOR"}}}
    assert token_lookups == [token]


def test_the_limiter_starts_no_thread_per_request_and_still_drops_ended_windows(
    frozen_clock, monkeypatch
):
    """The in-memory storage sweeps ended windows inline, at most once a second, instead of
    from a timer thread that `limits` starts again for nearly every hit."""
    import threading

    from limits import parse

    from resolvers.throttle import InlineExpiryStorage

    limits = Limits.from_settings(get_settings())
    item = parse("3 per 2 seconds")
    started = []
    real_start = threading.Thread.start
    monkeypatch.setattr(
        threading.Thread, "start", lambda self: (started.append(self), real_start(self))[1]
    )
    answers = [limits.hit(item, f"address:10.0.0.{n % 2}") for n in range(8)]
    # Three allowed per key, then refusals with the seconds to wait.
    assert answers[:6] == [None] * 6
    assert all(isinstance(a, int) and 1 <= a <= 3 for a in answers[6:])
    storage = limits.limiter.storage
    assert isinstance(storage, InlineExpiryStorage)

    def windows() -> set[str]:  # the library keys them "LIMITER/<key>/<amount>/<per>/<unit>"
        return {key.split("/")[1] for key in storage.events}

    assert windows() == {"address:10.0.0.0", "address:10.0.0.1"}

    frozen_clock.now += 2.5  # both windows have ended; the next hit sweeps them
    assert limits.hit(item, "address:10.0.0.9") is None
    assert windows() == {"address:10.0.0.9"}
    assert limits.hit(item, "address:10.0.0.0") is None  # a fresh window for the first key
    assert started == []
