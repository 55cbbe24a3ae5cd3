"""A WordPress blog's own kinds of page are in the sitemap: its tags, its authors, its standalone pages."""

from django.core.management import call_command

from archive.models import Author, Page, Tag
from tests.pages.test_sitemap import sitemap_urls

from .helpers import FIXTURES


def test_tags_authors_and_pages_are_in_the_sitemap_and_answer(client, db):
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    urls = set(sitemap_urls(client))
    expected = {tag.get_absolute_url() for tag in Tag.objects.all()}
    expected |= {author.get_absolute_url() for author in Author.objects.filter(post_count__gt=0)}
    expected |= {page.get_absolute_url() for page in Page.objects.all()}
    assert expected and expected <= urls
    for url in expected:
        assert client.get(url).status_code == 200, url
