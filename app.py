"""ASGI entry: GraphQL (HTTP + WebSocket), the staff admin, health checks and CSV export."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from typing import Any

from cross_web import HTTPException
from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode, OperationType, parse
from piccolo.engine.postgres import PostgresEngine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http.parse_content_type import parse_content_type

from admin.site import create_admin_app
from admin.statistics.charts import CSV_PATH as STATISTICS_CSV
from admin.statistics.charts import PATH as STATISTICS_CHARTS
from admin.statistics.charts import statistics_csv, statistics_page
from admin.statistics.dashboard import PATH as TARGETS_DASHBOARD
from admin.statistics.dashboard import targets_page
from piccolo_conf import KEPT_SQLITE_CONNECTIONS, CountingSQLiteEngine
from resolvers.compiled.texts import TextPlans
from resolvers.context import build_context
from resolvers.safety import capped, finalise_errors
from resolvers.throttle import EarlyRejections, Limits
from resolvers.trusted_documents import (
    TrustedDocuments,
    TrustedTransportWSHandler,
    TrustedWSHandler,
    admit_http,
)
from schema.root import build_schema
from services.db import current_engine, embedded_database_warning, missing_migrations
from services.job_posting.rules import sweep_periodically
from services.logs import install as install_log_redaction
from services.logs import request_id_var
from services.market.export import csv_chunks
from services.market.publication import file_chunks
from services.memory import freeze_long_lived
from settings import get_settings

log = logging.getLogger("lingong")
# The GraphQL over HTTP media type: clients that accept it get spec status codes for request errors.
GRAPHQL_RESPONSE = "application/graphql-response+json"
READY_TIMEOUT_SECONDS = 3.0
SWEEPER_STOP_SECONDS = 10.0


def _get_refusal_kind(text: str) -> str:
    """ "mutations" or "queries", as Strawberry words its own GET refusals."""
    try:
        document = parse(text)
    except GraphQLError:
        return "queries"
    kinds = {d.operation for d in document.definitions if isinstance(d, OperationDefinitionNode)}
    return "mutations" if OperationType.MUTATION in kinds else "queries"


class TextBody(str):
    """A response body the database wrote (resolvers/compiled/texts.py), sent as it is."""


class TextResult(ExecutionResult):
    """An operation answered by a text plan: no errors, the body already written."""

    def __init__(self, body: str) -> None:
        super().__init__(data=None, errors=None)
        self.body = TextBody(body)


def _replay(body: bytes, receive: Any) -> Any:
    """`receive` for the view after the text lane has read the body: the body once, then the
    connection's own messages (a disconnect)."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> dict:
        return pending.pop() if pending else await receive()

    return replayed


# Set on a request the text lane tried and left to the view: the view does not try again.
TEXT_TRIED = "lingong.text_tried"


