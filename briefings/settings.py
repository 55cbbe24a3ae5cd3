"""Settings for the Briefings archive.

Everything that differs between a laptop and production comes from the
environment, so the same code runs in both:

    DATABASE_URL          default: SQLite file db.sqlite3 beside manage.py
    DJANGO_SECRET_KEY     required when DJANGO_DEBUG is off
    DJANGO_DEBUG          "1"/"true" for development; off by default
    DJANGO_ALLOWED_HOSTS  comma-separated host names
    REDIS_URL             optional; a cache shared by every process
    DJANGO_HTTPS          "1" when the site is served over HTTPS (behind a TLS proxy)
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Refuse to start a production process with a guessable key.
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

# The reverse proxies whose X-Forwarded-For is believed (archive/web/addresses.py):
# addresses or networks, and "unix" for a proxy on a Unix socket.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    if _proxy != "unix":
        try:
            ipaddress.ip_network(_proxy, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an address or network (e.g. 10.0.0.0/8) nor 'unix'"
            ) from None

# Served over HTTPS, normally by a reverse proxy that terminates TLS and says so
# in X-Forwarded-Proto (the proxy must set that header itself, never pass on a
# client's). Off by default, so that a plain-HTTP run (a laptop, a benchmark)
# is not redirected to an https:// that does not exist.
HTTPS = env_flag("DJANGO_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    # HTTPS for every subdomain too, and eligible for browsers' preload lists:
    # set these to 0 if any subdomain of the archive's domain still needs plain HTTP.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)
# Django's defaults, stated because the archive relies on them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts, styles, fonts and fetches come
# from the archive itself, never from inline code, so an injected <script> or
# style="" attribute would not run even if one got past the sanitiser. Images
# may also come from https: sites, because editors' Markdown may show a
# picture hosted by a cited source. Every page type and the admin run under it
# (tests/browser/test_content_security_policy.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:"],
        # Audio and video of imported posts, like their images, may still be on the old host.
        "media-src": [SELF, "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

INSTALLED_APPS = [
    # django.contrib.admin, with the archive's admin site (its home page counts the comments to moderate).
    "briefings.apps.BriefingsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Before staticfiles so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "reversion",
    "csp",
    "axes",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, as whitenoise asks: static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Old links (the original blog's, old slugs) answer with a 301 where the archive would answer 404,
    # and ahead of the page cache, which would answer /?p=123 with the home page (archive/web/old_links.py).
    "archive.web.old_links.OldLinksMiddleware",
    # Reader pages found in the page cache are answered here, before everything
    # below; pages it does not have are stored on their way back up, with the
    # headers the middleware below gave them (archive/web/page_cache.py).
    "archive.web.page_cache.PageCacheMiddleware",
    # django-csp: the Content-Security-Policy header on every response.
    "csp.middleware.CSPMiddleware",
    # A locked-out address is refused the sign-in page before anything below runs (archive/web/lockout.py).
    "archive.web.lockout.LockedOutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Token-based CSRF protection for the admin. The reader's comment form is
    # checked by the browser's Sec-Fetch-Site and Origin headers instead, so
    # that post pages carry no per-visitor token (archive/views/posts.py).
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its own page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username, or from one reader's address, further attempts are refused for the
# cool-off time without checking the password (no password hash is computed),
# so a flood of guesses costs the server almost nothing. Administrators unlock
# with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`, or in the
# admin's "Access attempts".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Editors sign in through the admin, and land there.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = int(os.environ.get("BRIEFINGS_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("BRIEFINGS_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "archive.web.addresses.lockout_address"
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_VERBOSE = False

# A refused form gets a page that says what to do, in the site's style.
CSRF_FAILURE_VIEW = "archive.web.errors.refused_form"

ROOT_URLCONF = "briefings.urls"
WSGI_APPLICATION = "briefings.wsgi.application"

# The reader's pages are Jinja2 templates (templates/, archive/web/templating.py):
# they render several times faster than Django's templates, which the admin
# and the sitemaps keep using (from the apps' own folders).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "archive.web.templating.environment",
            "context_processors": ["archive.web.context_processors.site"],
            "keep_trailing_newline": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Keep connections open between requests on PostgreSQL; health checks
        # replace a connection that died while idle (a database restart).
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # random_page_cost: the archive is read from memory or SSD, not from the
    # spinning disks PostgreSQL's default (4) assumes; with that default, each
    # listed post's query hashed every outlet to find its sources' few outlets
    # instead of looking them up by key.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        options="-c random_page_cost=1.1"
    )
    # Prepared statements (psycopg's, after a query's fifth run on a connection;
    # Django turns them off by default): a page's queries are planned once per
    # connection instead of at every request. Planning was most of their time on
    # PostgreSQL; pages took 0.87-0.97 of their time (bench/RESULTS.md). Searches
    # are planned for their own words all the same (archive/search/query.py).
    # BRIEFINGS_PG_PREPARED=0 turns them off, for a pooler that cannot keep them
    # (PgBouncer before 1.21 in transaction mode).
    if os.environ.get("BRIEFINGS_PG_PREPARED", "1") != "0":
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
    # Django's backend, whose health check looks at the connection's socket
    # before it sends the server a query (briefings/db/base.py).
    DATABASES["default"]["ENGINE"] = "briefings.db"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; the timeout makes a
    # second writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (archive/backup.py) are JSON Lines whose times keep their microseconds.
SERIALIZATION_MODULES = {"jsonl": "archive.backup"}

# Every process (each gunicorn worker, each app server, load_seeds run from a
# shell) must see the same generation and the same pages, so the page cache is
# shared: Redis where REDIS_URL is set, otherwise a table in the database
# (Django's database cache; `migrate` creates its tables). A process's own
# memory never holds a page: a change made by one process would not reach the
# others.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis: it keeps one client per process, where Django's own Redis
            # backend builds one for every call (cached pages served 54-69 % of the
            # static-file ceiling with Django's, 76-85 % with django-redis, alternated).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "briefings",
            # An unreachable Redis fails a request in a second (a clean 503,
            # archive/web/errors.py) instead of holding a worker.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "archive_page_cache",
            # Pages of replaced generations are culled first (they have expired or are the oldest).
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Rate-limit counters live apart from the pages, in the database: no flood of
# distinct URLs can push them out of a cache that makes room for pages.
CACHES["counters"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "archive_counters",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
RATELIMIT_USE_CACHE = "counters"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# The archive and its admin are in English only: no per-request language lookups.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("BRIEFINGS_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files imported from a WordPress blog's uploads folder (load_seeds --uploads DIR), under uploads/YYYY/MM/:
# served at MEDIA_URL by archive.views.media, or by a web server in front (README).
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("BRIEFINGS_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; plain files while developing so
    # that a missing collectstatic never breaks runserver or the tests.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The archive's own settings.
SITE_TITLE = os.environ.get("BRIEFINGS_SITE_TITLE", "Briefings")
# What the home page says the site is, under its name (and to search engines, as its description).
SITE_INTRODUCTION = os.environ.get(
    "BRIEFINGS_SITE_INTRODUCTION",
    "An archive of a blog on China, geopolitics and technology: its posts and briefings, each with the "
    "sources it cites, kept as the blog published them.",
)
POSTS_PER_PAGE = 8
# What lists of posts (the archive, categories, tags, dates, sources) and feeds show of each post, as
# WordPress's "For each post in a feed, include" chooses for its feeds: "summaries" (a long post up to its
# <!--more--> marker, or its opening, with a link to the rest: archive/summaries.py) or "full" (whole posts).
LISTS_SHOW = os.environ.get("BRIEFINGS_LISTS_SHOW", "summaries")
if LISTS_SHOW not in ("summaries", "full"):
    raise ImproperlyConfigured(f"BRIEFINGS_LISTS_SHOW is {LISTS_SHOW!r}: set it to 'summaries' or 'full'.")
# The newest posts a feed carries: WordPress's default, which the blog's own
# feeds had. Feed readers poll often; each poll sends every post in full.
FEED_SIZE = 10
SEEDS_DIR = BASE_DIR / "seeds"
# Comments one reader may send, counted in the "counters" cache, which every
# process shares.
COMMENT_RATE = os.environ.get("BRIEFINGS_COMMENT_RATE", "5/10m")
# The largest post body imports and editors may store (bytes of UTF-8).
MAX_BODY_BYTES = int(os.environ.get("BRIEFINGS_MAX_BODY_BYTES", 2**20))
# The longest a search may keep the database busy before it is stopped.
SEARCH_TIMEOUT_MS = int(os.environ.get("BRIEFINGS_SEARCH_TIMEOUT_MS", 2000))
# The reader's pages are read far more often than anything changes: anonymous
# GETs are served whole from the cache above (shared by every process when
# REDIS_URL is set), keyed by the archive's generation, which every change
# replaces when it commits (archive/web/page_cache.py, archive/derived/). BRIEFINGS_PAGE_CACHE=0 renders
# every page instead; ETags and 304 responses work either way.
PAGE_CACHE = env_flag("BRIEFINGS_PAGE_CACHE", True)
# Pages of replaced generations are never read again; this bounds how long they
# take up memory.
PAGE_CACHE_SECONDS = 24 * 60 * 60
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
