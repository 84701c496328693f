"""Newsroom settings, read from the environment.

Every variable is listed in README.md ("Configuration"). Without any of them set,
the project runs embedded: a private PostgreSQL server and a filesystem Celery broker
under ./data.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from newsroom import embedded_postgres

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NEWSROOM_DATA_DIR", BASE_DIR / "data"))
# The embedded defaults (PostgreSQL server, filesystem broker, media) all live here.
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY a fixed development key is used. Its "django-insecure-" prefix is what
# `manage.py check --deploy` looks for, so a production deploy that forgot it is flagged.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-newsroom-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "newsroom",
    "interviews",
    "publishing",
    "accounts",
    "reader",
    "reader.search",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Full-text search on PostgreSQL (SearchVectorField, GIN indexes).
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.RejectNulBytesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.RequireTwoFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One engine everywhere: PostgreSQL. Without DATABASE_URL, a private server under DATA_DIR
# (newsroom/embedded_postgres.py), started here if it is not running yet.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or embedded_postgres.ensure_running(DATA_DIR),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# No JIT compilation: it pays off for long analytical queries, not for a web page's short
# ones, and it is triggered by the planner's cost estimate, which without statistics (a
# fresh database) can be huge for a query that runs in milliseconds: a topic page then
# spent 0.9 s compiling a 56 ms query.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Newsroom runs on PostgreSQL only (search, case rules and publishing's row locks "
        "depend on it). Set DATABASE_URL to postgres://…, or unset it for the embedded server."
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in security (accounts/). django-axes counts failed logins per (user name, client
# address) on every sign-in form and on page passwords, and locks that pair out for a while.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ThrottledLogins",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_VERBOSE = False
# Two-factor sign-in (TOTP) for superusers and Moderators; the local demo goes without.
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("WAGTAIL_SITE_NAME", "Newsroom")

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "ru")
LANGUAGES = [("ru", "Русский"), ("en", "English")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The Wagtail page editor posts one field per StreamField input; long interviews exceed
# Django's default of 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
# Room above the importer's own 1 MB limit, so an oversized paste reaches the form and gets
# a form error that says so rather than a bare "400 Bad Request".
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Newsroom")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# No avatars from Gravatar: the admin works offline and tells no third party who edits.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a check for new Wagtail releases (a request to releases.wagtail.org from every
# admin's dashboard): upgrades are the developers' business, through requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "newsroom.search_backend",
        # The admin's search. Readers' search has its own index of word forms
        # (reader.search, docs/search.md); this one stays as Wagtail made it.
        "SEARCH_CONFIG": "russian",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# Topics in any case are one topic ("каспий" is "Каспий"): taggit compares with
# UPPER(), which knows Cyrillic and Kazakh letters on a UTF-8 locale (tests/test_search.py).
TAGGIT_CASE_INSENSITIVE = True

# Wagtail 8's own background work (search and reference index updates, file deletion)
# runs through django-tasks, inline in the request or job that caused it: these are fast,
# and inline keeps the admin consistent for the editor who just saved. Each task runs in
# its own savepoint (newsroom/task_backends.py). See docs/architecture.md.
TASKS = {"default": {"BACKEND": "newsroom.task_backends.IsolatedImmediateBackend"}}

# Celery. With no broker configured, kombu's filesystem transport under DATA_DIR lets a
# new user run a real worker and beat without any server.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://localhost/")
if CELERY_BROKER_URL == "filesystem://":
    # The filesystem transport ignores the host, but kombu warns "No hostname was
    # supplied" on every connection (every import that publishes) when there is none.
    CELERY_BROKER_URL = "filesystem://localhost/"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem"):
    BROKER_QUEUE_DIR = DATA_DIR / "broker" / "queue"
    BROKER_QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_QUEUE_DIR),
        "data_folder_out": str(BROKER_QUEUE_DIR),
        "control_folder": str(DATA_DIR / "broker" / "control"),
        "store_processed": False,
    }
elif os.environ.get("CELERY_VISIBILITY_TIMEOUT"):
    # Redis hands an unacknowledged message (its worker died) to another worker after
    # this many seconds (Celery's default: 1 hour; the sweep covers the gap). Tests only:
    # below the longest go-live delay, Redis would hand out scheduled messages again.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": float(os.environ["CELERY_VISIBILITY_TIMEOUT"])
    }
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only once it has finished, and handed back if its worker dies,
# so a killed worker's publish runs again elsewhere (the tasks are idempotent).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Outcomes live in the database (publishing.PublishingJob), not in a result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
PUBLISHING_SWEEP_SECONDS = float(os.environ.get("PUBLISHING_SWEEP_SECONDS", "15"))
CELERY_BEAT_SCHEDULE = {
    "publishing-sweep": {
        "task": "publishing.tasks.sweep_publishing",
        "schedule": PUBLISHING_SWEEP_SECONDS,
        # A sweep that waited out a broker outage is stale; the next one is due soon.
        "options": {"expires": PUBLISHING_SWEEP_SECONDS},
    },
}


def cache_from_url(url: str) -> dict:
    """CACHE_URL: redis://host:port/db (production, CI), file:///dir, locmem://, dummy://.

    Unset, it is a file cache under NEWSROOM_DATA_DIR: the web server, the Celery worker
    and beat all see it, so a purge the worker does after an unpublish reaches the pages
    the web server serves. A local-memory cache is per process: a purge would only empty
    the worker's own copy while the web server kept serving the old page for up to
    PAGE_CACHE_SECONDS (`check --deploy` refuses it while the page cache is on).
    """
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    location = url.removeprefix("file://") if url.startswith("file://") else DATA_DIR / "cache"
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(location),
        # Django's default of 300 entries is a few pages in two languages; above this
        # many files a write culls a third of them.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}

# The readers' page cache (newsroom/cache.py). Off in DEBUG so template edits show at once.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
# Cache-Control for browsers (short: they cannot be purged) and for shared caches (nginx,
# a CDN: purged by the publishing pipeline through wagtail.contrib.frontend_cache).
NEWSROOM_BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))
NEWSROOM_PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "300"))
NEWSROOM_STALE_SECONDS = 60
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    # nginx (ngx_cache_purge) or Varnish: Wagtail sends PURGE requests to this address.
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }


def mailer_from_url(url: str) -> dict:
    """EMAIL_URL: smtp://user:password@host:587 (STARTTLS; ?tls=0 turns it off),
    smtps://…:465 (TLS from the start), file:///path, console://, locmem://, dummy://."""
    parts = urlsplit(url)
    backends = "django.core.mail.backends"
    if parts.scheme in {"smtp", "smtps"}:
        query = parse_qs(parts.query)
        ssl = parts.scheme == "smtps"
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if ssl else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": ssl,
            "use_tls": not ssl and query.get("tls", ["1"])[0] not in {"0", "false", "no"},
            "timeout": int(query.get("timeout", ["20"])[0]),
        }
        return {"BACKEND": f"{backends}.smtp.EmailBackend", "OPTIONS": options}
    if parts.scheme == "file":
        path = unquote(parts.path) or str(DATA_DIR / "mail")
        return {"BACKEND": f"{backends}.filebased.EmailBackend", "OPTIONS": {"file_path": path}}
    if parts.scheme in {"console", "locmem", "dummy"}:
        return {"BACKEND": f"{backends}.{parts.scheme}.EmailBackend"}
    raise ValueError(f"EMAIL_URL: unknown scheme {parts.scheme!r} in {url!r}")


