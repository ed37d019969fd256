"""The phases of `lingong load` (tools/bench/load.py): read mix, month-end burst, the check."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tools.bench.documents import Scene, document_text
from tools.bench.load import reads, submission

WARMUP_SECONDS = 3.0  # untimed reads before phase 1
GRACE_SECONDS = 15.0  # requests still in flight this long after a phase ends are abandoned


@dataclass
class Tally:
    """Latencies (s) and errors per document label."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    async def send(self, label: str, call: Any) -> dict | None:
        t0 = time.perf_counter()
        try:
            response = await call()
        except Exception as exc:  # a refused or dropped connection is an error, not a crash
            self.errors[label].append(type(exc).__name__)
            return None
        self.latencies[label].append(time.perf_counter() - t0)
        if response.status_code != 200:
            self.errors[label].append(f"HTTP {response.status_code}")
            return None
        body = json.loads(response.content)
        if body.get("errors"):
            self.errors[label].append(body["errors"][0].get("message", "?")[:60])
            return None
        return body

    def print(self, title: str, seconds: float) -> None:
        print(f"\n{title} ({seconds:.0f} s)")
        head = f"{'document':<34}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}"
        print(head + "\n" + "-" * len(head))
        everything: list[float] = []
        for label in sorted(set(self.latencies) | set(self.errors)):
            lat = self.latencies[label]
            everything += lat
            print(_row(label, lat, len(self.errors[label]), seconds))
        total_errors = sum(len(v) for v in self.errors.values())
        print(_row("all", everything, total_errors, seconds))
        kinds: dict[str, int] = defaultdict(int)
        for values in self.errors.values():
            for kind in values:
                kinds[kind] += 1
        if kinds:
            print("errors: " + ", ".join(f"{n} × {k}" for k, n in kinds.items()))


def _row(label: str, lat: list[float], errors: int, seconds: float) -> str:
    def pct(p: int) -> float:
        if len(lat) < 2:
            return lat[0] * 1000 if lat else float("nan")
        return statistics.quantiles(lat, n=100, method="inclusive")[p - 1] * 1000

    return (
        f"{label:<34}{len(lat) + errors:>9}{len(lat) / seconds:>8.1f}"
        f"{pct(50):>8.0f}{pct(95):>8.0f}{pct(99):>8.0f}{errors:>8}"
    )


async def _readers(client: Any, scene: Scene, count: int, until: float, tally: Tally) -> None:
    mix = reads(scene)
    weights = [w for *_, w in mix]
    rng = random.Random(15)
    headers = {"content-type": "application/json"}

    async def reader() -> None:
        while time.monotonic() < until:
            label, text, variables, _ = rng.choices(mix, weights)[0]
            name = label.split(" ")[0]
            body = json.dumps({"query": text, "variables": variables, "operationName": name})
            await tally.send(
                label, lambda b=body: client.post("/graphql", content=b, headers=headers)
            )

    await asyncio.gather(*(reader() for _ in range(count)))


async def read_mix(client: Any, scene: Scene, count: int, seconds: float, title: str) -> None:
    # Untimed first: every worker process parses, validates and fills its caches once.
    await _readers(client, scene, count, time.monotonic() + WARMUP_SECONDS, Tally())
    tally = Tally()
    started = time.monotonic()
    await _readers(client, scene, count, started + seconds, tally)
    tally.print(f"{title}: {count} anonymous clients, closed loop", time.monotonic() - started)


@dataclass
class Sent:
    """Every submission's key, what the server answered (report id or None) and retries."""

    answers: dict[str, list[str | None]] = field(default_factory=lambda: defaultdict(list))
    unfinished: int = 0


async def burst(client: Any, scene: Scene, reporters: list, args: argparse.Namespace) -> Sent:
    text = document_text("SubmitWorkloadReport")
    sent, tally = Sent(), Tally()
    label = "workloadReportSubmit"

    async def submit(key: str, variables: dict, token: str) -> None:
        headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
        body = json.dumps(
            {"query": text, "variables": variables, "operationName": "SubmitWorkloadReport"}
        )
        answer = await tally.send(
            label, lambda: client.post("/graphql", content=body, headers=headers)
        )
        payload = (answer or {}).get("data", {}).get("workloadReportSubmit") or {}
        if payload.get("userErrors"):
            tally.errors[label].append(payload["userErrors"][0]["code"])
        report = payload.get("workloadReport") or {}
        sent.answers[key].append(report.get("id"))

    async def one(i: int) -> None:
        market_id, token = reporters[i % len(reporters)]
        key, variables = submission(scene, market_id)
        if i % 10 == 3:  # a double tap: the same submission twice at once
            await asyncio.gather(submit(key, variables, token), submit(key, variables, token))
        else:
            await submit(key, variables, token)
            if i % 10 == 7:  # a retry after the answer (the client did not trust it)
                await submit(key, variables, token)

    started = time.monotonic()
    until = started + args.burst_seconds
    reading = asyncio.ensure_future(_readers(client, scene, args.burst_readers, until, tally))
    tasks, i = [], 0
    while (now := time.monotonic()) < until:
        due = started + i / args.rate
        if due > now:
            await asyncio.sleep(due - now)
            continue
        tasks.append(asyncio.ensure_future(one(i)))  # open loop: never waits for an answer
        i += 1
    done, pending = await asyncio.wait(tasks, timeout=GRACE_SECONDS)
    for task in pending:
        task.cancel()
    sent.unfinished = len(pending)
    with contextlib.suppress(asyncio.CancelledError):
        await reading
    title = (
        f"2. month-end burst: {i} submissions at {args.rate:g}/s to {len(reporters)} markets "
        f"(+{_every(i, 3)} double taps, +{_every(i, 7)} retries), {args.burst_readers} readers"
    )
    tally.print(title, time.monotonic() - started)
    return sent


def _every(sent: int, remainder: int) -> int:
    return sum(1 for k in range(sent) if k % 10 == remainder)


async def verify(sent: Sent) -> None:
    """Lost: an acknowledged key without its report. Duplicated: a key with two reports, or
    two answers for one key naming different reports."""
    from resolvers.global_ids import encode_id
    from tables.assessment import WorkloadReport as W

    keys = list(sent.answers)
    stored: dict[str, list[int]] = defaultdict(list)
    for k in range(0, len(keys), 500):
        for row in await W.select(W.id, W.idempotency_key).where(
            W.idempotency_key.is_in(keys[k : k + 500])
        ):
            stored[row["idempotency_key"]].append(row["id"])
    acknowledged = {k for k, ids in sent.answers.items() if any(ids)}
    lost = [k for k in acknowledged if not stored.get(k)]
    duplicated = [k for k, ids in stored.items() if len(ids) > 1]
    disagreeing = [
        k
        for k, ids in sent.answers.items()
        if len({i for i in ids if i}) > 1
        or (
            stored.get(k) and any(i and i != encode_id("WorkloadReport", stored[k][0]) for i in ids)
        )
    ]
    unacknowledged = [k for k in stored if k not in acknowledged]
    print(
        f"\ncheck in the database: {len(keys)} keys sent, {len(acknowledged)} acknowledged, "
        f"{sum(len(v) for v in stored.values())} reports stored; lost {len(lost)}, duplicated "
        f"{len(duplicated)}, answers naming another report {len(disagreeing)}, stored without "
        f"an answer {len(unacknowledged)}, abandoned in flight {sent.unfinished}"
    )
