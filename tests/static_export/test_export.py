"""`export_static DIR`: the reader's site as plain files, served by a plain file server with nothing broken."""

import gzip
import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Category, OldPath, Post
from archive.static_export.writer import file_for
from tests.pages.helpers import page_text
from tests.wordpress.helpers import FIXTURES

from .helpers import file_server, indexed_pages

BASE = "https://archive.example"


@pytest.fixture(autouse=True)
def static_root(settings, tmp_path):
    # Each test collects the static files into a folder of its own: tests in parallel never write one file at once.
    settings.STATIC_ROOT = tmp_path / "static-root"


@pytest.fixture
def archive(seeded):
    """The seeds and an imported WordPress blog: dated posts, tags, pages, old links."""
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)


def export(folder):
    call_command("export_static", str(folder), "--base-url", BASE, verbosity=0)


@pytest.fixture
def served(tmp_path):
    """A folder, and its address as a plain file server serves it."""
    folder = tmp_path / "site"
    folder.mkdir()
    with file_server(folder) as address:
        yield folder, address


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "img", "script", "source"):
                self.found.add(attrs[name].split("#", 1)[0])


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_plain_file_server_serves_every_page_with_no_broken_link(client, archive, served):
    folder, address = served
    export(folder)
    seen, queue, broken = set(), ["/"], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, body = fetch(address + path)
        if status != 200:
            broken.append(path)
            continue
        if path.endswith("/") or path.endswith(".html"):
            parser = Links()
            parser.feed(body.decode())
            queue += [link for link in parser.found if link.startswith("/") and not link.startswith("//")]
    assert broken == []
    assert {post.get_absolute_url() for post in Post.objects.all()} <= seen
    assert {"/author/the-editor/", "/author/guest-writer/", "/comments/feed/"} <= seen
    # The words of each page are the live site's, less what needs a server: the comment form, and the
    # invitation to leave a comment where there are none ("No comments").
    for path in ["/", "/page/2/", "/category/technology/", "/2024/03/", "/dates/", "/tag/chips/", "/pages/about/"]:
        live = page_text(client.get(path)).replace("Leave a comment", "No comments")
        assert page_text(fetch(address + path)[1]) == live, path
    live = re.sub(r'<form class="comment-form".*?</form>', "", client.get("/post/title-with-markup/").content.decode(),
                  flags=re.DOTALL)
    frozen = fetch(address + "/post/title-with-markup/")[1].decode()
    assert 'class="comment-form"' not in frozen and page_text(frozen) == page_text(live)
    assert "Leave a comment" not in page_text(fetch(address + "/post/harbour-pictures/")[1])


def test_old_links_become_pages_that_send_the_reader_on(archive, tmp_path):
    export(tmp_path)
    stub = (tmp_path / "2024" / "03" / "09" / "harbour-pictures" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=/post/harbour-pictures/">' in stub
    assert '<link rel="canonical" href="/post/harbour-pictures/">' in stub
    redirects = (tmp_path / "_redirects").read_text()
    assert "/2024/03/09/harbour-pictures/ /post/harbour-pictures/ 301" in redirects
    assert "/author/editor/ /author/the-editor/ 301" in redirects
    # WordPress's other names for the feeds, which feed readers subscribed to.
    assert "/feed/rss2/ /feed/ 301" in redirects and "/comments/feed/rss2/ /comments/feed/ 301" in redirects
    assert "url=/feed/" in (tmp_path / "feed" / "rdf" / "index.html").read_text()
    assert (tmp_path / "404.html").read_text().count("<h1") == 1


def test_a_reexport_rewrites_only_what_changed_and_removes_what_is_gone(archive, tmp_path):
    export(tmp_path)
    files = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}
    export(tmp_path)
    assert {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()} == files
    gone = Post.objects.get(slug="harbour-pictures")
    gone.delete()
    export(tmp_path)
    assert not (tmp_path / "post" / "harbour-pictures" / "index.html").exists()
    changed = [path for path in tmp_path.rglob("*") if path.is_file() and files.get(path) != path.stat().st_mtime_ns]
    assert changed and len(changed) < len(files) / 2


def test_no_file_is_written_outside_the_folder(archive, tmp_path):
    OldPath.remember(Post.objects.first(), "/../../escaped/")
    OldPath.remember(Post.objects.last(), "/a/../../escaped-too/")
    folder = tmp_path / "deep" / "site"
    export(folder)
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "deep" / "escaped-too").exists()
    assert all(path.resolve().is_relative_to(folder.resolve()) for path in folder.rglob("*"))


