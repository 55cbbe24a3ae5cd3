"""A WordPress export comes into the archive whole, and readers see it as the blog showed it."""

import gzip
import re
import shutil
from html import escape
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Category, Comment, Page, Post, Tag
from tests.pages.helpers import page_text

from .helpers import FIXTURES, HEADER, comment_xml, export, item_xml

CLASSIC = FIXTURES / "classic.xml"


def load(*paths, **options):
    call_command("load_seeds", *map(str, paths), verbosity=0, **options)


def report(capsys, *paths):
    call_command("load_seeds", *map(str, paths))
    return capsys.readouterr().out


@pytest.fixture
def imported(db):
    load(CLASSIC)


def test_what_readers_may_see_comes_in_and_nothing_else(db, capsys):
    out = report(capsys, CLASSIC)
    assert "Posts: 4 created, 0 unchanged; skipped: 1 draft, 1 nav_menu_item (not a post or page), " \
           "1 password-protected, 1 private, 1 scheduled" in out
    assert "Pages: 2 created" in out
    assert "Comments: 4 created, 0 unchanged; skipped: 1 pingback (left out), 1 spam, 1 trash" in out
    assert set(Post.objects.values_list("title", flat=True)) == {
        "Title With Markup", "A Post With No Content", "Harbour Pictures", "A post without a title: an aside.",
    }
    for hidden in ("For Subscribers", "Coming Soon"):
        assert not Post.objects.filter(title=hidden).exists()


def test_a_post_keeps_its_slug_date_author_and_where_it_stood(imported):
    post = Post.objects.get(wordpress_id=101)
    assert post.slug == "title-with-markup"
    assert post.original_url == "https://briefings.example/2024/03/05/title-with-markup/"
    assert post.author.name == "The Editor"  # the display name, never the login or the email
    assert post.published.isoformat() == "2024-03-05T08:30:00+00:00"
    assert post.import_key == "wxr:https://briefings.example:post:101"


def test_an_html_title_is_shown_with_its_markup_never_as_escaped_tags(client, imported):
    post = Post.objects.get(wordpress_id=101)
    assert post.title == "Title With Markup"
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<h1 id="post-title" class="post__title">Title <em>With</em> <b>Mark<sup>up</sup></b></h1>' in html
    assert "&lt;em&gt;" not in html
    assert "<title>Title With Markup | Briefings</title>" in html


def test_posts_without_title_or_content_still_get_their_page(client, imported):
    untitled = Post.objects.get(wordpress_id=102)
    assert untitled.title == "A post without a title: an aside."
    assert client.get(untitled.get_absolute_url()).status_code == 200
    empty = Post.objects.get(wordpress_id=103)
    assert empty.body_html == "" and client.get(empty.get_absolute_url()).status_code == 200


def test_captions_become_figures_and_galleries_show_the_attached_images(client, imported):
    captioned = Post.objects.get(wordpress_id=101).body_html
    assert "<figure>" in captioned and "<figcaption>Container cranes at Ningbo-Zhoushan</figcaption>" in captioned
    assert "[caption" not in captioned
    gallery = client.get(Post.objects.get(wordpress_id=104).get_absolute_url()).content.decode()
    assert '<figure class="gallery">' in gallery and "[gallery" not in gallery
    assert gallery.index("quay") < gallery.index("port.jpg")  # ids="203,201,202": in that order


def test_comments_are_threaded_and_only_the_approved_shown(client, imported):
    post = Post.objects.get(wordpress_id=101)
    first = Comment.objects.get(body="<p>First! A fair point about the cranes.</p>")
    reply = Comment.objects.get(body="<p>Thank you. <em>Replying</em> here.</p>")
    assert reply.parent == first and Comment.objects.get(body="<p>And a reply to the reply.</p>").parent == reply
    assert Comment.objects.get(author_name="Waiting").status == Comment.Status.PENDING
    html = client.get(post.get_absolute_url()).content.decode()
    text = page_text(client.get(post.get_absolute_url()))
    assert "3 Comments" in text and "Still in moderation." not in text and "buy now" not in text
    assert "comment-list--replies" in html
    assert html.index("First! A fair point") < html.index("Thank you.") < html.index("And a reply to the reply.")
    assert "<p>Thank you. <em>Replying</em> here.</p>" in html  # the markup the commenter used
    assert "editor@briefings.example" not in html and "Another Blog" not in html


