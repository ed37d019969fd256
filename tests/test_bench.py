"""`lingong bench` runs at a tiny size and prints every section (figures are not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bench.documents import CASES

REPO = Path(__file__).resolve().parents[1]
TINY = [
    "--markets", "20", "--workers", "60", "--postings", "40", "--applications", "60",
    "--requests", "2", "--warmup", "1", "--rounds", "2", "--block", "2", "--concurrency", "2",
]  # fmt: skip


def test_bench_prints_every_section_for_every_document():
    # A fresh process: the benchmark fixes its database before anything reads the settings.
    # DATABASE_URL (set by conftest on PostgreSQL) only names the server of its own database.
    done = subprocess.run(
        [sys.executable, "-m", "tools.cli", "bench", *TINY],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    lines = out.splitlines()
    sections = [
        "in process (2 requests each after 1 warm-up)",
        "no hand-written baseline for:",
        "over HTTP (uvicorn, one worker; 2 clients; 2 rounds of 2 GraphQL then 2 baseline requests)",
    ]
    for heading in sections:
        assert heading in lines, out
    in_process = lines[lines.index(sections[0]) : lines.index(sections[1])]
    reasons = lines[lines.index(sections[1]) : lines.index(sections[2])]
    http = lines[lines.index(sections[2]) :]
    for case in CASES:
        (row,) = [line for line in in_process if line.startswith(case.label + " ")]
        (over,) = [line for line in http if line.startswith(case.label + " ")]
        if case.baseline:
            assert row.endswith("byte-identical"), row
            assert " x" in over and not over.endswith("no baseline"), over
        else:
            assert row.endswith("none (see below)"), row
            assert f"  {case.label}: {case.why_no_baseline}" in reasons
            assert over.endswith("no baseline"), over
    assert any(line.startswith("server peak resident memory (VmHWM) ") for line in http), out
    blocks = 2 * 2 * len(CASES) - 2 * sum(1 for case in CASES if not case.baseline)
    client = r"load client CPU per request \(this process\): median \d+\.\d{3} ms, range "
    client += rf"\d+\.\d{{3}}–\d+\.\d{{3}} over {blocks} blocks"
    assert any(re.fullmatch(client, line) for line in http), out
    assert lines[-1].startswith("load average "), out
    assert "benchmark process maxrss" in lines[-1], out


def test_layers_prints_every_layer_for_every_document_with_a_baseline():
    done = _lingong(
        "bench", "--layers", *TINY[:8], "--requests", "2", "--rounds", "1", env=os.environ.copy()
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "1 rounds of 2 requests per layer, in one process" in lines, done.stdout
    number = r"\s+-?\d+\.\d{3}"
    for case in CASES:
        rows = [line for line in lines if line.startswith(case.label + " ")]
        if case.baseline:
            # CPU of app, base, view, endpoint; app − base, app − view, view − endpoint; wall
            # of the four
            (row,) = rows
            assert re.fullmatch(re.escape(case.label) + f"(?:{number}){{11}}", row), row
        else:
            assert rows == []


def test_server_bench_prints_uvicorns_cost_with_each_parser_and_loop():
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.server", "--requests", "20", "--rounds", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "uvicorn's CPU per request, µs (20 requests, 8 clients)", done.stdout
    number = r"\s+\d+\.\d"
    assert re.fullmatch(rf"\s+h11 \+ asyncio\s+GET{number}  POST 1\.5 KB{number}", lines[1]), lines[
        1
    ]
    fast = r"\s*httptools \+ (?:uvloop|asyncio)"  # asyncio's loop where uvloop has no build
    assert re.fullmatch(rf"{fast}\s+GET{number}  POST 1\.5 KB{number}", lines[2]), lines[2]
    assert len(lines) == 3, done.stdout


def _lingong(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.cli", *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_load_refuses_to_run_without_postgresql():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = _lingong("load", env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "lingong load: error: the load test runs on PostgreSQL: set DATABASE_URL or --database-url"
    )


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only"
)
def test_load_runs_both_phases_and_finds_nothing_lost_or_duplicated():
    done = _lingong(
        "load", "--seed-markets", "30", "--markets", "10", "--workers", "2",
        "--read-seconds", "2", "--readers", "4", "--burst-seconds", "3", "--rate", "5",
        "--burst-readers", "2", "--max-seconds", "240",
        env=os.environ.copy(),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "1. public read mix: 4 anonymous clients, closed loop" in "\n".join(lines)
    # Open loop at 5/s for 3 s: 15 submissions unless the machine delays the last one.
    (burst,) = [line for line in lines if line.startswith("2. month-end burst: ")]
    found = re.match(r"2\. month-end burst: (\d+) submissions at 5/s to 10 markets", burst)
    assert found and 13 <= int(found.group(1)) <= 15, burst
    n = int(found.group(1))
    doubles = sum(1 for k in range(n) if k % 10 == 3)  # sent twice at once
    retries = sum(1 for k in range(n) if k % 10 == 7)  # sent again after the answer
    assert f"(+{doubles} double taps, +{retries} retries), 2 readers" in burst, burst
    (check,) = [line for line in lines if line.startswith("check in the database: ")]
    assert check == (
        f"check in the database: {n} keys sent, {n} acknowledged, {n} reports stored; lost 0, "
        "duplicated 0, answers naming another report 0, stored without an answer 0, "
        "abandoned in flight 0"
    )
    (submits,) = [line for line in lines if line.startswith("workloadReportSubmit ")]
    assert submits.split()[1] == str(n + doubles + retries), submits  # requests
    assert submits.split()[-1] == "0", submits  # errors
