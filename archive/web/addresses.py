"""The reader's address: who sent a request, even behind a reverse proxy.

Behind a proxy the peer of every request is the proxy itself. The proxies the
archive is told to trust (``DJANGO_TRUSTED_PROXIES``: addresses or networks,
and ``unix`` for a proxy on a Unix socket, whose requests come with no address)
each append the address they were reached from to ``X-Forwarded-For``; the
reader is the rightmost address there that is not one of them. Anything further
left was written by the client and is never believed. Without trusted proxies
the peer is the reader.

A request whose reader cannot be known (no peer address, as on a Unix socket
with no proxy trusted) shares one address, ``unknown``, with every other such
request: limits then apply to all of them together, and it is logged.
"""

import functools
import ipaddress
import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver

UNKNOWN = "unknown"
UNIX_SOCKET = "unix"

logger = logging.getLogger("archive.security")


@functools.cache
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies if proxy != UNIX_SOCKET)


def trusted_proxies():
    """The networks of the proxies to believe, and whether a Unix socket's peer is one."""
    proxies = tuple(settings.TRUSTED_PROXIES)
    return _networks(proxies), UNIX_SOCKET in proxies


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def reader_address(request):
    """The reader's address, as text (``unknown`` where it cannot be known). Worked out once per request."""
    known = request.META.get("archive.reader_address")
    if known is None:
        known = request.META["archive.reader_address"] = _reader_address(request)
    return known


def _reader_address(request):
    networks, unix_trusted = trusted_proxies()
    peer_text = request.META.get("REMOTE_ADDR") or ""
    peer = _address(peer_text) if peer_text else None
    trusted = (peer is None and not peer_text and unix_trusted) or (
        peer is not None and any(peer in network for network in networks)
    )
    if not trusted:
        if peer is None:
            logger.warning("A request came with no usable peer address (%r): it shares the limits "
                           "of every such request. Behind a proxy on a Unix socket, add 'unix' to "
                           "DJANGO_TRUSTED_PROXIES.", peer_text)
            return UNKNOWN
        return str(peer)
    reader = str(peer) if peer is not None else UNKNOWN
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            break  # not written by a trusted proxy: the address right of it is the last believed
        reader = str(address)
        if not any(address in network for network in networks):
            break
    return reader


def lockout_address(request):
    """django-axes's client address: the reader's, or None where it cannot be known (axes stores addresses)."""
    address = reader_address(request)
    return None if address == UNKNOWN else address


def ratelimit_key(group, request):
    """django-ratelimit's key: limits count per reader, not per proxy."""
    return reader_address(request)


@receiver(user_locked_out, dispatch_uid="archive.web.addresses.locked_out")
def _log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("Signing in locked after too many wrong passwords: username %r, reader %s.", username, ip_address)