def test_categories_keep_their_slugs_names_and_parents(client, imported):
    china = Category.objects.get(slug="china")
    assert china.parent.slug == "world"
    assert Category.objects.get(slug="technology").name == "Technology & Science"
    # The parent's archive holds its children's posts too; the child says where it stands.
    world = client.get("/category/world/")
    assert "Title With Markup" in page_text(world) and "Harbour Pictures" in page_text(world)
    assert "In World" in page_text(client.get("/category/china/"))
    # And the parent names the categories under it that have posts, by name; an empty one leads nowhere.
    Category.objects.create(name="Antarctica", slug="antarctica", parent=Category.objects.get(slug="world"))
    assert "Also here: China" in page_text(client.get("/category/world/"))
    assert "Also here" not in page_text(client.get("/category/china/"))


def test_tags_have_their_pages_and_feeds_and_posts_link_them(client, imported):
    assert set(Tag.objects.values_list("slug", flat=True)) >= {"chips", "trade", "e4b8ade59bbd", "taiwan"}
    page = client.get("/tag/chips/")
    assert "Tag Archives: Chips" in page_text(page) and "Title With Markup" in page_text(page)
    assert client.get("/tag/chips/feed/").status_code == 200
    assert client.get("/tag/chips/feed/atom/").status_code == 200
    # Feeds name a post's tags after its categories, as WordPress's did: readers filter by them.
    tagged = Post.objects.get(wordpress_id=101)
    names = [*tagged.categories.order_by("name").values_list("name", flat=True),
             *tagged.tags.order_by("name").values_list("name", flat=True)]
    rss = client.get("/tag/chips/feed/").content.decode()
    item = rss[rss.index(f"<link>http://testserver{tagged.get_absolute_url()}</link>"):].split("</item>")[0]
    assert re.findall(r"<category>(.*?)</category>", item) == [escape(name) for name in names]
    assert "Chips" in names and len(names) > 2
    atom = client.get("/tag/chips/feed/atom/").content.decode()
    assert '<category term="Chips"' in atom
    post = client.get(Post.objects.get(wordpress_id=101).get_absolute_url()).content.decode()
    assert 'href="/tag/chips/" rel="tag">Chips</a>' in post


def test_pages_stand_alone_with_their_children_and_are_linked_from_every_page(client, imported):
    about, team = Page.objects.get(slug="about"), Page.objects.get(slug="team")
    assert team.parent == about
    assert not Post.objects.filter(title__in=[about.title, team.title]).exists()
    text = page_text(client.get(about.get_absolute_url()))
    assert about.title in text and team.title in text
    assert f'href="{about.get_absolute_url()}"' in client.get("/").content.decode()


def test_importing_the_same_export_again_changes_nothing(db, capsys):
    load(CLASSIC)
    before = list(Post.objects.values_list("pk", "slug", "updated"))
    out = report(capsys, CLASSIC)
    assert "Posts: 0 created, 4 unchanged" in out and "Comments: 0 created, 4 unchanged" in out
    assert "Nothing new" in out
    assert list(Post.objects.values_list("pk", "slug", "updated")) == before


def test_a_later_export_updates_what_changed_and_keeps_what_an_editor_changed(db, tmp_path, capsys):
    load(CLASSIC)
    edited = Post.objects.get(wordpress_id=103)
    edited.body = "<p>Written here by an editor.</p>"
    edited.save()
    later = tmp_path / "later.xml"
    later.write_text(
        CLASSIC.read_text().replace("Harbour Pictures", "Harbour Pictures, Revisited")
        .replace("A Post With No Content", "A Post Renamed in WordPress")
    )
    out = report(capsys, later)
    assert "Posts: 0 created, 1 updated, 2 unchanged, 1 kept" in out
    assert Post.objects.get(wordpress_id=104).title == "Harbour Pictures, Revisited"
    kept = Post.objects.get(wordpress_id=103)
    assert kept.title == "A Post With No Content" and kept.body == "<p>Written here by an editor.</p>"


