"""The hot queries' plans on generated data: no full scan of a big table, no sort for the
default order of posting search, literal limits (tools/bench/hot.py has the same cases)."""

# Each case runs once as the app runs it; every statement it sent (captured through
# piccolo_conf.sql_statement_log, with its arguments) is explained by the database itself:
# EXPLAIN QUERY PLAN on SQLite, EXPLAIN (FORMAT JSON) on PostgreSQL, after the generator's
# ANALYZE, with the planner's settings untouched.

from __future__ import annotations

import json
import re
from datetime import timedelta

from resolvers.pagination import MAX_PAGE_SIZE
from resolvers.trusted_documents import canonical_documents
from services.db import current_engine
from services.timeutil import local, now
from tables.region import Region
from tools.bench.hot import Case, cases, run, statements
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
        # A skip-scan (`ANY(column)`) steps through every value of an index's first columns:
        # "ends_at > now" once made SQLite skip through the open postings' regions for every
        # count (resolvers/job_posting/filters.public_open writes "+ends_at" since).
        if "ANY(" in line and re.match(r"SEARCH (\S+)", line):
            if re.match(r"SEARCH (\S+)", line).group(1) in BIG:
                out.append(f"skip-scan: {line}")
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
            if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                for problem in await _problems(case.name, sql, args):
                    found.setdefault(case.name, []).append(f"{problem}\n    in {sql[:160]}")
            # A bound LIMIT makes SQLite plan for an unknown page size (it walked a whole
            # index for one): every limit is written into the SQL.
            assert not re.search(r"LIMIT\s+(\?|\$\d)", sql), sql

    assert found == {}, "\n".join(f"{k}: {p}" for k, v in found.items() for p in v)
    assert all(sent.values()), sent  # every case really ran statements
    await _search_reads_its_indexes(documents)
    # `hot --text-plans` answers as served: the same data as the executor, on the same rows.
    for case in await cases():
        assert await run(case, documents, text_plans=True) == await run(case, documents), case.name
    await _city_count_reads_the_region_index()
    await _workload_reports_read_each_posting_once(documents)


async def _workload_reports_read_each_posting_once(documents: dict[str, str]) -> None:
    """WorkloadReports' observed figures (services/assessment/observed.py, migration
    2026-12-06T02:10 and T02:20) read the markets' postings by market from an index alone, each
    posting's applications once, from job_application_posting_moments alone, and on PostgreSQL
    the check-ins' prioritised workers from worker_prioritised_id alone (PostgreSQL:
    index-only scans once the tables are vacuumed, which autovacuum does on a live server)."""
    engine = current_engine()
    postgres = engine.engine_type == "postgres"
    if postgres:
        for table in ("job_posting", "job_application", "worker"):
            await engine.run_ddl(f"VACUUM ANALYZE {table}")
    case = next(c for c in await cases() if c.name == "workload reports")
    observed = [
        (sql, args)
        for sql, args in await statements(case, documents)
        if sql.startswith("WITH apps AS")
    ]
    assert len(observed) == 1, observed
    sql, args = observed[0]
    if not postgres:
        rows = await engine._run_in_new_connection(f"EXPLAIN QUERY PLAN {sql}", args)
        plan = [r["detail"] for r in rows]
        reads = [line for line in plan if re.search(r"\b(p|t) USING", line)]
        assert "SEARCH p USING COVERING INDEX job_posting_market (market=?)" in reads, plan
        assert (
            "SEARCH t USING COVERING INDEX job_application_posting_moments (posting=?)" in reads
        ), plan
        return
    rows = await engine._run_in_new_connection(f"EXPLAIN (FORMAT JSON) {sql}", args)
    plan = rows[0]["QUERY PLAN"]
    root = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    reads = [
        (node.get("Alias"), node["Node Type"], node.get("Index Name"))
        for node, _ in _nodes(root)
        if node.get("Relation Name") in ("job_posting", "job_application", "worker")
        and node.get("Alias") in ("p", "a", "w")
    ]
    assert reads == [
        ("p", "Index Only Scan", "job_posting_market_id"),
        ("a", "Index Only Scan", "job_application_posting_moments"),
        ("w", "Index Only Scan", "worker_prioritised_id"),  # the assisted check-ins
    ], reads


