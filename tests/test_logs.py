"""Logs: real requests through uvicorn, captured at DEBUG, hold no credential or personal data,
and every line written while serving a request carries its request id."""

from __future__ import annotations

import asyncio
import json
import logging
import socket

import httpx
import pytest
import uvicorn

from resolvers.global_ids import encode_id
from services.logs import FORMAT, redact, redact_path
from tests.fixtures.account import PASSWORD, next_phone, next_resident_id
from tests.fixtures.market import make_market
from tests.fixtures.worker import make_worker

SIGN_IN = """mutation($phone: String!, $password: String!) {
  tokenCreate(input: {phone: $phone, password: $password}) { token userErrors { code } } }"""
REGISTER = """mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) { token userErrors { code } } }"""
PROFILE = """mutation($input: WorkerProfileUpdateInput!) {
  workerProfileUpdate(input: $input) { worker { residentIdMasked } userErrors { code } } }"""
MARKET = "query($id: ID!) { market(id: $id) { name } }"
# Loggers that write while a request is served: ours, the server's, the libraries' below us.
CAPTURED = (
    "lingong",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "strawberry",
    "piccolo",
    "asyncpg",
    "aiosqlite",
)
# Those that write in the request's own task (aiosqlite logs from its connection thread).
REQUEST_LOGGERS = ("lingong", "uvicorn.access", "strawberry", "piccolo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def served(app):
    """The app behind a real uvicorn (access log on), on a loopback port of this event loop."""
    port = _free_port()
    # log_config=None: uvicorn keeps its loggers propagating to the capture on the root logger.
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    for _ in range(500):  # uvicorn offers only a flag to say it listens
        if server.started:
            break
        await asyncio.sleep(0.01)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        yield client
    server.should_exit = True
    await task


class Capture(logging.Handler):
    """Every record, formatted as a deployment formats it (traceback included)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter(FORMAT))
        self.lines: list[tuple[str, str, str]] = []  # (logger, request id, formatted text)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.request_id, self.format(record)))


@pytest.fixture
def captured():
    handler, root = Capture(), logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in CAPTURED]
    # Other tests' servers may have turned uvicorn's access log off (access_log=False).
    saved = [(lg.level, lg.propagate, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.propagate, lg.disabled = True, False
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)
    for lg, (level, propagate, disabled) in zip(loggers, saved, strict=True):
        lg.setLevel(level)
        lg.propagate, lg.disabled = propagate, disabled


async def post(client, query, variables, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response


async def test_request_logs_hold_no_secret_and_carry_the_request_id(served, captured, monkeypatch):
    # given: a worker to sign in as, a stranger to register, a resident id, a market
    phone, new_phone, resident_id = next_phone(), next_phone(), next_resident_id()
    await make_worker(phone=phone)
    market_id = await make_market()
    before = len(captured.lines)

    # when: sign-in with a password, a registration, a profile change under the bearer token,
    # a GET query with variables in the URL, and an unexpected error quoting every secret
    signed = await post(served, SIGN_IN, {"phone": phone, "password": PASSWORD})
    token = signed.json()["data"]["tokenCreate"]["token"]
    registered = {"phone": new_phone, "password": "another-Passw0rd", "role": "WORKER"}
    await post(served, REGISTER, {"input": {**registered, "worker": {"name": "王五"}}})
    await post(served, PROFILE, {"input": {"residentId": resident_id}}, token)
    await served.get(
        "/graphql",
        params={"query": MARKET, "variables": json.dumps({"id": phone, "phone": phone})},
        headers={"Authorization": f"Bearer {token}"},
    )

    def explode(*args, **kwargs):
        raise RuntimeError(
            f"insert failed: phone={phone} 证件 {resident_id} password={PASSWORD} token {token}"
        )

    monkeypatch.setattr("resolvers.market.queries.market_with_page", explode)
    failed = await post(served, MARKET, {"id": encode_id("Market", market_id)}, token)

    # then: the secrets never reach the log text
    text = "\n".join(line for _, _, line in captured.lines)
    for secret in (phone, new_phone, resident_id, PASSWORD, "another-Passw0rd", token):
        assert secret not in text, secret
    # the unexpected error was logged (with its traceback) and quotes the answer's request id
    request_id = failed.headers["x-request-id"]
    errors = [line for name, rid, line in captured.lines if name == "lingong.graphql"]
    assert len(errors) == 1 and f"request_id={request_id}" in errors[0]
    assert "RuntimeError: insert failed: phone=[已隐去]" in errors[0]
    # every line from the request-handling loggers names its request
    served_lines = [
        (name, rid) for name, rid, _ in captured.lines[before:] if name.startswith(REQUEST_LOGGERS)
    ]
    access = [rid for name, rid in served_lines if name == "uvicorn.access"]
    assert len(access) == 5
    assert [entry for entry in served_lines if entry[1] == "-"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"phone":"13912345678","password":"x y"}', '{"phone":[已隐去],"password":[已隐去]}'),
        ("{'residentId': '33010219800101001X'}", "{'residentId': [已隐去]}"),
        ("Authorization: Bearer abc.DEF-123_x", "Authorization: [已隐去]"),
        ("sent Bearer abc.DEF-123_x to", "sent Bearer [已隐去] to"),
        ("call 13912345678 or 0571-88990011", "call [已隐去] or [已隐去]"),
        ("证件 33010219800101001x 核对", "证件 [已隐去] 核对"),
        ("token=Zm9vYmFy&x=1", "token=[已隐去]&x=…"),
        ("issued lg_6oK-jozgCxbqetYdqOo_IiloqAHW now", "issued [已隐去] now"),
        ("['$argon2id$v=19$m=1024,t=1,p=1$Ob6O$DNWf+g3', 'WORKER']", "['[已隐去]', 'WORKER']"),
        ("('pbkdf2_sha256$1000$abc$def=', 1)", "('[已隐去]', 1)"),
        # hashes, request ids and times are not numbers to hide
        (
            "id a1391234567890ff at 2026-12-04 16:00:00",
            "id a1391234567890ff at 2026-12-04 16:00:00",
        ),
        ("phone_hash=ab12 phoneMasked=139****5678", "phone_hash=ab12 phoneMasked=139****5678"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_query_values_are_dropped_from_logged_paths():
    path = "/graphql?query=%7Bviewer%7D&variables=%7B%22x%22%3A1%7D&operationName=Q"

    assert redact_path(path) == "/graphql?query=…&variables=…&operationName=…"
