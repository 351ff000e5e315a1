"""Django settings for the Luoshi registry, all overridable from the environment.

Environment variables (each read by a typed helper in :mod:`luoshi_web.env`):

``LUOSHI_DATA_DIR``   where the SQLite file, secret key and evidence files live (default: cwd)
``LUOSHI_DB``         SQLite file path (default: ``$LUOSHI_DATA_DIR/luoshi.sqlite3``)
``DATABASE_URL``      use this database instead (PostgreSQL: ``postgres://user:pw@host:5432/db``)
``LUOSHI_SECRET_KEY`` session signing key (default: generated once into the data dir)
``LUOSHI_DEBUG``      ``1`` for development tracebacks (default off)
``LUOSHI_ALLOWED_HOSTS`` comma-separated host names (default: localhost names)
``LUOSHI_REPORT_GRACE_DAYS`` days after a cycle ends before a report counts as late (default 15)
``LUOSHI_TOKEN_DAYS`` days an API token works after it is issued (default 90)

Behind a TLS proxy (see docs/registry.md, "Production settings"):

``LUOSHI_HTTPS``          ``1``: the site is served over HTTPS; turns on the four below
``LUOSHI_SSL_REDIRECT``   redirect http:// to https:// (default: ``LUOSHI_HTTPS``)
``LUOSHI_SECURE_COOKIES`` session and CSRF cookies only over HTTPS (default: ``LUOSHI_HTTPS``)
``LUOSHI_HSTS_SECONDS``   Strict-Transport-Security max-age (default: one year with HTTPS, else 0)
``LUOSHI_HSTS_PRELOAD``   HSTS ``includeSubDomains; preload`` (default: ``LUOSHI_HTTPS``)
``LUOSHI_TLS_PROXY``      ``1``: trust the proxy's ``X-Forwarded-Proto: https`` (default: ``LUOSHI_HTTPS``)
``LUOSHI_CSP``            the Content-Security-Policy (default: luoshi_web.security.DEFAULT_POLICY)
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from luoshi_web.env import env_bool, env_choice, env_int, env_list, env_path, env_str, private_file, secret_key
from luoshi_web.security import DEFAULT_POLICY

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("LUOSHI_DATA_DIR", Path.cwd())

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("LUOSHI_DEBUG", False)
ALLOWED_HOSTS = env_list("LUOSHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("LUOSHI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login throttling per account and per address (registry/throttle.py)
    "ninja",  # ships the Swagger UI assets for /api/v1/docs (no CDN at run time)
    "luoshi_web.registry",
    "luoshi_web.office",  # the pages every role works in (login, home, tasks, reports, review)
    "luoshi_web.supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "luoshi_web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luoshi_web.registry.audit.AuditActorMiddleware",
    "luoshi_web.registry.audit.AtomicWritesMiddleware",
    "luoshi_web.registry.api.core.method_not_allowed_as_json",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login attempt
]

# django-axes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LUOSHI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LUOSHI_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one: per account, and per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "luoshi_web.registry.throttle.lockout"
AXES_CLIENT_IP_CALLABLE = "luoshi_web.registry.throttle.client_ip"

ROOT_URLCONF = "luoshi_web.urls"
WSGI_APPLICATION = "luoshi_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi_web.office.context.office",
            ],
        },
    },
]

# SQLite by default: one file, no server. WAL lets readers run while one
# writer commits; busy_timeout makes a second writer wait instead of failing;
# IMMEDIATE transactions take the write lock up front so two imports cannot
# deadlock half-way through. 30 s: an import's final write of a large gazette holds
# the write lock for seconds on a busy machine, and a web write should queue behind
# it rather than answer "busy" (the 30-minute soak with one import looping gave 55 busy
# refusals at 5 s; bench/README.md, "Soak").
LUOSHI_SQLITE_BUSY_MS = env_int("LUOSHI_SQLITE_BUSY_MS", 30000, minimum=0)
_SQLITE_PRAGMAS = f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={LUOSHI_SQLITE_BUSY_MS}; PRAGMA synchronous=NORMAL;"
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # Created 0600 before SQLite opens it: it holds password and token hashes.
            "NAME": private_file(env_path("LUOSHI_DB", DATA_DIR / "luoshi.sqlite3")),
            "OPTIONS": {"init_command": _SQLITE_PRAGMAS, "transaction_mode": "IMMEDIATE"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese is the working language of the documents and their users; English is
# offered for reviewers and developers: per request by Accept-Language (LocaleMiddleware),
# or as the default of a whole installation and of the command line (LUOSHI_LANGUAGE=en).
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LANGUAGE_CODE = env_choice("LUOSHI_LANGUAGE", "zh-hans", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [BASE_DIR / "locale"]
# dumpdata/loaddata (luoshi backup/restore) keep timestamps to the microsecond: see exact_json.
SERIALIZATION_MODULES = {"json": "luoshi_web.exact_json", "jsonl": "luoshi_web.exact_jsonl"}
USE_I18N = True
TIME_ZONE = env_str("LUOSHI_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "static/"
_static_root = env_str("LUOSHI_STATIC_ROOT", "")
STATIC_ROOT = Path(_static_root).resolve() if _static_root else None  # only for an optional collectstatic
# Serve admin assets straight from the installed apps: no collectstatic step
# for a single-machine deployment.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = env_path("LUOSHI_MEDIA_DIR", DATA_DIR / "evidence")
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600  # evidence files: readable by the server's account only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
LUOSHI_CSP = env_str("LUOSHI_CSP", DEFAULT_POLICY)

# TLS, switched on by the environment when a TLS proxy (or server) fronts the registry.
HTTPS = env_bool("LUOSHI_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("LUOSHI_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("LUOSHI_SECURE_COOKIES", HTTPS)
SECURE_HSTS_SECONDS = env_int("LUOSHI_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = env_bool("LUOSHI_HSTS_PRELOAD", HTTPS)
TLS_PROXY = env_bool("LUOSHI_TLS_PROXY", HTTPS)
# Proxies in front that append the client's address to X-Forwarded-For (login throttling reads it).
LUOSHI_PROXY_COUNT = env_int("LUOSHI_PROXY_COUNT", 1 if TLS_PROXY else 0, minimum=0)
if TLS_PROXY:
    # The proxy terminates TLS and says so; it must strip this header from what clients send.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The office pages sign people in with Django auth (not the admin).
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "office:login"

LUOSHI_REPORT_GRACE_DAYS = env_int("LUOSHI_REPORT_GRACE_DAYS", 15, minimum=0)
LUOSHI_TOKEN_DAYS = env_int("LUOSHI_TOKEN_DAYS", 90, minimum=1)
# How long an import waits for another writer (SQLite's one write lock) before "busy, try again".
LUOSHI_IMPORT_WAIT_SECONDS = env_int("LUOSHI_IMPORT_WAIT_SECONDS", 120, minimum=0)
# API write paths that run their own, shorter transactions (the upload import parses first,
# outside any lock); every other API write is one transaction (audit.AtomicWritesMiddleware).
LUOSHI_SELF_TRANSACTED_PATHS = frozenset({"/api/v1/import"})
LUOSHI_RESTORE_MAX_BYTES = env_int("LUOSHI_RESTORE_MAX_BYTES", 4 << 30, minimum=1)
LUOSHI_MAX_UPLOAD_BYTES = env_int("LUOSHI_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LUOSHI_LOG_LEVEL", "WARNING")},
}
