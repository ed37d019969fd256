"""Key rotation: personal data re-encrypted under the current key in batches (idempotent)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from piccolo.columns import Column
from piccolo.table import Table

from services.audit.rules import SYSTEM, record
from services.crypto import current_key_id, key_id_of, reencrypted
from services.db import write_transaction
from tables.employer import Employer
from tables.worker import Worker

# Every encrypted column (services/crypto.encrypt writes only these). Lookup hashes
# (phone_hash, resident_id_hash) are keyed by LINGONG_SECRET_KEY, which does not rotate.
ENCRYPTED: tuple[tuple[type[Table], tuple[Column, ...]], ...] = (
    (Worker, (Worker.phone_encrypted, Worker.resident_id_encrypted, Worker.assistance_encrypted)),
    (Employer, (Employer.phone_encrypted,)),
)
BATCH = 500


@dataclass
class TableReport:
    rows: int = 0  # rows read
    rewritten: int = 0  # rows with at least one value rewritten under the current key
    skipped: int = 0  # rows changed by someone else meanwhile (already under the current key)
    last_id: int = 0


@dataclass
class RotationReport:
    key_id: str
    tables: dict[str, TableReport] = field(default_factory=dict)

    @property
    def rewritten(self) -> int:
        return sum(t.rewritten for t in self.tables.values())


async def key_census() -> dict[str, Counter[str]]:
    """Per table, how many stored values are under each key id (streamed, nothing decrypted)."""
    census: dict[str, Counter[str]] = {}
    for table, columns in ENCRYPTED:
        counts: Counter[str] = Counter()
        async for rows in _batches(table, columns, BATCH):
            for row in rows:
                counts.update(key_id_of(v) for c in columns if (v := row[c._meta.name]))
        census[table._meta.tablename] = counts
    return census


async def _batches(table: type[Table], columns: tuple[Column, ...], size: int):
    last_id = 0
    while True:
        rows = (
            await table.select(table._meta.primary_key, *columns)
            .where(table._meta.primary_key > last_id)
            .order_by(table._meta.primary_key)
            .limit(size)
        )
        if not rows:
            return
        yield rows
        last_id = rows[-1]["id"]


async def reencrypt(
    batch: int = BATCH, progress: Callable[[str, TableReport], None] | None = None
) -> RotationReport:
    """Rewrite every value not under the current key, one committed transaction per batch.

    Idempotent and resumable: values already under the current key are left alone, so a run
    stopped anywhere is finished by running it again. The app keeps running meanwhile: each
    row is updated only if its values are still the ones read, so a concurrent change (which
    is written under the current key anyway) is never overwritten."""
    report = RotationReport(current_key_id())
    for table, columns in ENCRYPTED:
        stats = report.tables.setdefault(table._meta.tablename, TableReport())
        pk = table._meta.primary_key
        async for rows in _batches(table, columns, batch):
            async with write_transaction():
                for row in rows:
                    stats.rows += 1
                    changes = {
                        c: new
                        for c in columns
                        if (old := row[c._meta.name]) and (new := reencrypted(old)) is not None
                    }
                    if not changes:
                        continue
                    unchanged = [c == row[c._meta.name] for c in changes]
                    done = (
                        await table.update(changes)  # type: ignore[arg-type]
                        .where(pk == row["id"], *unchanged)
                        .returning(pk)
                    )
                    if done:
                        stats.rewritten += 1
                    else:
                        stats.skipped += 1
            stats.last_id = rows[-1]["id"]
            if progress:
                progress(table._meta.tablename, stats)
    if report.rewritten:
        # Counts only: which key now protects the data, never a value.
        summary = {name: t.rewritten for name, t in report.tables.items()}
        await record(SYSTEM, "personal_data.reencrypt", "keyring", None, after=summary)
    return report