def test_a_later_export_updates_the_comments_wordpress_changed_and_keeps_those_changed_here(client, db, tmp_path,
                                                                                            capsys):
    def blog(name, *comments):
        return export(tmp_path, item_xml(1, post_name="post", extra="".join(comment_xml(*c) for c in comments)), name)

    load(blog("first.xml", (1, "As first written."), (2, "Approved, then spam."), (3, "Held for moderation.", "0"),
              (4, "Edited here."), (5, "Rejected here.")))
    by_number = {int(c.import_key.rsplit(":", 1)[1]): c for c in Comment.objects.all()}
    by_number[4].body = "<p>An editor's words.</p>"
    by_number[4].save()
    Comment.objects.filter(pk=by_number[5].pk).update(status=Comment.Status.REJECTED)  # as the admin's action does
    # Later, in WordPress: one comment corrected, one marked as spam, the held one approved, the two changed here
    # changed there too, one new, one put in the trash before any import saw it.
    later = blog("later.xml", (1, "As corrected."), (2, "Approved, then spam.", "spam"),
                 (3, "Held for moderation.", "1"), (4, "Edited in WordPress too."), (5, "Rejected here, edited."),
                 (6, "A new one."), (7, "Trashed at once.", "trash"))
    assert "Comments: 1 created, 3 updated, 0 unchanged, 2 kept; skipped: 1 trash" in report(capsys, later)
    text = page_text(client.get("/post/post/"))
    assert "As corrected." in text and "Held for moderation." in text and "A new one." in text
    assert "An editor's words." in text and "Approved, then spam." not in text and "Rejected here" not in text
    assert "Edited in WordPress too." not in text and "Trashed at once." not in text and "4 Comments" in text
    assert Comment.objects.get(body="<p>Approved, then spam.</p>").status == Comment.Status.SPAM
    assert Comment.objects.get(body="<p>Rejected here.</p>").status == Comment.Status.REJECTED
    # The same export again changes nothing.
    assert "Comments: 0 created, 4 unchanged, 2 kept; skipped: 1 trash" in report(capsys, later)


@pytest.mark.parametrize("status, password", [
    ("private", ""), ("draft", ""), ("trash", ""), ("future", ""), ("publish", "secret"),
])
def test_a_post_or_page_wordpress_no_longer_shows_is_taken_down(client, db, tmp_path, capsys, status, password):
    def blog(name, hidden_status="publish", hidden_password=""):
        hidden = f"<wp:post_password><![CDATA[{hidden_password}]]></wp:post_password>"
        return export(tmp_path, (
            item_xml(1, post_name="kept", extra=comment_xml(1, "On the kept post."))
            + item_xml(2, post_name="hidden", status=hidden_status, extra=hidden + comment_xml(2, "On the other."))
            + item_xml(3, post_name="about", post_type="page", status=hidden_status, extra=hidden)
        ), name)

    load(blog("first.xml"))
    edited = Post.objects.get(slug="hidden")
    edited.title = "Edited here before WordPress hid it"
    edited.save()
    assert client.get("/post/hidden/").status_code == 200 and client.get("/pages/about/").status_code == 200
    assert "Edited here before" in page_text(client.get("/search/?q=edited"))
    out = report(capsys, blog("later.xml", status, password))
    assert "Posts: 0 created, 1 unchanged, 1 withdrawn" in out and "Pages: 0 created, 0 unchanged, 1 withdrawn" in out
    for path in ("/post/hidden/", "/pages/about/", "/?p=2", "/?page_id=3"):
        assert client.get(path).status_code == 404, path
    for path in ("/", "/search/?q=edited", "/comments/feed/", "/sitemap-posts.xml"):
        assert "Edited here before" not in page_text(client.get(path)) and "/post/hidden/" not in page_text(
            client.get(path)), path
    assert "On the other." not in client.get("/comments/feed/").content.decode()
    assert Post.objects.count() == 1 and Comment.objects.count() == 1
    # And the same export again has nothing more to take down.
    assert "Posts: 0 created, 1 unchanged; skipped" in report(capsys, blog("later.xml", status, password))


