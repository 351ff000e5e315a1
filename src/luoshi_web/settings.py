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
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from luoshi_web.env import env_bool, env_choice, env_int, env_list, env_path, env_str, secret_key

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
    "ninja",  # ships the Swagger UI assets for /api/v1/docs (no CDN at run time)
    "luoshi_web.registry",
    "luoshi_web.office",  # the pages every role works in (login, home, tasks, reports, review)
    "luoshi_web.supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luoshi_web.registry.audit.AuditActorMiddleware",
    "luoshi_web.registry.api.core.method_not_allowed_as_json",
]

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
# deadlock half-way through.
_SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;"
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_path("LUOSHI_DB", DATA_DIR / "luoshi.sqlite3"),
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
SERIALIZATION_MODULES = {"json": "luoshi_web.exact_json"}
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The office pages sign people in with Django auth (not the admin).
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "office:login"

LUOSHI_REPORT_GRACE_DAYS = env_int("LUOSHI_REPORT_GRACE_DAYS", 15, minimum=0)
LUOSHI_TOKEN_DAYS = env_int("LUOSHI_TOKEN_DAYS", 90, minimum=1)
LUOSHI_MAX_UPLOAD_BYTES = env_int("LUOSHI_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LUOSHI_LOG_LEVEL", "WARNING")},
}
