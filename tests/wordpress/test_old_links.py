"""Every old link of the imported blog answers: a 301 to the archive's page, or an honest 404."""

import pytest
from django.core.management import call_command

from archive.models import Category, OldPath, Page, Post, Tag

from .helpers import FIXTURES, HEADER, export, item_xml

CLASSIC = FIXTURES / "classic.xml"


@pytest.fixture
def imported(db):
    call_command("load_seeds", str(CLASSIC), verbosity=0)


def lands(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


@pytest.mark.parametrize("old, new", [
    ("/2024/03/05/title-with-markup/", "/post/title-with-markup/"),
    ("/2024/03/05/title-with-markup", "/post/title-with-markup/"),  # as WordPress, with or without the slash
    ("/2024/03/07/102/", None),  # a post without a slug: wherever its title put it
    ("/?p=104", "/post/harbour-pictures/"),
    ("/about/", "/pages/about/"),
    ("/about/team/", "/pages/team/"),
    ("/?page_id=111", "/pages/team/"),
    # An attachment's page and id lead to the post it belongs to.
    ("/2024/03/09/harbour-pictures/port/", "/post/harbour-pictures/"),
    ("/?attachment_id=203", "/post/harbour-pictures/"),
    # A child category's nested path, its pages and feeds.
    ("/category/world/china/", "/category/china/"),
    ("/category/world/china/page/2/", "/category/china/page/2/"),
    ("/category/world/china/feed/", "/category/china/feed/"),
    ("/category/world/china/feed/rss2/", "/category/china/feed/"),
    ("/category/world/china/feed/atom/", "/category/china/feed/atom/"),
    # A post's comment pages and feed are the post.
    ("/2024/03/09/harbour-pictures/comment-page-2/", "/post/harbour-pictures/"),
    ("/2024/03/09/harbour-pictures/feed/", "/post/harbour-pictures/"),
    # The site's feeds and the comments feed by WordPress's other names for them.
    ("/feed/rss2/", "/feed/"),
    ("/feed/rdf/", "/feed/"),
    ("/comments/feed/rss2/", "/comments/feed/"),
    # WordPress's own search and month links.
    ("/?s=harbour+cranes", "/search/?q=harbour+cranes"),
    ("/?m=202403", "/2024/03/"),
])
def test_the_blogs_links_lead_to_the_archives_pages(client, imported, old, new):
    if new is None:
        new = Post.objects.get(wordpress_id=102).get_absolute_url()
    assert lands(client, old) == new
    assert client.get(new).status_code == 200 or "page/2/" in new


@pytest.mark.parametrize("url", [
    "/2024/03/10/for-subscribers/",  # password-protected: never imported
    "/2024/03/12/notes-to-self/",  # private
    "/?p=106",  # scheduled
    "/?p=107",  # a draft
    "/?p=99999",
    "/no-such-post/",
    "/category/world/nothing/",
    "/feed/rss3/",
])
def test_links_to_what_was_not_imported_stay_honest_404s(client, imported, url):
    assert client.get(url).status_code == 404


def test_the_archives_own_pages_are_served_as_ever(client, imported):
    # Paths the archive serves itself are never redirected, old paths or not.
    assert client.get("/category/china/").status_code == 200
    assert client.get("/2024/03/").status_code == 200
    assert client.get("/").status_code == 200 and client.get("/?page=2").status_code in (301, 404)


def test_a_reimport_adds_no_old_path_twice(db):
    call_command("load_seeds", str(CLASSIC), verbosity=0)
    before = sorted(OldPath.objects.values_list("path", "post", "page", "category", "tag"))
    call_command("load_seeds", str(CLASSIC), verbosity=0)
    assert sorted(OldPath.objects.values_list("path", "post", "page", "category", "tag")) == before


def test_a_blog_in_a_folder_is_served_from_the_archives_root(client, tmp_path, db):
    header = HEADER.replace("<wp:wxr_version>1.2</wp:wxr_version>",
                            "<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_blog_url>https://example.org/blog</wp:base_blog_url>")
    assert header != HEADER
    path = export(tmp_path, item_xml(7, post_name="in-a-folder", link="https://example.org/blog/2020/05/in-a-folder/"),
                  header=header)
    call_command("load_seeds", str(path), verbosity=0)
    assert lands(client, "/2020/05/in-a-folder/") == "/post/in-a-folder/"


@pytest.mark.parametrize("link", [
    "https://evil.example/elsewhere/", "//evil.example/x/", "/../../etc/passwd", "javascript:alert(1)",
    "https://briefings.example/%2F%2Fevil.example/",
])
def test_no_link_in_an_export_makes_the_archive_send_readers_elsewhere(client, tmp_path, db, link):
    path = export(tmp_path, item_xml(8, post_name="hostile", link=link))
    call_command("load_seeds", str(path), verbosity=0)
    for old in OldPath.objects.values_list("path", flat=True):
        response = client.get(old.split("?")[0], dict(part.split("=") for part in old.split("?")[1:]))
        if response.status_code == 301:
            assert response["Location"] == "/post/hostile/"
    assert client.get("/?s=//evil.example/")["Location"].startswith("/search/?q=")


def test_every_slug_a_post_had_leads_to_it(client, db):
    post = Post.objects.create(title="First title", body="Text.")
    first = post.get_absolute_url()
    post.slug = "second-slug"
    post.save()
    post.slug = "third-slug"
    post.save()
    assert lands(client, first) == "/post/third-slug/"
    assert lands(client, "/post/second-slug/") == "/post/third-slug/"
    assert list(post.old_paths.values_list("path", flat=True).order_by("path")) == [
        "/post/first-title/", "/post/second-slug/"]


def test_a_renamed_category_tag_or_page_leaves_its_old_path(client, db):
    category = Category.objects.create(name="Chips")
    category.slug = "semiconductors"
    category.save()
    assert lands(client, "/category/chips/") == "/category/semiconductors/"
    assert lands(client, "/category/chips/feed/atom/") == "/category/semiconductors/feed/atom/"
    tag = Tag.objects.create(name="Huawei")
    tag.slug = "huawei-technologies"
    tag.save()
    assert lands(client, "/tag/huawei/") == "/tag/huawei-technologies/"
    page = Page.objects.create(title="About us", body="Who we are.")
    page.slug = "about"
    page.save()
    assert lands(client, "/pages/about-us/") == "/pages/about/"