async def _city_count_reads_the_region_index() -> None:
    """A city's capped count reads the open postings' region index (migration 2026-12-06T01:30)
    and not the table: SQLite through its keys, PostgreSQL as an index-only scan once the table
    is vacuumed (autovacuum's work on a live server; the generator only analyzes)."""
    engine = current_engine()
    if engine.engine_type == "postgres":
        await engine.run_ddl("VACUUM ANALYZE job_posting")
    city = next(c for c in await cases() if c.name == "search region (city)")
    counts = [
        (sql, args)
        for sql, args in await statements(city, canonical_documents())
        if sql.startswith("SELECT COUNT")
    ]
    assert len(counts) == 1, counts
    sql, args = counts[0]
    if engine.engine_type == "sqlite":
        rows = await engine._run_in_new_connection(f"EXPLAIN QUERY PLAN {sql}", args)
        plan = [r["detail"] for r in rows]
        assert any("job_posting_open_region (region=?)" in line for line in plan), plan
        return
    rows = await engine._run_in_new_connection(f"EXPLAIN (FORMAT JSON) {sql}", args)
    plan = rows[0]["QUERY PLAN"]
    root = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    postings = [
        (node["Node Type"], node.get("Index Name"))
        for node, _ in _nodes(root)
        if node.get("Relation Name") == "job_posting"
    ]
    assert postings == [("Index Only Scan", "job_posting_open_region")], postings


def _index_names(node: dict):
    if "Index Name" in node:
        yield node["Index Name"]
    for child in node.get("Plans", []):
        yield from _index_names(child)


async def _search_reads_its_indexes(documents: dict[str, str]) -> None:
    """On PostgreSQL, rare words (one address, words that are nowhere) are found through the
    search indexes, not by reading every open posting: two characters through the grams
    index, longer texts through the trigram indexes; and a work date through the open
    postings' window index, not every open posting that starts before the day ends. Both
    statements that filter, the page's and the count's. (For a frequent word the page walks
    the soonest-start index and stops at the page: the `search text` case above.)"""
    engine = current_engine()
    if engine.engine_type != "postgres":
        await _sqlite_search_reads_its_grams(documents)
        return
    county = await Region.select(Region.name).where(Region.level == "district").first()
    searches = [
        ({"search": "无此"}, "ILIKE", "job_posting_open_grams"),
        ({"search": "查无"}, "ILIKE", "job_posting_open_grams"),
        ({"search": f"{county['name']}999号"}, "ILIKE", "_trgm"),
        ({"search": "无此岗位"}, "ILIKE", "_trgm"),
        *(
            ({"where": {"workDate": str(local(now()).date() + timedelta(days=d))}}, "tstzrange",
             "job_posting_open_window")
            for d in (0, 1, 7)
        ),
    ]  # fmt: skip
    for variables, marker, index in searches:
        case = Case(f"search {variables}", "PostingSearch", variables)
        searched = [
            (sql, args)
            for sql, args in await statements(case, documents)
            if sql.lstrip().upper().startswith("SELECT") and marker in sql
        ]
        assert len(searched) == 2, (variables, [sql[:160] for sql, _ in searched])
        for sql, args in searched:
            rows = await engine._run_in_new_connection(f"EXPLAIN (FORMAT JSON) {sql}", args)
            plan = rows[0]["QUERY PLAN"]
            names = list(
                _index_names((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
            )
            assert any(index in name for name in names), (variables, names, sql[:160])


async def _sqlite_search_reads_its_grams(documents: dict[str, str]) -> None:
    """On SQLite every text search reads the open postings' grams (migration 2026-12-06T04:30):
    the count from the grams' rows (each match read by id, not every open posting), the page
    walking the soonest-start index and testing each entry against the grams' rows, so that a
    frequent word's page stops at its limit."""
    engine = current_engine()
    for search in ("急招", "无此", "无此岗位", "工", "abc", "999号"):
        case = Case(f"search {search}", "PostingSearch", {"search": search})
        searched = [
            (sql, args)
            for sql, args in await statements(case, documents)
            if sql.lstrip().upper().startswith("SELECT") and "LIKE" in sql
        ]
        assert len(searched) == 2, (search, [sql[:160] for sql, _ in searched])
        for sql, args in searched:
            rows = await engine._run_in_new_connection(f"EXPLAIN QUERY PLAN {sql}", args)
            plan = [r["detail"] for r in rows]
            assert "SCAN job_posting_grams VIRTUAL TABLE INDEX 0:M1" in plan, (search, plan)
            if sql.startswith("SELECT COUNT"):
                assert "SEARCH job_posting USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
            else:
                assert "SCAN job_posting USING INDEX job_posting_open_starts" in plan, plan