class GraphQLView(GraphQL):
    """Strawberry's ASGI view with our context, UTF-8 JSON, a request id on errors and the
    trusted-documents rule (resolvers/trusted_documents.py) on HTTP and WebSocket."""

    trusted = TrustedDocuments({})
    get_by_hash_only = False
    graphql_transport_ws_handler_class = TrustedTransportWSHandler
    graphql_ws_handler_class = TrustedWSHandler

    async def execute_operation(self, request, request_adapter, request_data, context, **rest):
        if self.get_by_hash_only and request_adapter.method == "GET" and request_data.query:
            # Production runs a GET only by hash (a registered document, cacheable): a GET with
            # document text is what a cross-site page can send unasked.
            raise HTTPException(
                400, f"{_get_refusal_kind(request_data.query)} are not allowed when using GET"
            )
        refused = await admit_http(self.trusted, request_data, context)
        if refused is not None:
            return refused
        texts = getattr(self.schema, "texts", None)
        tried = request.scope.get("state", {}).get(TEXT_TRIED)
        if texts is not None and not tried and not isinstance(request_data, list):
            # A trusted list document read anonymously: the database writes the response
            # (resolvers/compiled/texts.py); None: the generic executor answers.
            body = await texts.answer(
                request_data.query, request_data.operation_name, request_data.variables, context
            )
            if body is not None:
                return TextResult(body)
        return await super().execute_operation(
            request=request,
            request_adapter=request_adapter,
            request_data=request_data,
            context=context,
            **rest,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and self._texts():
            return await self._text_lane(scope, receive, send)
        return await super().__call__(scope, receive, send)

    def _texts(self) -> TextPlans | None:
        return getattr(self.schema, "texts", None)  # built by schema.root.build_schema

    async def _text_lane(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A POST of a text-planned document, answered without Strawberry's request handling:
        at a few hundred requests a second its body parsing, context and response building
        cost as much as the answer. Anything that is not a plain JSON request of a planned
        document, or that its plan does not answer, goes on to the view, which answers it as
        it always did (the body read here is handed on)."""
        request = Request(scope, receive)
        headers = request.headers
        if "application/json" not in parse_content_type(headers.get("content-type", ""))[0]:
            return await super().__call__(scope, receive, send)
        body = await request.body()  # the route's body limit applies, as for the view
        answered = await self._text_answer(request, body)
        if answered is None:
            scope.setdefault("state", {})[TEXT_TRIED] = True
            return await super().__call__(scope, _replay(body, receive), send)
        response = Response(answered, media_type="application/json")
        if GRAPHQL_RESPONSE in headers.get("accept", ""):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        await response(scope, receive, send)

    async def _text_answer(self, request: Request, body: bytes) -> str | None:
        texts = self._texts()
        assert texts is not None  # __call__ came here only with text plans
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None  # a batch: the view refuses it
        variables = data.get("variables")
        extensions = data.get("extensions")
        if not isinstance(variables, dict | None) or not isinstance(extensions, dict | None):
            return None
        # A registered text or hash needs no viewer; anything else is the view's to judge.
        admission = self.trusted.admit(data, None)
        if admission.error is not None or admission.query not in texts.by_text:
            return None
        context = await self.get_context(request)
        return await texts.answer(admission.query, data.get("operationName"), variables, context)

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET by hash carries no `query`: it is an operation, not a visit to GraphiQL.
        return "extensions" not in request.query_params and super().should_render_graphql_ide(
            request
        )

    async def get_context(self, request: Any, response: Any = None) -> Any:
        # The token is looked up just before execution (AuthenticateBeforeExecution), so a
        # request refused earlier costs no database round trip; WebSocket subscriptions
        # authenticate at once.
        return await build_context(request, response, lazy=not isinstance(request, WebSocket))

    async def get_sub_response(self, request: Any) -> Any:
        # Kept on the request so process_result can set the status and media type.
        sub_response = await super().get_sub_response(request)
        request.state.sub_response = sub_response
        return sub_response

    async def process_result(self, request: Any, result: Any) -> Any:
        if isinstance(result, TextResult):
            if GRAPHQL_RESPONSE in request.headers.get("accept", ""):
                request.state.sub_response.media_type = GRAPHQL_RESPONSE
            return result.body
        # Syntax errors skip the masking extension (see resolvers/safety.finalise_errors).
        if result.errors:
            request_id = getattr(getattr(request, "state", None), "request_id", None)
            result.errors = capped(finalise_errors(result.errors, request_id))
        body = await super().process_result(request, result)
        if GRAPHQL_RESPONSE in request.headers.get("accept", ""):
            # GraphQL over HTTP: with this media type a request error (parse, validation,
            # variables: no data was produced) is a 4xx without a `data` entry.
            sub_response = request.state.sub_response
            sub_response.media_type = GRAPHQL_RESPONSE
            if result.data is None and result.errors and all(e.path is None for e in result.errors):
                masked = any(
                    (e.extensions or {}).get("code") == "INTERNAL_SERVER_ERROR"
                    for e in result.errors
                )
                sub_response.status_code = sub_response.status_code or (500 if masked else 400)
                body.pop("data", None)
        return body

    def create_response(self, response_data: Any, sub_response: Any) -> Any:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    def decode_json(self, data: str | bytes) -> object:
        # Strawberry answers 500 for a body that is not UTF-8 (UnicodeDecodeError is not the
        # JSONDecodeError it catches) and for JSON that is neither an object nor a batch.
        try:
            decoded = json.loads(data)
        except UnicodeDecodeError as error:
            raise json.JSONDecodeError("not UTF-8", "", 0) from error
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, "A GraphQL request is a JSON object (a batch, a list of them)")
        return decoded

    def encode_json(self, data: object) -> str:
        if isinstance(data, TextBody):
            return data  # written by the database, already JSON
        # Strawberry's default escapes every Chinese character as \uXXXX.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Every response: no MIME sniffing, no referrer to other sites.
COMMON_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
# Staff pages are never framed (clickjacking); the server-rendered dashboards run no script.
ADMIN_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
]
DASHBOARD_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"script-src 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
]


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    if path.startswith("/admin-dashboard/"):
        return COMMON_HEADERS + DASHBOARD_HEADERS
    if path.startswith("/admin"):
        return COMMON_HEADERS + ADMIN_HEADERS
    return COMMON_HEADERS


class RequestIdMiddleware:
    """Gives every HTTP request an id (echoed as X-Request-Id) that masked errors quote, and
    every response the security headers of its path (security_headers)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(security_headers(scope.get("path", "")))
            await send(message)

        # Every log line written while serving this request carries its id (services/logs).
        reset = request_id_var.set(request_id)
        try:
            return await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(reset)


async def live(request: Request) -> JSONResponse:
    return JSONResponse({"status": "live"})


async def ready(request: Request) -> JSONResponse:
    try:
        # A database that hangs (network partition, exhausted pool) must not hang the probe.
        missing = await asyncio.wait_for(_ping(), timeout=READY_TIMEOUT_SECONDS)
    except Exception as exc:  # any failure to reach the database means "not ready"
        log.warning("readiness check failed: %r", exc)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if missing:  # an empty or old database (a lost file, a skipped migrate) is not ready
        log.warning("readiness check failed: %d migrations not applied", len(missing))
        body = {"status": "unavailable", "database": "schema out of date", "missing": len(missing)}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ready", "database": "ok"})


async def _ping() -> set[str]:
    """Reach the database; the migrations of this code it lacks (empty when current)."""
    from tables.region import Region

    await Region.raw("SELECT 1")
    return await missing_migrations()


async def markets_csv(request: Request) -> StreamingResponse:
    return StreamingResponse(
        csv_chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''zhejiang-gig-markets.csv"},
    )


async def published_markets_csv(request: Request) -> Response:
    """A kept publication of the market list, as it was published (（二十）)."""
    raw = request.path_params["number"]
    chunks = await file_chunks(int(raw)) if raw.isdigit() and len(raw) <= 9 else None
    if chunks is None:
        return PlainTextResponse("没有这一期清单", status_code=404)
    return StreamingResponse(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''zhejiang-gig-markets-{raw}.csv"
        },
    )


async def _configure_database() -> None:
    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        # With the replica's and the cards' pools (piccolo_conf.CountingPostgresEngine).
        await engine.start_connection_pool(min_size=1, max_size=10)
    else:
        # WAL lets readers go on while one writer commits; the setting persists in the file.
        await engine.run_ddl("PRAGMA journal_mode=WAL")
        if isinstance(engine, CountingSQLiteEngine):
            engine.keep_connections(KEPT_SQLITE_CONNECTIONS)
        if warning := embedded_database_warning(get_settings().production):
            log.warning(warning)


def _start_sweeper(stop: asyncio.Event) -> asyncio.Task | None:
    """Housekeeping off the request path: ended postings stored EXPIRED and pending
    applications of ended shifts cancelled, in short batches, every LINGONG_EXPIRY_SWEEP_SECONDS
    (services/job_posting/rules.sweep_periodically); None when that is 0."""
    interval = get_settings().expiry_sweep_seconds
    if interval <= 0:
        return None
    return asyncio.create_task(sweep_periodically(stop, interval), name="expiry sweep")


async def _stop_sweeper(sweeper: asyncio.Task) -> None:
    # Between two batches the sweeper sees its event and returns; one still running after the
    # wait (a statement stuck on the database) is cancelled, its transaction rolled back.
    try:
        await asyncio.wait_for(sweeper, SWEEPER_STOP_SECONDS)
    except TimeoutError:
        log.warning("expiry sweep did not stop within %s s: cancelled", SWEEPER_STOP_SECONDS)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette):
    await _configure_database()
    freeze_long_lived()  # start-up objects never die: out of the full collections' way
    stop_sweeping = asyncio.Event()
    sweeper = _start_sweeper(stop_sweeping)
    try:
        yield
    finally:
        stop_sweeping.set()
        if sweeper is not None:
            await _stop_sweeper(sweeper)
        engine = current_engine()
        if isinstance(engine, PostgresEngine):
            await engine.close_connection_pool()
        elif isinstance(engine, CountingSQLiteEngine):
            await engine.close_kept_connections()


