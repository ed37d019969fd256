"""The hot queries at province scale: in-process timings and, with --plans, each statement's plan.

    lingong generate-province --scale 0.1        # once, into the configured database
    python -m tools.bench.hot [--repeat 20] [--plans] [--only 'region' …] [--text-plans]

Runs against the configured database as it is (SQLite, or PostgreSQL when DATABASE_URL is set):
each case is a frontend document with the variables and the viewer of the screen that sends it,
picked from the data (a worker with occupations and a location, an employer's open posting, an
operator with reports). Prints p50/p95 in milliseconds and SQL statements per request.
tests/test_query_plans.py checks the plans of the same cases.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from piccolo_conf import sql_statement_counter, sql_statement_log
from resolvers.context import Context
from resolvers.global_ids import encode_id
from resolvers.trusted_documents import canonical_documents
from services.auth.rules import Viewer
from services.memory import freeze_long_lived
from services.timeutil import local, now
from tables import job_posting as jp
from tables.assessment import WorkloadReport
from tables.worker import Worker, WorkerOccupation


@dataclass(frozen=True)
class Case:
    name: str
    document: str
    variables: dict[str, Any]
    role: str | None = None
    subject: int = 0


async def cases() -> list[Case]:
    """The hot queries of issue 15 with subjects and filters drawn from the data."""
    worker = (
        await Worker.select(Worker.id, Worker.latitude, Worker.longitude)
        .where(Worker.latitude.is_not_null(), Worker.home_region.is_not_null())
        .order_by(Worker.id)
        .first()
    )
    occupation = (
        await WorkerOccupation.select(WorkerOccupation.occupation.code)
        .where(WorkerOccupation.worker == worker["id"])
        .order_by(WorkerOccupation.id)  # the same occupation on every run and engine
        .first()
        if worker
        else None
    )
    posting = (
        await jp.JobPosting.select(
            jp.JobPosting.id, jp.JobPosting.employer, jp.JobPosting.region._.parent._.code
        )
        .where(jp.JobPosting.status == "OPEN", jp.JobPosting.ends_at > now())
        .order_by(jp.JobPosting.id)
        .first()
    )
    report = (
        await WorkloadReport.select(WorkloadReport.operator, WorkloadReport.market)
        .order_by(WorkloadReport.id)
        .first()
    )
    applied = (
        await jp.JobApplication.select(
            jp.JobApplication.worker, jp.JobApplication.posting, jp.JobApplication.posting.employer
        )
        .order_by(jp.JobApplication.id)
        .first()
    )
    if worker is None or posting is None or report is None or occupation is None or not applied:
        raise SystemExit("no data: run `lingong generate-province` first")
    tomorrow = (local(now()).date() + timedelta(days=1)).isoformat()
    point = {"latitude": worker["latitude"], "longitude": worker["longitude"], "radiusKm": 10}
    search = "PostingSearch"
    return [
        Case("directory", "MarketDirectory", {}),
        Case("search default order", search, {}),
        Case("search occupation", search, {"where": {"occupationCode": occupation["occupation.code"]}}),
        Case("search region (city)", search, {"where": {"regionCode": posting["region.parent.code"]}}),
        Case("search wage ≥ 300", search, {"where": {"minDailyWage": "300"}}),
        Case("search workDate", search, {"where": {"workDate": tomorrow}}),
        Case("search near 10 km", search, {"near": point}),
        Case("search text", search, {"search": "急招"}),
        # A word in about one open posting in a hundred, and one in none: both read the index
        # of the words rather than every open posting (SQLite's grams, PostgreSQL's GIN).
        Case("search text, a county's name", search, {"search": "庆元县"}),
        Case("search text, no match", search, {"search": "无此岗位"}),
        Case("search by wage desc", search, {"orderBy": {"field": "DAILY_WAGE", "direction": "DESC"}}),
        Case("recommendations", "RecommendedPostings", {}, "WORKER", worker["id"]),
        Case(
            "candidates",
            "Candidates",
            {"jobPostingId": encode_id("JobPosting", posting["id"])},
            "EMPLOYER",
            posting["employer"],
        ),
        Case("workload reports", "WorkloadReports", {}, "OPERATOR", report["operator"]),
        # signed-in lists whose cards come with the page (resolvers/prefetch.py)
        Case("applicants", "Applicants", {"jobPostingId": encode_id("JobPosting", applied["posting"])},
             "EMPLOYER", applied["posting.employer"]),
        Case("employer postings", "EmployerPostings", {}, "EMPLOYER", applied["posting.employer"]),
        Case("my applications", "MyApplications", {}, "WORKER", applied["worker"]),
        Case("market workers", "MarketWorkers", {"marketId": encode_id("Market", report["market"])},
             "OPERATOR", report["operator"]),
        Case("quiet markets", "QuietMarkets", {"regionCode": posting["region.parent.code"]}),
    ]  # fmt: skip


async def run(case: Case, documents: dict[str, str], text_plans: bool = False) -> dict:
    """The case's `data`. With `text_plans`, answered as the server's view answers a trusted
    document: its text plan first (resolvers/compiled/texts.py), the executor when it has none
    or gives the request back; else by the executor (compiled or generic) alone."""
    from schema.root import schema

    viewer = Viewer(0, case.role, case.subject, None) if case.role else None
    context = Context(viewer=viewer, request_id="bench")
    texts = getattr(schema, "texts", None) if text_plans else None
    if texts is not None:
        body = await texts.answer(documents[case.document], case.document, case.variables, context)
        if body is not None:
            return json.loads(body)["data"]
    result = await schema.execute(
        documents[case.document],
        variable_values=case.variables,
        context_value=context,
        operation_name=case.document,
    )
    if result.errors:
        raise RuntimeError(f"{case.name}: {result.errors}")
    assert result.data is not None
    return result.data


async def statements(case: Case, documents: dict[str, str]) -> list[tuple[str, list]]:
    """The SQL (and arguments) one request of the case sends, in order."""
    log: list[tuple[str, list]] = []
    token = sql_statement_log.set(log)
    try:
        await run(case, documents)
    finally:
        sql_statement_log.reset(token)
    return log


async def plan(sql: str, args: list) -> str:
    """The engine's plan of one statement as text (EXPLAIN QUERY PLAN / EXPLAIN)."""
    from services.db import current_engine

    engine = current_engine()
    if engine.engine_type == "sqlite":
        rows = await engine._run_in_new_connection(f"EXPLAIN QUERY PLAN {sql}", args)
        return "\n".join(r["detail"] for r in rows)
    rows = await engine._run_in_new_connection(f"EXPLAIN {sql}", args)
    return "\n".join(r["QUERY PLAN"] for r in rows)


