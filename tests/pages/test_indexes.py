"""The indexes a reader finds their way with: every category with its size, every outlet cited."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Category, Outlet

from .helpers import page_text


@pytest.fixture
def archive(seeded):
    from tests.wordpress.helpers import FIXTURES

    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)


def test_the_category_index_lists_each_category_with_its_posts_under_its_parent(client, archive):
    response = client.get("/category/")
    text = page_text(response)
    assert "Categories" in text and "Technology (11 posts)" in text and "Economy (1 post)" in text
    html = response.content.decode()
    # China is filed under World: listed inside World's entry.
    world = html.index('<a href="/category/world/">World</a>')
    china = html.index('<a href="/category/china/">China</a>')
    assert world < china < html.index("</li>", html.index("</ul>", china))
    for category in Category.objects.filter(post_count__gt=0):
        assert f'href="{category.get_absolute_url()}"' in html
        assert client.get(category.get_absolute_url()).status_code == 200


def test_the_outlet_index_lists_every_outlet_cited(client, archive):
    html = client.get("/source/").content.decode()
    for outlet in Outlet.objects.all():
        assert (f'href="{outlet.get_absolute_url()}"' in html) == outlet.citations.exists()
    Outlet.objects.create(name="Never Cited")
    assert "Never Cited" not in client.get("/source/").content.decode()


def test_every_page_leads_to_both_indexes(client, archive):
    for url in ("/", "/post/harbour-pictures/", "/dates/"):
        html = client.get(url).content.decode()
        assert '<a href="/category/">Categories</a>' in html and '<a href="/source/">Sources</a>' in html


@pytest.mark.parametrize("url, queries", [("/category/", 2), ("/source/", 2)])  # the list, the footer's pages
def test_an_index_costs_the_same_queries_however_many_rows(client, archive, url, queries):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = count()
    for number in range(30):
        Category.objects.create(name=f"Extra {number}")
    assert few == count() == queries