def test_a_later_export_that_retags_posts_moves_them_between_tag_pages(client, db, tmp_path):
    def tag_page(slug):
        return [post.title for post in client.get(f"/tag/{slug}/").context["posts"]]

    def tagged(numbers):
        return "".join(f'<category domain="post_tag" nicename="tag-{n}"><![CDATA[Tag {n}]]></category>'
                       for n in numbers)

    day = "2024-01-{:02} 09:00:00".format
    first = [item_xml(n, extra=tagged([1, 2] if n % 2 else [1]), post_date_gmt=day(n)) for n in range(1, 12)]
    load(export(tmp_path, "".join(first), "first.xml"))
    assert tag_page("tag-1") == [f"Post {n}" for n in range(11, 3, -1)]  # newest first, eight a page
    assert Tag.objects.get(slug="tag-1").post_count == 11 and Tag.objects.get(slug="tag-2").post_count == 6
    # Later, in WordPress: the odd posts lost tag 2 and got tag 3; post 12 is new.
    later = [item_xml(n, extra=tagged([1, 3] if n % 2 else [1]), post_date_gmt=day(n)) for n in range(1, 13)]
    load(export(tmp_path, "".join(later), "later.xml"))
    assert tag_page("tag-1") == [f"Post {n}" for n in range(12, 4, -1)]
    assert tag_page("tag-3") == [f"Post {n}" for n in (11, 9, 7, 5, 3, 1)]
    assert tag_page("tag-2") == [] and Tag.objects.get(slug="tag-2").post_count == 0
    assert list(client.get("/tag/tag-1/page/2/").context["posts"])[-1].title == "Post 1"


def test_a_gzipped_export_and_a_folder_mixing_exports_and_listings(db, tmp_path, capsys):
    folder = tmp_path / "blog"
    folder.mkdir()
    with CLASSIC.open("rb") as plain, gzip.open(folder / "blog.xml.gz", "wb") as packed:
        shutil.copyfileobj(plain, packed)
    shutil.copy(FIXTURES.parent.parent.parent / "seeds" / "000_778017c9ee7efa21.txt", folder)
    out = report(capsys, folder)
    assert "Posts: 4 created" in out and "Files read: 1" in out
    assert Post.objects.filter(wordpress_id__isnull=False).count() == 4
    assert Post.objects.filter(wordpress_id__isnull=True).count() > 0


@pytest.mark.parametrize("fixture", ["block-editor.xml", "wordpress-com.xml", "wxr-1.0.xml", "wxr-1.1.xml"])
def test_every_kind_of_export_imports(db, fixture):
    load(FIXTURES / fixture)
    assert Post.objects.exists()
    for post in Post.objects.all():
        assert "<!-- wp:" not in post.body_html and "<script" not in post.body_html


@pytest.mark.parametrize("fixture, message", [
    ("malformed.xml", "malformed.xml:"),
    ("billion-laughs.xml", "billion-laughs.xml:"),
    ("external-entity.xml", "external-entity.xml:"),
])
def test_a_bad_or_hostile_export_imports_nothing_and_says_where(db, capsys, fixture, message):
    load(FIXTURES / "wxr-1.1.xml")
    before = sorted(Post.objects.values_list("pk", flat=True))
    with pytest.raises(CommandError):
        load(CLASSIC, FIXTURES / fixture)
    assert message in capsys.readouterr().err
    assert sorted(Post.objects.values_list("pk", flat=True)) == before
    assert not Page.objects.exists()
    assert "root:" not in "".join(Post.objects.values_list("body", flat=True))


def test_script_in_an_export_never_runs(client, db, tmp_path):
    path = export(tmp_path, """
	<item>
		<title><![CDATA[Hostile <script>alert(1)</script> <img src=x onerror=alert(2)>]]></title>
		<link>https://blog.example/hostile/</link>
		<content:encoded><![CDATA[<p onclick="alert(3)">Text</p><script>alert(4)</script>
<a href="javascript:alert(5)">link</a> [caption caption='x" onload="alert(6)']<img src="x.jpg">[/caption]]]></content:encoded>
		<wp:post_id>7</wp:post_id>
		<wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt>
		<wp:post_name>hostile</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
	</item>
""", header=HEADER)
    load(path)
    html = client.get(Post.objects.get().get_absolute_url()).content.decode()
    tags = Tags()
    tags.feed(html)
    assert [tag for tag, _ in tags.found if tag == "script" and "alert" in html] == [
        tag for tag, attrs in tags.found if tag == "script" and dict(attrs).get("type") == "application/ld+json"
    ]
    for tag, attrs in tags.found:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    assert "<script>alert" not in html


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))
