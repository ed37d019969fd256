"""The `lingong` command: serve, migrate, seed-demo, user-create, token-create, export-directory,
publish-directory, generate-province, and (tools/operations) reencrypt, backup, restore, restore-check."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
from typing import Any

from settings import get_settings


def _run(coro):
    return asyncio.run(coro)


async def _migrate(args) -> None:
    from tools.database import migrate

    counts = await migrate()
    print(f"数据库已迁移；区划 {counts['regions']} 条，工种 {counts['occupations']} 条")


async def _seed_demo(args) -> None:
    from tools.database import migrate
    from tools.demo import describe, seed_demo

    await migrate()
    summary = await seed_demo(markets=args.markets, progress=True, issue_token=True, history=True)
    print(f"演示数据：新建零工市场 {summary['markets']} 个")
    # Sign-in details on stderr (like token-create's notice): stdout stays one parseable line.
    print("\n".join(describe(summary)), file=sys.stderr)


async def _ensure_user(
    username: str, password: str | None, email: str | None, superuser: bool
) -> str:
    from piccolo.apps.user.tables import BaseUser

    from services.auth.passwords import staff_password_problem

    if password is None:
        # 16 random URL-safe characters; drawn again in the rare case one breaks the policy.
        password = secrets.token_urlsafe(12)
        while staff_password_problem(password, username):
            password = secrets.token_urlsafe(12)
    elif message := staff_password_problem(password, username):
        raise ValueError(message)
    existing = await BaseUser.objects().where(BaseUser.username == username).first()
    if existing is None:
        await BaseUser.create_user(
            username=username,
            password=password,
            email=email or f"{username}@example.invalid",
            admin=True,
            active=True,
            superuser=superuser,
        )
    else:
        await BaseUser.update_password(existing.id, password)
        await BaseUser.update({BaseUser.admin: True, BaseUser.active: True}).where(
            BaseUser.id == existing.id
        )
    return password


async def _user_create(args) -> None:
    from tools.database import migrate

    await migrate()
    try:
        password = await _ensure_user(args.username, args.password, args.email, args.superuser)
    except ValueError as exc:  # the staff password policy, Piccolo's own (empty username)
        sys.exit(f"无法创建账号：{exc}")
    print(f"工作人员账号：{args.username}" + ("" if args.password else f"  密码：{password}"))


async def _token_create(args) -> None:
    from piccolo.apps.user.tables import BaseUser

    from services.auth.rules import issue
    from services.problems import ServiceError
    from tools.database import migrate

    await migrate()
    subject = args.subject
    if args.role == "STAFF" and not subject.isdigit():
        row = await BaseUser.select(BaseUser.id).where(BaseUser.username == subject).first()
        subject = str(row["id"]) if row else "0"
    if not subject.isdigit():
        sys.exit("--subject 须为数字 id（STAFF 可用用户名）")
    try:
        token, token_id = await issue(
            args.role, int(subject), days=args.days or None, label=args.label
        )
    except ServiceError as exc:
        sys.exit(f"无法创建令牌：{exc}")
    print(f"令牌 #{token_id}（只显示这一次，请妥善保存）：", file=sys.stderr)
    print(token)


async def _export(args) -> None:
    from pathlib import Path

    from services.market.export import csv_chunks

    chunks = csv_chunks(include_closed=args.include_closed)
    if args.output == "-":
        async for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    # Written beside the target and renamed when complete: a failed export leaves no half file.
    target = Path(args.output)
    partial = target.with_name(target.name + ".partial")
    # Blocking writes are fine here: the CLI's event loop runs nothing else.
    with open(partial, "wb") as out:  # noqa: ASYNC230
        async for chunk in chunks:
            out.write(chunk)
    partial.replace(target)  # noqa: ASYNC240


def _bench(args) -> None:
    # Imported lazily: the benchmark pulls in the HTTP client only when it is run.
    if "--rejections" in args.bench_args:  # what rejected traffic costs legitimate traffic
        from tools.bench.rejections import main as rejections_main

        rejections_main([a for a in args.bench_args if a != "--rejections"])
        return
    if "--compiled" in args.bench_args:  # compiled trusted documents against graphql-core
        from tools.bench.compiled import main as compiled_main

        compiled_main([a for a in args.bench_args if a != "--compiled"])
        return
    if "--layers" in args.bench_args:  # a request's CPU layer by layer, in one process
        from tools.bench.layers import main as layers_main

        layers_main([a for a in args.bench_args if a != "--layers"])
        return
    from tools.bench.suite import main as bench_main

    bench_main(args.bench_args)


def _load_test(args) -> None:
    from tools.bench.load import main as load_main

    load_main(args.load_args)


async def _publish_directory(args) -> None:
    from services.market.publication import publish
    from tables.market import DirectoryPublication
    from tools.database import migrate

    await migrate()
    result = await publish(force=args.force)
    row = await DirectoryPublication.select().where(DirectoryPublication.id == result.id).first()
    assert row is not None  # just recorded, or the last one
    verb = "已发布" if result.changed else "清单未变化，沿用"
    print(
        f"{verb}第 {row['id']} 期零工市场清单（{row['published_on']}）："
        f"零工市场 {row['market_count']} 家，驿站和超市 {row['station_count']} 个，"
        f"sha256 {row['sha256']}，下载 /exports/markets/publications/{row['id']}.csv"
    )


async def _generate_province(args) -> None:
    from datetime import date

    from tools.province.run import Refused, generate

    try:
        done = await generate(
            seed=args.seed,
            scale=args.scale,
            today=date.fromisoformat(args.today) if args.today else None,
            append=args.append,
        )
    except (Refused, ValueError) as exc:
        sys.exit(f"未生成：{exc}")
    for table, rows in done.rows.items():
        print(f"{table:24} {rows:>10,}")
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(
        f"共写入 {done.total:,} 行，用时 {done.seconds:.1f} 秒（{done.total / done.seconds:,.0f} 行/秒），"
        f"内存峰值 {peak_mb:,.0f} MB"
    )


async def _statistics_rollup(args) -> None:
    from services.statistics.rollup import refresh
    from tools.database import migrate

    await migrate()
    done = await refresh()
    print(f"动态监测汇总已更新：重算 {done.days} 天，处理变更记录 {done.changes} 条")


async def _export_schema(args) -> None:
    from pathlib import Path

    from schema.root import schema

    target = Path(args.output)
    target.write_text(schema.as_str() + "\n", encoding="utf-8")  # noqa: ASYNC240 (CLI loop)
    print(f"SDL written to {target}")


async def _export_documents(args) -> None:
    import json
    from pathlib import Path

    from resolvers.trusted_documents import manifest_text

    target = Path(args.output)
    text = manifest_text()
    target.write_text(text, encoding="utf-8")  # noqa: ASYNC240 (CLI loop)
    print(f"{len(json.loads(text))} trusted documents written to {target}")


async def _audit_verify(args) -> None:
    from services.audit.rules import verify_chain

    report = await verify_chain()
    if not report.ok:
        print(
            f"BAD 审计链在第 {report.first_bad_id} 条记录处被破坏：{report.problem}"
            f"（此前 {report.rows} 条完好）"
        )
        sys.exit(1)
    # Keep the head hash somewhere else: a later run whose chain no longer reaches it shows
    # that rows were removed from the end.
    print(f"OK 审计记录 {report.rows} 条，哈希链完整；链尾 {report.head}")


def _serve(args) -> None:
    import uvicorn

    async def prepare() -> tuple[str | None, list[str]]:
        from tools.database import migrate
        from tools.demo import describe, seed_demo

        await migrate()
        if args.demo:
            summary = await seed_demo(
                markets=args.markets, progress=True, issue_token=True, history=True
            )
            return await _ensure_user("admin", None, None, True), describe(summary)
        return None, []

    password, demo = _run(prepare())
    from services.db import embedded_database_warning

    if warning := embedded_database_warning(get_settings().production, args.workers):
        print(f"警告 WARNING: {warning}", file=sys.stderr)
    url = f"http://{args.host}:{args.port}"
    print(f"GraphQL: {url}/graphql    管理后台: {url}/admin/")
    if password:
        print(f"管理后台登录：用户名 admin  密码 {password}")
    for line in demo:
        print(line)
    uvicorn.run("app:app", **uvicorn_options(args))


def uvicorn_options(args) -> dict:
    from services.logs import LOG_CONFIG

    return {
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "log_level": "info",
        # Every line with its request id; the access line without query values (services/logs).
        "log_config": LOG_CONFIG,
        "server_header": False,  # no "server: uvicorn" telling scanners what runs here
        **FAST_SERVER,
    }


# uvicorn's C HTTP parser and event loop (dependencies), for `serve` and the benchmark's server:
# its pure-Python h11 parser and asyncio's loop cost every request 0.15-0.2 ms more server CPU
# (`python -m tools.bench.server`, BENCHMARKS.md). uvloop has no Windows build; there asyncio's
# loop serves.
FAST_SERVER: dict[str, Any] = {
    "http": "httptools",
    "loop": "asyncio" if sys.platform == "win32" else "uvloop",
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="lingong", description="浙江零工市场平台")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="migrate (and seed) then serve GraphQL + admin")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--demo", action="store_true", help="seed demo data and print an admin login")
    p.add_argument("--markets", type=int, default=120, help="demo markets to create")
    p.set_defaults(sync=_serve)

    p = sub.add_parser("migrate", help="apply migrations and load reference data")
    p.set_defaults(func=_migrate)

    p = sub.add_parser("seed-demo", help="create demo operators and markets (idempotent)")
    p.add_argument("--markets", type=int, default=120)
    p.set_defaults(func=_seed_demo)

    p = sub.add_parser("user-create", help="create or reset a staff user for the admin")
    p.add_argument("--username", required=True)
    p.add_argument("--password", help="omit to generate and print one")
    p.add_argument("--email")
    p.add_argument("--superuser", action="store_true")
    p.set_defaults(func=_user_create)

    p = sub.add_parser("token-create", help="issue an API token and print it once")
    p.add_argument("--role", required=True, choices=["WORKER", "EMPLOYER", "OPERATOR", "STAFF"])
    p.add_argument(
        "--subject", required=True, help="subject id (operator id…; STAFF accepts a username)"
    )
    p.add_argument("--days", type=int, default=90, help="validity in days; 0 for no expiry")
    p.add_argument("--label", default="")
    p.set_defaults(func=_token_create)

    p = sub.add_parser("export-directory", help="write the public market list as CSV")
    p.add_argument("--output", "-o", default="-")
    p.add_argument("--include-closed", action="store_true")
    p.set_defaults(func=_export)

    p = sub.add_parser(
        "publish-directory",
        help="publish the market list (（二十）) and keep it; run it on a schedule (cron)",
    )
    p.add_argument("--force", action="store_true", help="record it even if unchanged")
    p.set_defaults(func=_publish_directory)

    p = sub.add_parser(
        "generate-province",
        help="write province-scale test data (markets, workers, postings, applications); "
        "refused in production and on a database that already has workers",
    )
    p.add_argument("--seed", type=int, default=2026, help="same seed, same rows")
    p.add_argument("--scale", type=float, default=1.0, help="fraction of full size, e.g. 0.01")
    p.add_argument("--today", help="anchor day YYYY-MM-DD (default: today in Asia/Shanghai)")
    p.add_argument("--append", action="store_true", help="add to a database that has workers")
    p.set_defaults(func=_generate_province)

    p = sub.add_parser(
        "statistics-rollup",
        help="rebuild the monitoring rollup's changed and new days; run it on a schedule (cron)",
    )
    p.set_defaults(func=_statistics_rollup)

    # "+" as prefix: every option after `bench` goes through untouched to the benchmark's parser.
    p = sub.add_parser(
        "bench",
        help="benchmark the main frontend documents against hand-written baselines "
        "(options: lingong bench --help); "
        "--rejections: legitimate traffic with and without rejected traffic; "
        "--compiled: compiled trusted documents against graphql-core's executor; "
        "--layers: a request's CPU through the app, its view and the baseline, in one process",
        add_help=False,
        prefix_chars="+",
    )
    p.add_argument("bench_args", nargs="*")
    p.set_defaults(sync=_bench)

    p = sub.add_parser(
        "load",
        help="bounded loopback load test on PostgreSQL, several uvicorn workers: public reads "
        "and a month-end burst of reports (options: lingong load --help)",
        add_help=False,
        prefix_chars="+",
    )
    p.add_argument("load_args", nargs="*")
    p.set_defaults(sync=_load_test)

    p = sub.add_parser("export-schema", help="write the GraphQL SDL (schema/schema.graphql)")
    p.add_argument("--output", "-o", default="schema/schema.graphql")
    p.set_defaults(func=_export_schema)

    p = sub.add_parser(
        "export-documents",
        help="write the trusted documents' manifest (frontend_queries/manifest.json)",
    )
    p.add_argument("--output", "-o", default="frontend_queries/manifest.json")
    p.set_defaults(func=_export_documents)

    p = sub.add_parser("audit-verify", help="verify the audit trail's chain; exit 1 if tampered")
    p.set_defaults(func=_audit_verify)

    from tools.operations import add_commands

    add_commands(sub)

    args = parser.parse_args(argv)
    get_settings()
    from services.logs import install

    install()
    if hasattr(args, "sync"):
        args.sync(args)
    else:
        _run(args.func(args))


if __name__ == "__main__":
    main()
