"""Deployment checks of the archive's own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxies_are_trusted_behind_https(app_configs, **kwargs):
    """HTTPS here means a TLS proxy in front: without trusting it, every reader is the proxy."""
    if getattr(settings, "HTTPS", False) and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "DJANGO_HTTPS is on, so the archive runs behind a TLS proxy, but DJANGO_TRUSTED_PROXIES is "
                "empty: every request seems to come from the proxy, so all readers share one comment "
                "limit and one sign-in lockout.",
                hint="Set DJANGO_TRUSTED_PROXIES to the proxy's address (e.g. 127.0.0.1) or 'unix' for a "
                "Unix socket; see the README, 'Running in production'.",
                id="briefings.W001",
            )
        ]
    return []
