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
