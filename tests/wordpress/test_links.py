"""Links to the blog itself become the archive's paths; links elsewhere, and to its files, are left alone."""

import re

import pytest
from django.core.management import call_command

from archive.importing.wordpress.links import SiteLinks
from archive.models import Comment, Post

from .helpers import HEADER, comment_xml, export, item_xml

LINKS = SiteLinks("https://blog.example", "http://blog.example/wordpress")


@pytest.mark.parametrize("url, local", [
    ("https://blog.example/2013/01/10/slug/", "/2013/01/10/slug/"),
    ("http://www.blog.example/2013/01/10/slug/#comments", "/2013/01/10/slug/#comments"),
    ("//blog.example/?p=12", "/?p=12"),
    ("https://BLOG.example", "/"),
    ("https://blog.example:8443/about/", "/about/"),
    ("http://blog.example/wordpress/category/china/", "/category/china/"),  # the site URL, a folder deeper
    # Not the blog's pages: left as they are.
    ("https://blog.example/wp-content/uploads/2013/01/map.png", None),
    ("https://blog.example/wp-admin/post.php?post=12", None),
    ("https://blog.example.evil/2013/", None),
    ("https://evil.example/https://blog.example/", None),
    ("mailto:editor@blog.example", None),
    ("javascript:alert(1)//blog.example/", None),
    ("https://blog.example//evil.example/", None),
    ("/relative/already/", None),
    ("http://[blog.example/", None),
])
def test_the_archives_path_for_a_link(url, local):
    assert LINKS.local(url) == local


def test_only_hrefs_are_rewritten():
    html = ('<p><a href="https://blog.example/2013/x/">x</a> <a title="https://blog.example/y/" '
            "href='http://www.blog.example/z/?a=1&amp;b=2'>z</a> https://blog.example/text/ "
            '<img src="https://blog.example/wp-content/uploads/a.png"></p>')
    assert LINKS.rewrite(html) == (
        '<p><a href="/2013/x/">x</a> <a title="https://blog.example/y/" '
        "href='/z/?a=1&amp;b=2'>z</a> https://blog.example/text/ "
        '<img src="https://blog.example/wp-content/uploads/a.png"></p>'
    )


BLOG_HEADER = HEADER.replace(
    "<wp:wxr_version>1.2</wp:wxr_version>",
    "<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_blog_url>https://blog.example</wp:base_blog_url>",
)


def test_an_imported_post_links_its_neighbour_on_any_host(client, tmp_path, db):
    body = (item_xml(1, post_name="first", link="https://blog.example/2024/01/01/first/")
            + item_xml(2, post_name="second", link="https://blog.example/2024/01/02/second/",
                       content='See <a href="https://www.blog.example/2024/01/01/first/">the first</a>.'))
    call_command("load_seeds", str(export(tmp_path, body, header=BLOG_HEADER)), verbosity=0)
    html = client.get("/post/second/").content.decode()
    assert '<a href="/2024/01/01/first/"' in html
    response = client.get("/2024/01/01/first/")
    assert (response.status_code, response["Location"]) == (301, "/post/first/")


def test_an_excerpts_links_to_the_blog_become_the_archives_paths(tmp_path, db):
    body = (item_xml(1, post_name="first", link="https://blog.example/2024/01/01/first/")
            + item_xml(2, post_name="second", excerpt='After <a href="http://blog.example/2024/01/01/first/">the '
                       'first</a>, <a href="https://elsewhere.example/">elsewhere</a>.'))
    call_command("load_seeds", str(export(tmp_path, body, header=BLOG_HEADER)), verbosity=0)
    assert Post.objects.get(slug="second").excerpt == (
        'After <a href="/2024/01/01/first/">the first</a>, <a href="https://elsewhere.example/">elsewhere</a>.'
    )


def test_an_imported_comments_links_lead_to_the_archives_pages(client, tmp_path, db):
    """A comment keeps its links (and its bare addresses become links, as WordPress showed them); those to the
    blog lead to the archive's pages, on any host; nothing in it runs script."""
    comment = ('Read <a href="https://www.blog.example/2024/01/01/first/">the first post</a>.\n'
               'Also http://blog.example/2024/01/02/second/, and www.elsewhere.example.\n\n'
               '<script>alert(1)</script><a href="javascript:alert(2)">x</a><b onclick="alert(3)">bold</b>')
    body = (item_xml(1, post_name="first", link="https://blog.example/2024/01/01/first/")
            + item_xml(2, post_name="second", link="https://blog.example/2024/01/02/second/",
                       extra=comment_xml(7, comment)))
    call_command("load_seeds", str(export(tmp_path, body, header=BLOG_HEADER)), verbosity=0)
    html = client.get("/post/second/").content.decode()
    shown = re.search(r'<li class="comment" id="comment-\d+">.*?</li>', html, re.DOTALL)[0]
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', shown)
    assert links == [
        ("/2024/01/01/first/", "the first post"),
        ("/2024/01/02/second/", "http://blog.example/2024/01/02/second/"),
        ("http://www.elsewhere.example", "www.elsewhere.example"),
    ]  # the javascript: link is left without its address
    assert "<p>" in shown and "<br>" in shown  # its paragraphs and line breaks
    assert "<script" not in shown and "javascript:" not in shown and "onclick" not in shown
    for path, to in (("/2024/01/01/first/", "/post/first/"), ("/2024/01/02/second/", "/post/second/")):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, to)
    # The comments feed shows it as the page does.
    assert 'href="/2024/01/01/first/"' in client.get("/comments/feed/").content.decode()
    assert Comment.objects.get().body_format == Comment.Format.HTML
