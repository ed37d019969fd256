"""The `lingong` commands that keep data safe: reencrypt, backup, restore, restore-check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


async def _reencrypt(args) -> None:
    from services.keyrotation import TableReport, key_census, reencrypt

    before = await key_census()
    print("加密数据所用密钥（之前）：" + _census_text(before))
    if args.dry_run:
        return

    def progress(table: str, stats: TableReport) -> None:
        # stderr: stdout stays the summary; the last id shows how far an interrupted run got.
        print(
            f"  {table}：已读 {stats.rows} 行，改写 {stats.rewritten} 行，至 id {stats.last_id}",
            file=sys.stderr,
        )

    report = await reencrypt(batch=args.batch, progress=progress)
    after = await key_census()
    print(f"已用当前密钥 {report.key_id} 重新加密 {report.rewritten} 行")
    print("加密数据所用密钥（之后）：" + _census_text(after))
    if any(k != report.key_id for counts in after.values() for k in counts):
        sys.exit("仍有数据不在当前密钥下（运行期间有旧密钥写入？）：请再运行一次")


def _census_text(census) -> str:
    parts = []
    for table, counts in census.items():
        keys = "，".join(f"密钥 {k}：{n}" for k, n in sorted(counts.items())) or "无"
        parts.append(f"{table}（{keys}）")
    return "；".join(parts)


async def _backup(args) -> None:
    from tools.backup import BackupError, backup, manifest_path

    target = Path(args.output)
    try:
        manifest = await backup(target)
    except BackupError as exc:
        sys.exit(f"备份失败：{exc}")
    audit = manifest["audit"]
    print(
        f"已备份到 {target}（{manifest['bytes']} 字节，sha256 {manifest['sha256']}）；"
        f"清单 {manifest_path(target)}：{len(manifest['tables'])} 张表，"
        f"{sum(manifest['tables'].values())} 行，审计链 {audit.get('rows', 0)} 条"
        + ("完整" if audit.get("ok", True) else "已被破坏")
    )


async def _restore(args) -> None:
    from tools.backup import BackupError
    from tools.restore import render, restore

    try:
        lines = await restore(Path(args.file), force=args.force)
    except BackupError as exc:
        sys.exit(f"恢复失败：{exc}")
    print(render(lines))
    if not all(line.ok for line in lines):
        sys.exit(1)


async def _restore_check(args) -> None:
    from tools.backup import BackupError
    from tools.restore import check, load_manifest, render

    try:
        lines = await check(load_manifest(Path(args.file)))
    except BackupError as exc:
        sys.exit(f"无法核对：{exc}")
    print(render(lines))
    if not all(line.ok for line in lines):
        sys.exit(1)


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reencrypt",
        help="rewrite personal data under the current key (LINGONG_ENCRYPTION_KEYS); resumable",
    )
    p.add_argument("--batch", type=int, default=500, help="rows per committed transaction")
    p.add_argument("--dry-run", action="store_true", help="only count values per key")
    p.set_defaults(func=_reencrypt)

    p = sub.add_parser("backup", help="back up the database (online) with a manifest beside it")
    p.add_argument("--output", "-o", required=True)
    p.set_defaults(func=_backup)

    p = sub.add_parser("restore", help="restore a backup into the empty configured database")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="overwrite a database that has tables")
    p.set_defaults(func=_restore)

    p = sub.add_parser(
        "restore-check", help="compare the database with a backup's manifest (rows, money, audit)"
    )
    p.add_argument("file", help="the backup file or its .manifest.json")
    p.set_defaults(func=_restore_check)