def test_the_base_url_must_be_a_web_address(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--base-url"):
        call_command("export_static", str(tmp_path), "--base-url", "file:///etc", verbosity=0)


def test_the_sitemap_names_the_published_address_and_every_file_it_lists_is_there(archive, tmp_path, settings):
    from archive.views import sitemaps

    settings.POSTS_PER_PAGE = 8
    Category.objects.create(name="Nothing filed yet", slug="nothing-yet")  # the live site serves its page
    sitemaps.PostSitemap.limit = 10  # so that the posts' sitemap has several pages
    try:
        export(tmp_path)
    finally:
        sitemaps.PostSitemap.limit = 250
    index = (tmp_path / "sitemap.xml").read_text()
    listed = re.findall(r"<loc>([^<]+)</loc>", index)
    assert f"{BASE}/sitemap-posts-2.xml" in listed and all(url.startswith(BASE + "/") for url in listed)
    urls = []
    for url in listed:
        urls += re.findall(r"<loc>([^<]+)</loc>", (tmp_path / url.removeprefix(BASE + "/")).read_text())
    assert {f"{BASE}{post.get_absolute_url()}" for post in Post.objects.all()} <= set(urls)
    # Every page the sitemaps name is in the folder.
    assert f"{BASE}/category/nothing-yet/" in urls
    assert [url for url in urls if not (tmp_path / file_for(url.removeprefix(BASE))).is_file()] == []
    assert f"Sitemap: {BASE}/sitemap.xml" in (tmp_path / "robots.txt").read_text()


@pytest.mark.django_db(transaction=True)
def test_several_processes_write_what_one_writes(tmp_path):
    call_command("load_seeds", verbosity=0)
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    alone, together = tmp_path / "alone", tmp_path / "together"
    call_command("export_static", str(alone), "--base-url", BASE, verbosity=0)
    call_command("export_static", str(together), "--base-url", BASE, "--processes", "3", verbosity=0)
    files = sorted(path.relative_to(alone) for path in alone.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(together) for path in together.rglob("*") if path.is_file())
    assert all((alone / name).read_bytes() == (together / name).read_bytes() for name in files)
    assert len(files) > 100


def test_the_search_index_comes_in_parts_of_bounded_size_that_a_reexport_keeps_in_step(archive, tmp_path):
    # Pagefind's indexer holds a whole index in memory: a big archive is indexed in parts, each part's pages
    # found by the search of that part alone, and the search page merges the parts that parts.json names.
    call_command("export_static", str(tmp_path), "--base-url", BASE, "--search-part-size", "10", verbosity=0)
    pages = indexed_pages(tmp_path)
    parts = -(-len(pages) // 10)
    assert parts >= 3
    listed = json.loads((tmp_path / "pagefind" / "parts.json").read_text())
    assert listed == [f"/pagefind/part-{number}/" for number in range(2, parts + 1)]
    for bundle in ["pagefind", *(path.strip("/") for path in listed)]:
        entry = json.loads((tmp_path / bundle / "pagefind-entry.json").read_text())
        indexed = sum(language["page_count"] for language in entry["languages"].values())
        assert indexed == (10 if bundle != listed[-1].strip("/") else len(pages) - 10 * (parts - 1)), bundle
    # Ten posts fewer, one part fewer: the re-export indexes none of the posts gone (their pages are still in
    # the folder while it runs) and removes the part it no longer needs.
    gone = list(Post.objects.order_by("pk")[:10])
    Post.objects.filter(pk__in=[post.pk for post in gone]).delete()
    call_command("export_static", str(tmp_path), "--base-url", BASE, "--search-part-size", "10", verbosity=0)
    assert len(indexed_pages(tmp_path)) == len(pages) - 10
    assert not (tmp_path / "pagefind" / f"part-{parts}").exists()
    assert json.loads((tmp_path / "pagefind" / "parts.json").read_text())[-1] == f"/pagefind/part-{parts - 1}/"
    # Each indexed page is a fragment of its part, which names its URL.
    urls = {json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for path in (tmp_path / "pagefind").rglob("*.pf_fragment")}
    assert urls == {"/" + page.relative_to(tmp_path).parent.as_posix() + "/" for page in indexed_pages(tmp_path)}
    assert not urls & {post.get_absolute_url() for post in gone}


def test_the_search_part_size_must_be_a_number_of_pages(archive, tmp_path):
    with pytest.raises(CommandError, match="--search-part-size: 1 or more"):
        call_command("export_static", str(tmp_path), "--base-url", BASE, "--search-part-size", "0", verbosity=0)
    assert not any(tmp_path.iterdir())


@pytest.mark.django_db
def test_an_archive_with_nothing_in_it_yet_exports_without_a_search_index(tmp_path):
    call_command("export_static", str(tmp_path), "--base-url", BASE, verbosity=0)
    assert (tmp_path / "index.html").is_file() and (tmp_path / "404.html").is_file()
    assert json.loads((tmp_path / "pagefind" / "parts.json").read_text()) == []
