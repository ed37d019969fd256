"""`lingong bench` runs at a tiny size and prints every section (figures are not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert lines[-1].startswith("load average "), out
    assert "benchmark process maxrss" in lines[-1], out
