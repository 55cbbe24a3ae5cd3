"""Links on a page follow the script prefix the archive is served under."""

import pytest
from django.urls import set_script_prefix

from archive.models import Author, Category, Outlet, Page, Post, Tag
from archive.web.paths import PagePaths


def test_a_page_served_under_a_script_prefix_links_under_it(client, seeded, settings):
    # What a WSGI server does for an archive mounted at /archive (the test client sets no prefix).
    # The file storage keeps the media address it first made, prefix and all, as it may in a server that
    # has one prefix: MEDIA_URL "changed" (to itself) makes it forget that address when this test ends.
    settings.MEDIA_URL = settings.MEDIA_URL
    set_script_prefix("/archive/")
    try:
        page = client.get("/category/technology/", SCRIPT_NAME="/archive").content.decode()
    finally:
        set_script_prefix("/")
    assert 'href="/archive/post/biden-kicks-xi-when-hes-up/"' in page
    assert 'href="/archive/category/technology/page/2/"' in page
    assert 'href="/post/' not in page
    # The next request links under its own prefix again.
    assert 'href="/post/biden-kicks-xi-when-hes-up/"' in client.get("/category/technology/").content.decode()


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
@pytest.mark.parametrize("model", [Post, Category, Tag, Author, Outlet, Page])
def test_a_page_links_every_kind_of_row_where_its_own_page_is(model, prefix):
    # Templates link rows through PagePaths, which reverses each route once per page:
    # its paths must be the rows' own get_absolute_url(), under whatever prefix the site is served.
    set_script_prefix(prefix)
    try:
        paths, rows = PagePaths(), [model(slug="first-slug"), model(slug="second_2")]
        assert [paths.of(row) for row in rows] == [row.get_absolute_url() for row in rows]
        assert paths.of(rows[1]).startswith(prefix) and paths.of(rows[1]).endswith("/second_2/")
    finally:
        set_script_prefix("/")


def test_a_row_without_a_route_of_its_own_is_asked_for_its_url():
    class Elsewhere:
        def get_absolute_url(self):
            return "/somewhere/else/"

    assert PagePaths().of(Elsewhere()) == "/somewhere/else/"
    assert PagePaths().reverse("archive:category", slug="asia") == "/category/asia/"
