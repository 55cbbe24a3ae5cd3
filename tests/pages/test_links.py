"""Remembered URLs are the URLs reverse() gives, under any script prefix."""

import io

from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse, set_script_prefix

from archive.links import link


def test_links_are_what_reverse_gives():
    assert link("archive:category", slug="trade") == reverse("archive:category", kwargs={"slug": "trade"})
    assert link("archive:category_page", slug="trade", page=3) == "/category/trade/page/3/"
    assert link("archive:index") == "/"


def test_links_follow_the_script_prefix():
    assert link("archive:source", slug="reuters") == "/source/reuters/"
    try:
        set_script_prefix("/archive/")
        assert link("archive:source", slug="reuters") == "/archive/source/reuters/"
    finally:
        set_script_prefix("/")
    assert link("archive:source", slug="reuters") == "/source/reuters/"



def served(path, script_name=""):
    """A page as a WSGI server gets it (the test client never sets the script prefix)."""
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "SCRIPT_NAME": script_name, "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(), "SERVER_PROTOCOL": "HTTP/1.1",
    }
    return b"".join(WSGIHandler()(environ, lambda status, headers: None)).decode()


def test_a_page_served_under_a_script_prefix_links_under_it(seeded):
    page = served("/category/technology/", script_name="/archive")
    assert 'href="/archive/post/biden-kicks-xi-when-hes-up/"' in page
    assert 'href="/archive/category/technology/page/2/"' in page
    assert 'href="/post/' not in page
    # The next request, and code outside any request, link under their own prefix again.
    assert 'href="/post/biden-kicks-xi-when-hes-up/"' in served("/category/technology/")
    assert link("archive:source", slug="reuters") == "/source/reuters/"
