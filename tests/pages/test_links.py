"""Remembered URLs are the URLs reverse() gives, under any script prefix; cited URLs are written as Django writes them."""

import pytest
from django.template.defaultfilters import iriencode as djangos_iriencode
from django.urls import reverse, set_script_prefix

from archive.links import link
from archive.templating import iriencode


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


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kyodonews.net/news/2023/08/abc-123.html?utm_source=x&b=1#top",
        "https://example.org/a path/with spaces",
        "https://example.org/Ürümqi/北京?q=新闻",
        'https://example.org/"quoted"<tag>{brace}|pipe^`back`\\',
        "https://example.org/already%20encoded/%E5%8C%97",
        "https://example.org/~user/(a)[b]!$*+,;='@:",
        "",
    ],
)
def test_source_links_are_written_as_django_writes_iris(url):
    # The filter skips the work for URLs it would leave unchanged; every URL still comes out as Django's.
    assert iriencode(url) == djangos_iriencode(url)
