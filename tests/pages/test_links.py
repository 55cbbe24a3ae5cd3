"""Remembered URLs are the URLs reverse() gives, under any script prefix."""

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


def test_a_page_served_under_a_script_prefix_links_under_it(client, seeded):
    # What a WSGI server does for an archive mounted at /archive (the test client sets no prefix).
    set_script_prefix("/archive/")
    try:
        page = client.get("/category/technology/", SCRIPT_NAME="/archive").content.decode()
    finally:
        set_script_prefix("/")
    assert 'href="/archive/post/biden-kicks-xi-when-hes-up/"' in page
    assert 'href="/archive/category/technology/page/2/"' in page
    assert 'href="/post/' not in page
    # The next request, and code outside any request, link under their own prefix again.
    assert 'href="/post/biden-kicks-xi-when-hes-up/"' in client.get("/category/technology/").content.decode()
    assert link("archive:source", slug="reuters") == "/source/reuters/"
