"""Typed configuration: defaults that need no infrastructure, overridden by TECHBRIDGE_* variables.

Every setting that differs between a laptop and a production cluster is read here, once, so
settings.py stays declarative and the list of knobs is in one place (docs/deployment.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Profile(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


@dataclass(frozen=True, kw_only=True)
class DatabaseConfig:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: tuple[tuple[str, str], ...] = ()

    @property
    def is_sqlite(self) -> bool:
        return self.engine == "django.db.backends.sqlite3"


@dataclass(frozen=True, kw_only=True)
class Config:
    profile: Profile
    debug: bool
    secret_key: str
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    data_dir: Path
    database: DatabaseConfig
    redis_url: str
    tasks_backend: str
    smtp_url: str
    default_from_email: str
    site_url: str
    federation_name: str = ""

    @property
    def is_production(self) -> bool:
        return self.profile is Profile.PRODUCTION


_DEV_SECRET_KEY = "techbridge-development-only-secret-key-never-use-in-production"  # noqa: S105 - dev default, refused in production below
_POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def parse_database_url(url: str) -> DatabaseConfig:
    """Turn `postgresql://user:pass@host:port/name` or `sqlite:///path` into a DatabaseConfig."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return DatabaseConfig(engine="django.db.backends.sqlite3", name=unquote(parts.path[1:]))
    if parts.scheme not in _POSTGRES_SCHEMES:
        msg = (
            f"TECHBRIDGE_DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgresql:// or sqlite:///)"
        )
        raise ValueError(msg)
    query = parse_qs(parts.query)
    return DatabaseConfig(
        engine="django.db.backends.postgresql",
        name=unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=str(parts.port or ""),
        options=tuple((key, values[-1]) for key, values in sorted(query.items())),
    )


def _flag(env: os._Environ[str] | dict[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _list(env: os._Environ[str] | dict[str, str], name: str, default: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in env.get(name, default).split(",") if item.strip())


def load_config(env: os._Environ[str] | dict[str, str] = os.environ) -> Config:
    profile = Profile(env.get("TECHBRIDGE_PROFILE", Profile.DEVELOPMENT.value))
    production = profile is Profile.PRODUCTION
    data_dir = Path(env.get("TECHBRIDGE_DATA_DIR", str(PROJECT_ROOT / "var")))
    secret_key = env.get("TECHBRIDGE_SECRET_KEY", "" if production else _DEV_SECRET_KEY)
    if production and len(secret_key) < 50:
        msg = "TECHBRIDGE_SECRET_KEY must be set to at least 50 random characters in production"
        raise ValueError(msg)
    database_url = env.get("TECHBRIDGE_DATABASE_URL", f"sqlite:///{data_dir / 'techbridge.sqlite3'}")
    return Config(
        profile=profile,
        debug=_flag(env, "TECHBRIDGE_DEBUG", default=not production),
        secret_key=secret_key,
        allowed_hosts=_list(
            env, "TECHBRIDGE_ALLOWED_HOSTS", "" if production else "127.0.0.1,localhost,testserver"
        ),
        csrf_trusted_origins=_list(env, "TECHBRIDGE_CSRF_TRUSTED_ORIGINS", ""),
        data_dir=data_dir,
        database=parse_database_url(database_url),
        redis_url=env.get("TECHBRIDGE_REDIS_URL", ""),
        tasks_backend=env.get("TECHBRIDGE_TASKS_BACKEND", "database"),
        smtp_url=env.get("TECHBRIDGE_SMTP_URL", ""),
        default_from_email=env.get("TECHBRIDGE_FROM_EMAIL", "techbridge <noreply@techbridge.localhost>"),
        site_url=env.get("TECHBRIDGE_SITE_URL", "http://127.0.0.1:8000"),
        federation_name=env.get("TECHBRIDGE_FEDERATION_NAME", ""),
    )
