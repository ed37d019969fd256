"""The hot queries' plans on generated data: no full scan of a big table, no sort for the
default order of posting search, literal limits (tools/bench/hot.py has the same cases)."""

# Each case runs once as the app runs it; every statement it sent (captured through
# piccolo_conf.sql_statement_log, with its arguments) is explained by the database itself:
# EXPLAIN QUERY PLAN on SQLite, EXPLAIN (FORMAT JSON) on PostgreSQL, after the generator's
# ANALYZE, with the planner's settings untouched.

from __future__ import annotations

import json
import re

from resolvers.pagination import MAX_PAGE_SIZE
from resolvers.trusted_documents import canonical_documents
from services.db import current_engine
from services.timeutil import local, now
from tools.bench.hot import cases, statements
from tools.province.run import generate

SCALE = 0.05  # 100,000 postings (~6,000 open), 50,000 workers, 250,000 applications
BIG = {"job_posting", "job_application", "worker", "worker_occupation", "employer"}
# Aliases the reconciliation's hand-written SQL gives the big tables.
ALIASES = {"t", "p", "w"}
# A full walk of these indexes reads open postings only (partial indexes).
PARTIAL = re.compile(r"job_posting_open_\w+")
DEFAULT_ORDER = "search default order"
# candidateWorkers walks workers in id order and stops at its 1,000th nearby one (a third of a
# city's workers are near); the walk is a scan in both plans, kept on purpose: the union of the
# city's and the occupation's workers, sorted, reads more at province scale.
PRIMARY_KEY_WALKS = {("candidates", "worker")}
# The most rows a page's own statement sorts: the largest page and its look-ahead row, twice.
PAGE_ROWS = 2 * (MAX_PAGE_SIZE + 1)


def _sqlite_problems(case: str, plan: list[dict]) -> list[str]:
    out = []
    # A page chosen in a subquery and then read by id (resolvers/pagination.sql_page's `rows`)
    # sorts only its first+1 rows at the top: allowed; a sort inside the subquery is not.
    page_subquery = any("LIST SUBQUERY" in row["detail"] for row in plan)
    for row in plan:
        line = row["detail"]
        scan = re.match(r"SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?", line)
        if scan:
            table, index = scan.groups()
            big = table in BIG or table in ALIASES
            if (
                big
                and (case, table) not in PRIMARY_KEY_WALKS
                and not (index and PARTIAL.fullmatch(index))
            ):
                out.append(f"full scan: {line}")
        if case == DEFAULT_ORDER and "TEMP B-TREE FOR ORDER BY" in line:
            if not (page_subquery and row["parent"] == 0):
                out.append(f"sort: {line}")
    return out


def _nodes(node: dict, under_limit: bool = False):
    """Every plan node, with whether a Limit is above it."""
    yield node, under_limit
    below = under_limit or node["Node Type"] == "Limit"
    for child in node.get("Plans", []):
        yield from _nodes(child, below)


def _postgres_problems(case: str, plan: dict) -> list[str]:
    out = []
    for node, under_limit in _nodes(plan["Plan"]):
        kind, table = node["Node Type"], node.get("Relation Name")
        if kind == "Seq Scan" and table in BIG and (case, table) not in PRIMARY_KEY_WALKS:
            out.append(f"full scan: Seq Scan on {table}")
        # A sort under the page's Limit sorts every matching row. One outside it, over at most
        # a page of rows, orders (or merge-joins) the page's own rows after it was chosen
        # (sql_page's `rows`: the page is an InitPlan with its Limit).
        page_sort = not under_limit and node.get("Plan Rows", PAGE_ROWS + 1) <= PAGE_ROWS
        if case == DEFAULT_ORDER and kind in ("Sort", "Incremental Sort") and not page_sort:
            out.append(f"sort: {kind} {node.get('Sort Key')} ({node.get('Plan Rows')} rows)")
    return out


async def _problems(case: str, sql: str, args: list) -> list[str]:
    if case == DEFAULT_ORDER and 'FROM "job_posting"' not in sql:
        case = "loader"  # the page's markets, employers…: small tables, looked up by id
    engine = current_engine()
    if engine.engine_type == "sqlite":
        rows = await engine._run_in_new_connection(f"EXPLAIN QUERY PLAN {sql}", args)
        return _sqlite_problems(case, rows)
    rows = await engine._run_in_new_connection(f"EXPLAIN (FORMAT JSON) {sql}", args)
    plan = rows[0]["QUERY PLAN"]
    return _postgres_problems(case, (json.loads(plan) if isinstance(plan, str) else plan)[0])


async def test_hot_queries_read_indexes_not_whole_tables():
    await generate(seed=3, scale=SCALE, today=local(now()).date(), progress=False)
    documents = canonical_documents()
    found: dict[str, list[str]] = {}
    sent: dict[str, int] = {}
    for case in await cases():
        log = await statements(case, documents)
        sent[case.name] = len(log)
        for sql, args in log:
            if sql.lstrip().upper().startswith("SELECT"):
                for problem in await _problems(case.name, sql, args):
                    found.setdefault(case.name, []).append(f"{problem}\n    in {sql[:160]}")
            # A bound LIMIT makes SQLite plan for an unknown page size (it walked a whole
            # index for one): every limit is written into the SQL.
            assert not re.search(r"LIMIT\s+(\?|\$\d)", sql), sql

    assert found == {}, "\n".join(f"{k}: {p}" for k, v in found.items() for p in v)
    assert all(sent.values()), sent  # every case really ran statements
