"""Limits count readers, not the proxy in front of them, and never fail on a missing address (finding 1)."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from archive.models import Comment, Post
from archive.web.addresses import UNKNOWN, reader_address

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Biden Kicks Xi When He’s Up"


def address(settings, peer, forwarded=None, proxies=()):
    settings.TRUSTED_PROXIES = list(proxies)
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return reader_address(RequestFactory().get("/", **headers))


@pytest.mark.parametrize(
    "peer, forwarded, proxies, reader",
    [
        # No proxy trusted: the peer is the reader, whatever the header says.
        ("203.0.113.9", "198.51.100.1", (), "203.0.113.9"),
        # Behind a trusted proxy: the address it appended.
        ("127.0.0.1", "198.51.100.1", ("127.0.0.1/32",), "198.51.100.1"),
        # What the client wrote itself (left of it) is never believed.
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", ("127.0.0.1",), "198.51.100.1"),
        # Two proxies in a row (a load balancer in the private network, then nginx).
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3", ("127.0.0.1", "10.0.0.0/8"), "198.51.100.1"),
        # A peer that is not trusted cannot speak for anyone else.
        ("192.0.2.50", "198.51.100.1", ("127.0.0.1",), "192.0.2.50"),
        # Garbage in the header stops the walk at the last address a proxy wrote.
        ("127.0.0.1", "not-an-address", ("127.0.0.1",), "127.0.0.1"),
        ("127.0.0.1", "", ("127.0.0.1",), "127.0.0.1"),
        ("::1", "2001:db8::7", ("::1",), "2001:db8::7"),
        # A proxy on a Unix socket: no peer address at all.
        ("", "198.51.100.1", ("unix",), "198.51.100.1"),
    ],
)
def test_the_reader_is_the_rightmost_address_no_trusted_proxy_wrote(settings, peer, forwarded, proxies, reader):
    assert address(settings, peer, forwarded, proxies) == reader


def test_a_request_with_no_address_shares_one_bucket_and_is_logged(settings, caplog):
    with caplog.at_level(logging.WARNING, logger="archive.security"):
        assert address(settings, "", "198.51.100.1") == UNKNOWN
    assert "no usable peer address" in caplog.text


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=TITLE)


def comment(client, post, forwarded=None, peer="127.0.0.1", body="A comment."):
    headers = {"REMOTE_ADDR": peer}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"author_name": "Ann", "author_email": "", "body": body, "website": ""}
    return client.post(post.get_absolute_url(), data, **headers)


def test_behind_the_proxy_each_reader_has_a_limit_of_their_own(client, post, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.COMMENT_RATE = "2/10m"
    for number in range(2):
        assert comment(client, post, "198.51.100.1", body=f"First reader, {number}.").status_code == 302
    assert comment(client, post, "198.51.100.1", body="First reader, once more.").status_code == 429
    # Another reader behind the same proxy is not held back by the first.
    assert comment(client, post, "198.51.100.2", body="Second reader.").status_code == 302
    # Nor can the first escape the limit by writing another address into the header.
    assert comment(client, post, "198.51.100.77, 198.51.100.1", body="Spoofed.").status_code == 429
    assert Comment.objects.count() == 3


def test_a_comment_over_a_unix_socket_is_never_a_server_error(client, post, settings):
    settings.TRUSTED_PROXIES = []
    settings.COMMENT_RATE = "2/10m"
    assert comment(client, post, peer="", body="One.").status_code == 302
    assert comment(client, post, peer="", body="Two.").status_code == 302
    # Every address-less request shares one limit.
    assert comment(client, post, peer="", body="Three.").status_code == 429


def test_a_bad_trusted_proxy_setting_stops_the_server_with_its_name():
    environment = {"DJANGO_SECRET_KEY": "x", "DJANGO_TRUSTED_PROXIES": "127.0.0.1,localhost"}
    result = subprocess.run(
        [sys.executable, "-c", "import briefings.settings"], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", **environment},
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: 'localhost' is not an address or network" in result.stderr


def test_check_deploy_warns_of_https_with_no_trusted_proxy(settings, capsys):
    settings.HTTPS = True
    settings.TRUSTED_PROXIES = []
    # The security checks alone: what else a test process's environment sets is no deployment's.
    call_command("check", deploy=True, tags=["security"], fail_level="CRITICAL")
    assert "briefings.W001" in capsys.readouterr().err
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    call_command("check", deploy=True, tags=["security"], fail_level="CRITICAL")
    assert "briefings.W001" not in capsys.readouterr().err
