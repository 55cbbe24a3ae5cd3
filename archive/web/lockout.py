"""A locked-out address is refused at the door of the sign-in page, before sessions, CSRF and the form.

django-axes already refuses a locked-out sign-in without checking its password,
but only once the request has gone through sessions, the CSRF check and the
admin's login view: a flood of guesses from one address then still kept both
app workers busy, and readers waited behind it (bench/login_flood.py). Here a
request for the sign-in page from an address axes has locked out is answered
with the lockout page at once, for one lookup.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse


class LockedOutMiddleware:
    """Answers the sign-in page with the lockout page, for an address django-axes has locked out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        if self.login_path is None:
            self.login_path = reverse("admin:login")
        if request.path_info == self.login_path:
            AxesProxyHandler.update_request(request)
            if AxesProxyHandler.is_locked(request):
                page = render_to_string(settings.AXES_LOCKOUT_TEMPLATE, {
                    "failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_timedelta": settings.AXES_COOLOFF_TIME,
                })
                response = HttpResponse(page, status=settings.AXES_HTTP_RESPONSE_CODE)
                response["X-Frame-Options"] = settings.X_FRAME_OPTIONS  # its middleware is further down
                return response
        return self.get_response(request)