# Mail (workflow notifications, password resets). Without EMAIL_URL the local demo prints
# messages on the console and a production install writes them to files under DATA_DIR,
# so nothing is lost to "connection refused"; `check --deploy` reminds you to set it.
EMAIL_URL = os.environ.get("EMAIL_URL") or ("console://" if DEBUG else "file://")
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail's inline background tasks (django-tasks) log every start and finish, and
        # Wagtail logs every page created, edited and published (its audit log keeps
        # those): a load_demo printed 200 such lines. Their warnings and failures stay.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # pymorphy3 announces its dictionary at INFO in every process that loads it (the
        # search index and the importer's names): noise after every import.
        "pymorphy3": {"level": "WARNING"},
        # django-axes logs every successful sign-in and clean-up at INFO; lockouts and
        # failed attempts are WARNING and stay.
        "axes": {"level": "WARNING"},
    },
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Content Security Policy (Django's own middleware). Readers' pages run no JavaScript at
# all; an inline <script> runs only with the per-response nonce ({{ csp_nonce }}), never
# on a cached page (the nonce would be stale). JSON-LD blocks are data, not scripts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # Follows X-Frame-Options on every response (newsroom.middleware): 'none' with DENY.
    "frame-ancestors": [CSP.NONE],
}
NEWSROOM_ADMIN_CSP_PATHS = ["/admin/", "/django-admin/"]
NEWSROOM_ADMIN_CSP = SECURE_CSP | {
    # No nonce here: a nonce would make browsers ignore 'unsafe-inline'.
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https:"],
}
# Behind nginx terminating TLS: trust its X-Forwarded-Proto to tell HTTPS requests.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# HSTS is sent on HTTPS responses only, so it is harmless on a plain-HTTP demo.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview frames itself (it overrides this header for its preview views, and
# frame-ancestors follows: newsroom.middleware).
X_FRAME_OPTIONS = "DENY"
# Nothing on this site uses a camera, a microphone, location, payments or USB; embedded
# content may not either. interest-cohort=() opts out of browsers' interest tracking.
NEWSROOM_PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)
