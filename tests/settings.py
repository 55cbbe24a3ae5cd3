"""Production settings, as far as tests can use them: debug stays off."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-tests-only")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from briefings.settings import *  # noqa: E402,F403

# Tests render templates without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files straight from static/ (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Each test runs in one process: the page cache and the counters in its memory.
# The database cache of production is tested where sharing is the point
# (tests/security/test_workers.py runs gunicorn with the production settings).
CACHES = {
    # Redis where a test asks for it (REDIS_URL), as production would.
    "default": CACHES["default"] if os.environ.get("REDIS_URL")  # noqa: F405
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counters"},
}
# Tests change the database and read pages again inside one transaction, whose
# commit hooks (and so the page cache's invalidation) never run: pages are
# rendered afresh unless a test turns the cache on, as tests/caching/ does.
PAGE_CACHE = False
# The test client sees the context of the Jinja2 pages as it does Django's templates'.
TEMPLATES = [{**TEMPLATES[0], "BACKEND": "tests.templating.InstrumentedJinja2"}, *TEMPLATES[1:]]  # noqa: F405
