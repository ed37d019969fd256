"""Runtime configuration read from environment variables (documented in the README)."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str | None
    sqlite_path: Path
    production: bool
    secret_key: str
    max_body_bytes: int
    admin_max_body_bytes: int
    admin_site_name: str
    # Host names the admin is reached at over HTTPS (behind the TLS proxy): its CSRF check
    # accepts unsafe requests only with an Origin or Referer on one of them.
    allowed_hosts: tuple[str, ...] = ()
    # Admin sessions: signed out after this long without a request, and after this long in all.
    admin_idle_minutes: int = 30
    admin_session_hours: int = 12
    # Ad-hoc GraphQL documents from public clients: "required" refuses them (only the documents
    # of frontend_queries/manifest.json run), "optional" runs them. Production defaults to required.
    trusted_documents: str = "optional"
    # Rate limits (`limits` notation, "N/period" or "N per P seconds"), kept in memory per
    # process: per bearer token, per client address for anonymous requests, per address for
    # every request, and the budget of failed lookups (unknown ids, unknown tokens).
    rate_limit_token: str = "30 per 3 seconds"
    rate_limit_anonymous: str = "60 per 3 seconds"
    rate_limit_address: str = "300 per 3 seconds"
    failed_lookup_budget: str = "60 per 5 minutes"
    # Query cost (objects a document may ask for, page sizes multiplied) and execution time.
    max_query_cost: int = 20000
    operation_timeout_seconds: float = 15.0
    # Personal-data encryption keys, (key id, secret), the current one first; the others only
    # decrypt rows not yet re-encrypted. Key id "0" with no secret is the key derived from
    # secret_key, the only one before the first rotation.
    encryption_keys: tuple[tuple[str, str], ...] = (("0", ""),)
    # A PostgreSQL read replica (streaming replication of DATABASE_URL): anonymous query
    # operations read from it; everything else stays on the primary (docs/SCALING.md).
    database_replica_url: str | None = None
    # The background expiry sweep (services/job_posting/rules.sweep_periodically): seconds
    # between sweeps in each worker process; 0 turns it off (a benchmark that must not sweep
    # the database it measures; writes then run one bounded batch a minute themselves).
    expiry_sweep_seconds: float = 60.0

    @property
    def is_postgres(self) -> bool:
        return self.database_url is not None and self.database_url.startswith(
            ("postgres://", "postgresql://")
        )


def _dev_secret(data_dir: Path) -> str:
    # Outside production a secret is generated once and kept beside the database, so encrypted
    # personal data stays readable across restarts without anyone configuring anything.
    path = data_dir / ".lingong-secret"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


LEGACY_KEY_ID = "0"
_KEY_ID = re.compile(r"[A-Za-z0-9]{1,16}")
MIN_KEY_CHARS = 32


def _encryption_keys(raw: str) -> tuple[tuple[str, str], ...]:
    """LINGONG_ENCRYPTION_KEYS: `id:secret,id:secret,…`, current first; a bare `0` is the key
    derived from LINGONG_SECRET_KEY (the one used before any rotation)."""
    keys: list[tuple[str, str]] = []
    for entry in (e.strip() for e in raw.split(",") if e.strip()):
        key_id, _, secret = entry.partition(":")
        if not _KEY_ID.fullmatch(key_id) or key_id in {k for k, _ in keys}:
            raise RuntimeError(f"LINGONG_ENCRYPTION_KEYS: bad or repeated key id {key_id!r}")
        if (key_id == LEGACY_KEY_ID) != (secret == ""):
            raise RuntimeError(
                "LINGONG_ENCRYPTION_KEYS: key id 0 stands alone; every other id needs a secret"
            )
        if secret and len(secret) < MIN_KEY_CHARS:
            raise RuntimeError(
                f"LINGONG_ENCRYPTION_KEYS: key {key_id!r} is shorter than {MIN_KEY_CHARS} characters"
            )
        keys.append((key_id, secret))
    return tuple(keys) or ((LEGACY_KEY_ID, ""),)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    production = _flag("LINGONG_PRODUCTION")
    sqlite_path = Path(os.environ.get("LINGONG_SQLITE_PATH", "var/lingong.sqlite3"))
    secret = os.environ.get("LINGONG_SECRET_KEY", "")
    if not secret:
        if production:
            raise RuntimeError("LINGONG_SECRET_KEY must be set when LINGONG_PRODUCTION is on")
        secret = _dev_secret(sqlite_path.parent)
    database_url = os.environ.get("DATABASE_URL") or None
    replica_url = os.environ.get("DATABASE_REPLICA_URL") or None
    if replica_url and not (
        database_url and database_url.startswith(("postgres://", "postgresql://"))
    ):
        raise RuntimeError("DATABASE_REPLICA_URL needs a PostgreSQL primary in DATABASE_URL")
    return Settings(
        database_url=database_url,
        database_replica_url=replica_url,
        sqlite_path=sqlite_path,
        production=production,
        secret_key=secret,
        max_body_bytes=int(os.environ.get("LINGONG_MAX_BODY_BYTES", str(256 * 1024))),
        # The admin takes evidence uploads (scans, PDFs), so its cap is larger but still finite.
        admin_max_body_bytes=int(
            os.environ.get("LINGONG_ADMIN_MAX_BODY_BYTES", str(20 * 1024 * 1024))
        ),
        admin_site_name=os.environ.get("LINGONG_SITE_NAME", "浙江零工市场管理后台"),
        admin_idle_minutes=int(os.environ.get("LINGONG_ADMIN_IDLE_MINUTES", "30")),
        admin_session_hours=int(os.environ.get("LINGONG_ADMIN_SESSION_HOURS", "12")),
        trusted_documents=os.environ.get(
            "LINGONG_TRUSTED_DOCUMENTS", "required" if production else "optional"
        )
        .strip()
        .lower(),
        rate_limit_token=os.environ.get("LINGONG_RATE_LIMIT_TOKEN", Settings.rate_limit_token),
        rate_limit_anonymous=os.environ.get(
            "LINGONG_RATE_LIMIT_ANONYMOUS", Settings.rate_limit_anonymous
        ),
        rate_limit_address=os.environ.get(
            "LINGONG_RATE_LIMIT_ADDRESS", Settings.rate_limit_address
        ),
        failed_lookup_budget=os.environ.get(
            "LINGONG_FAILED_LOOKUP_BUDGET", Settings.failed_lookup_budget
        ),
        max_query_cost=int(os.environ.get("LINGONG_MAX_QUERY_COST", Settings.max_query_cost)),
        operation_timeout_seconds=float(
            os.environ.get("LINGONG_OPERATION_TIMEOUT_SECONDS", Settings.operation_timeout_seconds)
        ),
        expiry_sweep_seconds=float(
            os.environ.get("LINGONG_EXPIRY_SWEEP_SECONDS", Settings.expiry_sweep_seconds)
        ),
        encryption_keys=_encryption_keys(os.environ.get("LINGONG_ENCRYPTION_KEYS", "")),
        allowed_hosts=tuple(
            h.strip().lower()
            for h in os.environ.get("LINGONG_ALLOWED_HOSTS", "").split(",")
            if h.strip()
        ),
    )
