"""The blog's authors: a page of their own here, /author/SLUG/, and the blog's author links lead to it."""

import feedparser
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Author, OldPath, Post

from .helpers import FIXTURES, HEADER, export, item_xml

CLASSIC = FIXTURES / "classic.xml"
EDITOR_EMAIL, GUEST_EMAIL = "editor@briefings.example", "guest@mail.example"


def load(path):
    call_command("load_seeds", str(path), verbosity=0)


@pytest.fixture
def imported(db):
    load(CLASSIC)


def lands(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


def titles(response):
    return [post.title for post in response.context["posts"]]


def users(*users, first="", last=""):
    """wp:author elements: (id, login, display name, email) each, with ``first`` and ``last`` names."""
    return "".join(
        f"\t<wp:author><wp:author_id>{pk}</wp:author_id><wp:author_login><![CDATA[{login}]]></wp:author_login>"
        f"<wp:author_email><![CDATA[{email}]]></wp:author_email>"
        f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>"
        f"<wp:author_first_name><![CDATA[{first}]]></wp:author_first_name>"
        f"<wp:author_last_name><![CDATA[{last}]]></wp:author_last_name></wp:author>\n"
        for pk, login, name, email in users
    )


def test_the_blogs_authors_come_in_by_their_names_alone(imported):
    assert sorted(Author.objects.values_list("name", "slug", "post_count")) == [
        ("Guest Writer", "guest-writer", 1), ("The Editor", "the-editor", 3),
    ]
    assert {field.name for field in Author._meta.concrete_fields} == {
        "id", "name", "slug", "description", "post_count", "import_key",
    }  # no login, no email
    assert Post.objects.get(wordpress_id=102).author.name == "Guest Writer"


@pytest.mark.parametrize("old, new", [
    ("/author/editor/", "/author/the-editor/"),
    ("/author/editor/page/2/", "/author/the-editor/page/2/"),
    ("/author/editor/feed/", "/author/the-editor/feed/"),
    ("/author/editor/feed/rss2/", "/author/the-editor/feed/"),
    ("/author/editor/feed/atom/", "/author/the-editor/feed/atom/"),
    ("/?author=1", "/author/the-editor/"),
    ("/author/guest/", "/author/guest-writer/"),
    ("/?author=2", "/author/guest-writer/"),
])
def test_the_blogs_author_links_lead_to_the_authors_pages(client, imported, old, new):
    assert lands(client, old) == new


def test_an_authors_page_lists_their_posts_newest_first(client, imported):
    editor = client.get(lands(client, "/author/editor/"))
    assert editor.status_code == 200
    assert titles(editor) == ["Harbour Pictures", "A Post With No Content", "Title With Markup"]
    assert "<h1>Author Archives: The Editor</h1>" in editor.content.decode()
    guest = client.get(lands(client, "/author/guest/"))
    assert titles(guest) == ["A post without a title: an aside."]


@pytest.mark.parametrize("url", [
    "/author/nobody/", "/author/nobody/feed/", "/?author=99", "/author/the-editor/page/2/",
])
def test_authors_and_pages_that_do_not_exist_are_404s(client, imported, url):
    assert client.get(url).status_code == 404


def test_no_page_shows_an_authors_email_or_login(client, imported):
    pages = ["/", "/author/the-editor/", "/author/guest-writer/", "/author/the-editor/feed/",
             "/author/the-editor/feed/atom/", "/comments/feed/",
             Post.objects.get(wordpress_id=101).get_absolute_url()]
    for url in pages:
        text = client.get(url).content.decode()
        assert EDITOR_EMAIL not in text and GUEST_EMAIL not in text, url
        assert "/author/editor/" not in text and "/author/guest/" not in text, url
    for value in OldPath.objects.values_list("path", flat=True):
        assert "@" not in value


def test_a_post_links_its_authors_name_to_the_authors_page(client, imported):
    html = client.get(Post.objects.get(wordpress_id=102).get_absolute_url()).content.decode()
    assert 'by <a href="/author/guest-writer/" rel="author">Guest Writer</a>' in html
    listed = client.get("/author/the-editor/").content.decode()
    assert listed.count('<a href="/author/the-editor/" rel="author">The Editor</a>') == 3


@pytest.mark.parametrize("url, version", [
    ("/author/the-editor/feed/", "rss20"), ("/author/the-editor/feed/atom/", "atom10"),
])
def test_an_authors_feeds_hold_their_newest_posts(client, imported, url, version):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == version
    assert feed.feed.title == f"The Editor | {settings.SITE_TITLE}"
    assert [entry.title for entry in feed.entries] == [
        "Harbour Pictures", "A Post With No Content", "Title With Markup",
    ]
    page = client.get("/author/the-editor/").content.decode()
    assert f'href="{url}"' in page  # advertised by the author's page


def test_a_reimport_finds_the_same_authors(client, db):
    load(CLASSIC)
    before = sorted(Author.objects.values_list("pk", "name", "slug", "import_key"))
    paths = sorted(OldPath.objects.filter(author__isnull=False).values_list("path", "author__slug"))
    assert paths == [("/?author=1", "the-editor"), ("/?author=2", "guest-writer"),
                     ("/author/editor/", "the-editor"), ("/author/guest/", "guest-writer")]
    load(CLASSIC)
    assert sorted(Author.objects.values_list("pk", "name", "slug", "import_key")) == before
    assert sorted(OldPath.objects.filter(author__isnull=False).values_list("path", "author__slug")) == paths


def test_an_author_made_from_a_posts_name_is_recognised_by_its_name(client, db):
    # As the migration made them from the names posts held before authors had rows.
    made = Author.objects.create(name="The Editor")
    load(CLASSIC)
    assert Author.objects.filter(name="The Editor").count() == 1
    assert Post.objects.get(wordpress_id=101).author == made
    assert lands(client, "/author/editor/") == "/author/the-editor/"


def test_an_editor_renames_an_author_and_the_old_path_follows(client, imported):
    editor = Author.objects.get(slug="the-editor")
    editor.name, editor.slug = "Ada Lee", "ada-lee"
    editor.save()
    assert lands(client, "/author/the-editor/") == "/author/ada-lee/"
    assert lands(client, "/author/editor/") == "/author/ada-lee/"
    assert lands(client, "/author/the-editor/feed/atom/") == "/author/ada-lee/feed/atom/"
    assert "by <a href=\"/author/ada-lee/\" rel=\"author\">Ada Lee</a>" in client.get("/").content.decode()


def test_a_post_given_to_another_author_moves_to_their_page(client, imported):
    post = Post.objects.get(wordpress_id=101)
    post.author = Author.objects.get(slug="guest-writer")
    post.save()
    assert titles(client.get("/author/guest-writer/")) == [
        "A post without a title: an aside.", "Title With Markup",
    ]
    assert titles(client.get("/author/the-editor/")) == ["Harbour Pictures", "A Post With No Content"]
    assert dict(Author.objects.values_list("slug", "post_count")) == {"the-editor": 2, "guest-writer": 2}


def test_a_deleted_authors_posts_stay_without_an_author(client, imported):
    Author.objects.get(slug="guest-writer").delete()
    post = Post.objects.get(wordpress_id=102)
    assert post.author is None and post.author_rank is None
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get("/author/guest-writer/").status_code == 404
    assert client.get("/author/guest/").status_code == 404  # its old paths went with it


def test_a_user_without_a_name_to_show_makes_no_author(client, tmp_path, db):
    # WXR 1.0 names no users, and a user may have an empty display name: a login alone is never shown.
    header = HEADER + users((5, "nameless", "", "nameless@example.com"))
    post = item_xml(1, post_name="by-nobody").replace("[editor]", "[nameless]")
    load(export(tmp_path, post, header=header))
    assert Post.objects.get(slug="by-nobody").author is None
    assert not Author.objects.exists()
    assert client.get("/author/nameless/").status_code == 404
    assert "nameless" not in client.get("/post/by-nobody/").content.decode()


def test_a_login_or_display_name_that_is_an_email_address_is_never_shown_or_kept(client, tmp_path, db):
    # WordPress shows a user whose login is an email address by that address until they choose a name.
    address = "ada@mail.example"
    header = HEADER + users((9, address, address, address), first="Ada", last="Lee")
    load(export(tmp_path, item_xml(1).replace("[editor]", f"[{address}]"), header=header))
    assert lands(client, "/?author=9") == "/author/ada-lee/"
    assert titles(client.get("/author/ada-lee/")) == ["Post 1"]
    assert not OldPath.objects.filter(path__startswith="/author/").exists()  # its path was the address
    assert client.get("/author/adamail-example/").status_code == 404
    for url in ("/", "/post/post-1/", "/author/ada-lee/", "/author/ada-lee/feed/"):
        assert "mail.example" not in client.get(url).content.decode(), url
    assert "mail.example" not in Author.objects.get().import_key


def test_the_blogs_author_path_is_the_login_made_a_slug_as_wordpress_makes_it(client, tmp_path, db):
    header = HEADER + users((7, "Jane.Doe", "J. Doe", "jane@example.com"))
    load(export(tmp_path, item_xml(1).replace("[editor]", "[Jane.Doe]"), header=header))
    assert lands(client, "/author/jane-doe/") == "/author/j-doe/"
    assert titles(client.get("/author/j-doe/")) == ["Post 1"]


def test_an_authors_deep_pages_are_found_by_place_never_by_offset(client, tmp_path, db):
    header = HEADER + users((1, "editor", "The Editor", "editor@example.com"))
    posts = "".join(
        item_xml(number, post_date_gmt=f"2020-01-{number:02} 09:00:00") for number in range(1, 26)
    )
    load(export(tmp_path, posts, header=header))
    assert settings.POSTS_PER_PAGE == 8
    last = client.get("/author/the-editor/page/4/")
    assert titles(last) == ["Post 1"]
    second = client.get("/author/the-editor/page/2/")
    assert titles(second) == [f"Post {number}" for number in range(17, 9, -1)]
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/author/the-editor/page/3/").status_code == 200
    (posts_query,) = [query["sql"] for query in captured.captured_queries if "body_html" in query["sql"]]
    assert "OFFSET" not in posts_query.upper()
    assert '"author_rank" >' in posts_query and '"author_rank" <=' in posts_query
    assert client.get("/author/the-editor/page/5/").status_code == 404