def create_app(
    production: bool | None = None,
    trusted_documents: str | None = None,
    limits: Limits | None = None,
) -> Starlette:
    settings = get_settings()
    install_log_redaction()
    production = settings.production if production is None else production
    view = GraphQLView(build_schema(production), graphql_ide=None if production else "graphiql")
    view.trusted = TrustedDocuments.load(trusted_documents or settings.trusted_documents)
    view.get_by_hash_only = production
    return Starlette(
        routes=[
            Route("/graphql", view, methods=["GET", "POST"], max_body_size=settings.max_body_bytes),
            WebSocketRoute("/graphql", view),
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/exports/markets.csv", markets_csv),
            Route("/exports/markets/publications/{number}.csv", published_markets_csv),
            Route(TARGETS_DASHBOARD, targets_page),
            Route(STATISTICS_CHARTS, statistics_page),
            Route(STATISTICS_CSV, statistics_csv),
            Mount(
                "/admin/", create_admin_app(production), max_body_size=settings.admin_max_body_bytes
            ),
        ],
        # Rate limits, failed-lookup budget, declared body over the cap: refused before routing.
        middleware=[Middleware(EarlyRejections, limits=limits or Limits.from_settings(settings))],
        lifespan=lifespan,
    )


app = RequestIdMiddleware(create_app())