async def measure(
    repeat: int, show_plans: bool, only: list[str] | None = None, text_plans: bool = False
) -> None:
    documents = canonical_documents()
    if text_plans:
        print("answered as served: a trusted document's text plan first")
    print(f"{'case':24} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}  total")
    hot = [c for c in await cases() if not only or any(o in c.name for o in only)]
    for case in hot:  # warm-up (the parser's caches, the compiled plans, the kept page texts)
        await run(case, documents, text_plans)
    freeze_long_lived()  # as the server does after start-up (app.py)
    for case in hot:
        data = await run(case, documents, text_plans)
        times = []
        box = [0]
        for _ in range(repeat):
            box = [0]
            token = sql_statement_counter.set(box)
            t0 = time.perf_counter()
            data = await run(case, documents, text_plans)
            times.append((time.perf_counter() - t0) * 1000)
            sql_statement_counter.reset(token)
        field = next(iter(data.values()))
        if isinstance(field, list):  # a plain list (quiet markets): its length
            total = len(field), True
        else:
            total = field.get("totalCount"), field.get("totalCountIsExact", True)
        q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
        print(
            f"{case.name:24} {statistics.median(times):8.1f} {q[18]:8.1f} {box[0]:4d}  "
            f"{total[0]}{'' if total[1] else '+'}"
        )
        if show_plans:
            for sql, args in await statements(case, documents):
                print(f"    {sql[:200]}")
                print("      " + (await plan(sql, args)).replace("\n", "\n      "))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="lingong-bench-hot")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--plans", action="store_true", help="print each statement's plan")
    p.add_argument(
        "--only", action="append", help="only the cases whose name holds this text (repeatable)"
    )
    p.add_argument(
        "--text-plans",
        action="store_true",
        help="answer as the server does: a trusted document's text plan first",
    )
    args = p.parse_args(argv)

    async def go() -> None:
        from piccolo.engine.postgres import PostgresEngine

        from services.db import current_engine

        engine = current_engine()
        if isinstance(engine, PostgresEngine):
            await engine.start_connection_pool(min_size=1, max_size=4)  # as app.py's lifespan
        try:
            await measure(args.repeat, args.plans, args.only, args.text_plans)
        finally:
            if isinstance(engine, PostgresEngine):
                await engine.close_connection_pool()

    asyncio.run(go())


if __name__ == "__main__":
    main()
