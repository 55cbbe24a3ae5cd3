"""The server-error page, the clean 503 a reader gets while the database or Redis is away, refused forms.

Django calls ``server_error`` for any exception a request raised, from a view,
a template or a middleware, while that exception is still being handled. When
a service the archive stands on failed (PostgreSQL restarting, the SQLite file
locked past its timeout, the shared Redis cache unreachable) the archive is not
broken, only briefly unavailable: the reader gets "503 Service Unavailable"
with Retry-After, which tells browsers, crawlers and load balancers to come
back soon. Persistent connections are health-checked (settings.DATABASES) and
Redis connections are made afresh, so the first request after the service
returns is served, with no restart of the app servers.
"""

import sys

from django.db import DatabaseError, DataError, IntegrityError, NotSupportedError, ProgrammingError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as plain_server_error
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER_SECONDS = 10


# A bad query or a violated constraint is a bug, not an outage: those stay 500s.
BUGS = (DataError, IntegrityError, NotSupportedError, ProgrammingError)


def service_failed():
    """Whether the exception being handled is the database or Redis being unreachable or going away."""
    exception, seen = sys.exc_info()[1], set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, DatabaseError) and not isinstance(exception, BUGS):
            return True
        if isinstance(exception, (RedisConnectionError, RedisTimeoutError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


@requires_csrf_token
def server_error(request):
    if not service_failed():
        return plain_server_error(request)
    # The template needs nothing from the database: no context processors run.
    html = loader.get_template("503.html").render({"retry_url": request.get_full_path()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def refused_form(request, reason=""):
    """403 for a form refused as a possible cross-site forgery: what happened and what to do.

    The comment form is checked by the browser's Sec-Fetch-Site and Origin
    headers, the admin's forms by Django's CSRF token; both end here.
    """
    return HttpResponse(loader.get_template("403_csrf.html").render({}), status=403)
