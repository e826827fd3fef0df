"""Django settings for techbridge, built from the typed configuration in config.py.

One module for every profile: development needs nothing but this checkout (SQLite under
var/, console e-mail, database-backed jobs); TECHBRIDGE_PROFILE=production switches on the
hardening that `manage.py check --deploy --fail-level WARNING` asks for.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from techbridge.config import PROJECT_ROOT, DatabaseConfig, load_config

CONFIG = load_config()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = CONFIG.data_dir
SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(CONFIG.csrf_trusted_origins)
SITE_URL = CONFIG.site_url

INSTALLED_APPS = [
    "techbridge.common",
    "techbridge.accounts",
    "techbridge.notifications",
    "techbridge.audit",
    "techbridge.directory",
    "techbridge.market",
    "techbridge.instruments",
    "techbridge.matching",
    "techbridge.events",
    "techbridge.cooperation",
    "techbridge.statistics",
    "techbridge.federation",
    "techbridge.api",
    "techbridge.demo",
    "ninja",  # serves the API documentation UI from our static files (the CSP refuses a CDN)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "techbridge.common.middleware.RejectNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "techbridge.common.middleware.ViewerTimeZoneMiddleware",
    "techbridge.audit.middleware.AuditContextMiddleware",
    "techbridge.api.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "techbridge.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "techbridge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "techbridge.common.context_processors.site",
                "techbridge.directory.context_processors.roles",
                "techbridge.notifications.context_processors.unread",
            ],
        },
    },
]


def _database(db: DatabaseConfig) -> dict[str, object]:
    if db.is_sqlite:
        Path(db.name).parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": db.engine,
            "NAME": db.name,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the
                # busy timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    return {
        "ENGINE": db.engine,
        "NAME": db.name,
        "USER": db.user,
        "PASSWORD": db.password,
        "HOST": db.host,
        "PORT": db.port,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(db.options),
    }


DATABASES = {"default": _database(CONFIG.database)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Statistics shown to officials and the public hide groups smaller than this (a confidential deal
# must not be identifiable from a breakdown by country or field).
TECHBRIDGE_STATISTICS_MIN_GROUP = 3

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["techbridge.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("hu", _("Hungarian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root at start-up
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if CONFIG.is_production
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not CONFIG.is_production

# Uploads: logos are small; anything larger is refused by the form with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
TECHBRIDGE_MAX_LOGO_BYTES = 2 * 1024 * 1024

# Matching at scale (docs/decisions/0004): the worker publishes nearest-neighbour index files of
# the listing vectors here; above THRESHOLD visible candidates a page ranks only the SHORTLIST
# nearest ones (plus brokers' pins) instead of loading every candidate.
TECHBRIDGE_MATCHING_INDEX_DIR = DATA_DIR / "matching-index"
TECHBRIDGE_MATCHING_ANN_THRESHOLD = 5000
TECHBRIDGE_MATCHING_ANN_SHORTLIST = 500


def _mailers() -> dict[str, dict[str, object]]:
    if not CONFIG.smtp_url:
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    parts = urlsplit(CONFIG.smtp_url)
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": parts.port or (465 if parts.scheme == "smtps" else 587),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_ssl": parts.scheme == "smtps",
                "use_tls": parts.scheme == "smtp+tls",
                "timeout": 10,
            },
        }
    }


MAILERS = _mailers()
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
SERVER_EMAIL = CONFIG.default_from_email

_TASK_BACKENDS: dict[str, dict[str, object]] = {
    # Jobs in the database: no extra service; `manage.py db_worker` runs them.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    # Jobs in Redis for clusters: `manage.py redis_worker` runs them.
    "redis": {
        "BACKEND": "techbridge.common.redis_tasks.RedisBackend",
        "OPTIONS": {"URL": CONFIG.redis_url or "redis://127.0.0.1:6379/0"},
    },
    # Jobs run inline in the request: tests and one-off scripts.
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
TASKS = {"default": _TASK_BACKENDS[CONFIG.tasks_backend]}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.redis_url}
        if CONFIG.redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered fragments of the market's search page, shared by every worker process; keys carry
    # the search revision, so a change is never hidden by them (docs/decisions/0011).
    "market": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CONFIG.redis_url,
            "TIMEOUT": 300,
        }
        if CONFIG.redis_url
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "market"),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}

NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 100

# Content-Security-Policy in every profile: scripts only from our origin (htmx is vendored),
# so an injected <script> or inline handler never runs even if sanitising failed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

if CONFIG.is_production:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS: list[str] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO" if CONFIG.is_production else "WARNING"},
    "loggers": {"techbridge": {"level": "INFO"}},
}

TECHBRIDGE_PROJECT_ROOT = PROJECT_ROOT

# Security: the audit log's retention (the job audit.purge_old_events deletes older events), and
# the header a trusted reverse proxy sets to the client's address ("" = use REMOTE_ADDR).
TECHBRIDGE_AUDIT_RETENTION_DAYS = 365
TECHBRIDGE_CLIENT_ADDRESS_HEADER = ""

# Federation (docs/federation.md): the name partners see, and how often the published feed is
# compared with the shared records when nothing was edited (edits are published at the next pull).
TECHBRIDGE_FEDERATION_NAME = CONFIG.federation_name
TECHBRIDGE_FEDERATION_REFRESH_SECONDS = 60
