"""Main archive, category and source pages: headings, order, page links, bad pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from archive.derived import batch
from archive.models import Category, Outlet, Post, Tag

from .helpers import page_text


def titles_on(response):
    return [post.title for post in response.context["posts"]]


def test_main_archive_pages(client, seeded):
    ordered = list(Post.objects.order_by("rank").values_list("title", flat=True))
    first, second, third = client.get("/"), client.get("/page/2/"), client.get("/page/3/")
    assert titles_on(first) + titles_on(second) + titles_on(third) == ordered
    assert [len(titles_on(page)) for page in (first, second, third)] == [8, 8, 2]
    assert "<h1>Briefings</h1>" in first.content.decode()
    assert "<h1>Briefings – page 2</h1>" in second.content.decode()
    assert "<title>Briefings – page 3 | Briefings</title>" in third.content.decode()


def test_page_links_carry_rel_prev_and_next(client, seeded):
    html = client.get("/page/2/").content.decode()
    assert '<a rel="prev" href="/">' in html and '<a rel="next" href="/page/3/">' in html
    assert '<link rel="prev" href="/">' in html and '<link rel="next" href="/page/3/">' in html
    assert 'href="/page/2/" aria-current="page"' in html
    first = client.get("/").content.decode()
    assert 'rel="prev"' not in first


def test_category_archive(client, seeded):
    response = client.get("/category/technology/")
    assert "<h1>Category Archives: Technology</h1>" in response.content.decode()
    assert len(titles_on(response)) == 8
    second = client.get("/category/technology/page/2/")
    assert "<h1>Category Archives: Technology – page 2</h1>" in second.content.decode()
    assert titles_on(response) + titles_on(second) == list(
        Post.objects.filter(categories__slug="technology").order_by("rank").values_list("title", flat=True)
    )
    assert titles_on(client.get("/category/briefings/"))[0] == "China Hacks and Leaks Confidential Japanese Diplomatic Cables"


def test_category_description_is_shown(client, seeded):
    Category.objects.filter(slug="trade").update(description="Tariffs, sanctions & export controls.")
    assert "Tariffs, sanctions &amp; export controls." in client.get("/category/trade/").content.decode()


def test_every_page_leads_to_the_categories_with_their_post_counts(client, seeded):
    for url in ("/", "/page/2/", "/category/trade/", "/source/xinhua/", "/search/?q=chip",
                Post.objects.first().get_absolute_url()):
        html = client.get(url).content.decode()
        header, footer = html.split("</header>")[0], html.split('<footer class="site-footer">')[1]
        assert '<a href="/category/">Categories</a>' in header and '<a href="/category/">Categories</a>' in footer
    text = page_text(client.get("/category/"))
    assert "Technology (10 posts)" in text and "Briefings (8 posts)" in text
    assert "Politics & Society (2 posts)" in text
    # One post is one post, as a screen reader says it.
    assert "Defence (1 post)" in text and "(1 posts)" not in text


def test_source_page_lists_briefings_citing_the_outlet(client, seeded):
    response = client.get("/source/white-house/")
    assert "<h1>Briefings citing White House</h1>" in response.content.decode()
    assert titles_on(response) == [
        "People‘s Daily: Sullivan Admits that US Efforts to Change the PRC Over the Past Several Decades Have Failed"
    ]
    post_page = client.get(Post.objects.get(title__startswith="People‘s Daily").get_absolute_url())
    assert 'href="/source/white-house/"' in post_page.content.decode()


def test_an_outlets_briefings_fill_its_pages_in_archive_order(client, seeded):
    """Pages of eight, the last one short; an outlet added after the generation's map of outlets was made has its page too."""
    assert client.get("/source/xinhua/").status_code == 200  # the generation's outlets are known
    outlet = Outlet.objects.create(name="Test Wire")
    for number in range(11):
        post = Post.objects.create(title=f"Wire story {number}", body="Text.")
        post.sources.create(outlet=outlet, date=datetime.date(2024, 1, 1 + number), url=f"https://example.com/{number}")
    expected = list(Post.objects.filter(sources__outlet=outlet).order_by("rank").values_list("title", flat=True))
    first, second = client.get("/source/test-wire/"), client.get("/source/test-wire/page/2/")
    assert [len(titles_on(first)), len(titles_on(second))] == [8, 3]
    assert titles_on(first) + titles_on(second) == expected
    assert "<h1>Briefings citing Test Wire – page 2</h1>" in second.content.decode()
    assert client.get("/source/test-wire/page/3/").status_code == 404


def every_title(client, list_url):
    """The titles of every page of a list, in order."""
    titles, number = [], 1
    while (response := client.get(list_url if number == 1 else f"{list_url}page/{number}/")).status_code == 200:
        titles += titles_on(response)
        number += 1
    return titles


def test_an_outlets_page_follows_every_change_of_its_citations(client, seeded):
    kyodo, wire = Outlet.objects.get(name="Kyodo News"), Outlet.objects.create(name="Test Wire")
    post = Post.objects.create(title="Cited twice", body="Text.", published=datetime.datetime.now(datetime.UTC))
    first = post.sources.create(outlet=kyodo, date=datetime.date(2024, 1, 1), url="https://example.com/1", position=1)
    second = post.sources.create(outlet=kyodo, date=datetime.date(2024, 1, 2), url="https://example.com/2", position=2)

    def citing(outlet):
        expected = list(Post.objects.filter(sources__outlet=outlet).distinct().order_by("rank")
                        .values_list("title", flat=True))
        titles = every_title(client, outlet.get_absolute_url())
        assert titles == expected  # in the archive's order, each briefing once
        assert Outlet.objects.get(pk=outlet.pk).post_count == len(titles)
        return titles

    before = citing(kyodo)
    assert before.count("Cited twice") == 1 and before[0] == "Cited twice" and len(before) > 1
    # Undated, and from no listing, it goes last.
    post.published = None
    post.save()
    assert citing(kyodo)[-1] == "Cited twice"
    first.outlet = wire
    first.save()
    assert "Cited twice" in citing(kyodo) and citing(wire) == ["Cited twice"]
    second.outlet = wire
    second.save()
    assert "Cited twice" not in citing(kyodo) and citing(wire) == ["Cited twice"]
    post.delete()
    assert citing(wire) == [] and client.get(wire.get_absolute_url()).status_code == 200


def test_a_tags_page_follows_every_change_of_its_posts(client, seeded):
    chips, spare = Tag.objects.create(name="Chips"), Tag.objects.create(name="Spare")
    posts = list(Post.objects.order_by("-rank")[:12])  # the last of the archive: each tagged out of order

    def tagged(tag):
        tag.refresh_from_db()
        expected = list(Post.objects.filter(tags=tag).order_by("rank").values_list("title", flat=True))
        titles = every_title(client, tag.get_absolute_url())
        assert titles == expected  # in the archive's order, each post once
        assert tag.post_count == len(titles)
        feed = client.get(f"{tag.get_absolute_url()}feed/").content.decode()
        assert all(escape(title) in feed for title in titles[:8])
        return titles

    for post in posts[:5]:
        post.tags.add(chips)  # from the post's side
    chips.posts.add(*posts[5:])  # from the tag's side
    assert len(tagged(chips)) == 12 and tagged(spare) == []
    assert client.get("/tag/chips/page/2/").status_code == 200
    assert client.get("/tag/chips/page/3/").status_code == 404
    chips.posts.remove(posts[0])
    posts[1].tags.set([spare])
    assert len(tagged(chips)) == 10 and tagged(spare) == [posts[1].title]
    # A new date moves a post in the archive's order, and so among its tag's posts.
    posts[5].published = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
    posts[5].save()
    assert tagged(chips)[0] == posts[5].title
    posts[6].delete()
    posts[7].tags.clear()  # from the post's side
    assert len(tagged(chips)) == 8
    chips.slug = "microchips"
    chips.save()
    assert len(tagged(chips)) == 8 and client.get("/tag/microchips/").status_code == 200
    chips.posts.clear()  # from the tag's side: the signal names no posts
    assert tagged(chips) == [] and client.get(chips.get_absolute_url()).status_code == 200
    spare.delete()
    assert all(tag.post_count == 0 for tag in Tag.objects.all())


def test_tagging_inside_a_batch_numbers_the_tags_once_at_its_end(client, seeded):
    tag = Tag.objects.create(name="Chips")
    posts = list(Post.objects.all()[:10])
    with CaptureQueriesContext(connection) as queries, batch():
        for post in posts:
            post.tags.add(tag)
        assert Tag.objects.get(pk=tag.pk).post_count == 0  # held off until the batch ends
    assert len([query for query in queries.captured_queries if "ROW_NUMBER" in query["sql"].upper()]) == 1
    assert Tag.objects.get(pk=tag.pk).post_count == 10
    assert every_title(client, "/tag/chips/") == [
        post.title for post in sorted(posts, key=lambda post: post.rank)
    ]


def test_post_page_links_previous_and_next_post(client, seeded):
    # As on every blog: the previous post is the older one (the archive runs newest first), the next the newer,
    # each by its title, before the comments.
    post = Post.objects.get(rank=11)
    html = client.get(post.get_absolute_url()).content.decode()
    older, newer = Post.objects.get(rank=12), Post.objects.get(rank=10)
    label = '<span class="post-nav__label">{}:</span> {}'
    assert f'rel="prev" href="{older.get_absolute_url()}">' + label.format("Previous post", escape(older.title)) in html
    assert f'rel="next" href="{newer.get_absolute_url()}">' + label.format("Next post", escape(newer.title)) in html
    assert html.index('class="post-nav"') < html.index('id="comments"')


def test_post_page_meta_open_graph_and_json_ld(client, seeded):
    post = Post.objects.get(title="China Hacks and Leaks Confidential Japanese Diplomatic Cables")
    html = client.get(post.get_absolute_url()).content.decode()
    url = f"http://testserver{post.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{post.title}">' in html
    assert '<script type="application/ld+json">' in html
    assert '"@type": "Article"' in html and '"citation"' in html
    assert '"url": "https://china.kyodonews.net/news/2024/02/5147b37c47db–.html"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/page/0/", "/page/4/", "/page/99999999/", "/page/-1/", "/page/abc/",
        "/?page=abc", "/?page=0", "/?page=%00", "/?page=%FF", "/?page=1e3", "/?page=٣",
        "/category/technology/page/3/", "/category/no-such-category/", "/category/technology/?page=x",
        "/source/no-such-outlet/", "/source/xinhua/page/2/", "/post/nope/",
        "/search/?q=chip&page=abc", "/search/?q=chip&page=0", "/search/?q=chip&page=2",
    ],
)
def test_bad_pages_are_404_never_500(client, seeded, url):
    assert client.get(url).status_code == 404


def test_page_one_and_query_pages_redirect_to_canonical_urls(client, seeded):
    assert client.get("/page/1/")["Location"] == "/"
    assert client.get("/?page=2")["Location"] == "/page/2/"
    assert client.get("/category/technology/page/1/")["Location"] == "/category/technology/"
    assert client.get("/category/technology/?page=2")["Location"] == "/category/technology/page/2/"


def test_empty_archive_is_a_page_not_an_error(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No posts yet." in response.content.decode()


def test_category_pages_follow_filing_changes_and_deletions(client, seeded):
    briefing = Post.objects.get(rank=11)
    briefing.categories.add(Category.objects.get(slug="trade"))
    assert [post.rank for post in client.get("/category/trade/").context["posts"]] == [3, 4, 11]
    Post.objects.get(rank=3).delete()
    assert [post.rank for post in client.get("/category/trade/").context["posts"]] == [3, 10]
    trade = Category.objects.get(slug="trade")
    trade.posts.remove(briefing)
    assert [post.title for post in client.get("/category/trade/").context["posts"]] == [
        "US Further Closes The Door To Chinese Tech Companies"
    ]


def test_category_sizes_follow_every_change(client, seeded):
    technology = Category.objects.get(name="Technology")
    post = Post.objects.create(title="Filed later", body="Text.")
    post.categories.add(technology)
    assert "Technology (11 posts)" in page_text(client.get("/category/"))
    assert "Category Archives: Technology" in page_text(client.get("/category/technology/page/2/"))
    post.delete()
    Post.objects.filter(categories=technology).first().categories.remove(technology)
    assert "Technology (9 posts)" in page_text(client.get("/category/"))


def test_a_post_saved_again_from_the_same_instance_keeps_its_place(client, db):
    # Its place and comment count are kept with queries; the instance that made the post holds neither.
    post = Post.objects.create(title="Saved Twice", body="First text.")
    post.body = "Second text."
    post.save()
    assert Post.objects.get(pk=post.pk).rank == 1
    assert "Second text." in page_text(client.get("/"))


def test_the_home_page_says_what_the_site_is(client, seeded, settings):
    settings.SITE_TITLE = "Sinology Notes"
    settings.SITE_INTRODUCTION = "Ten years of notes on Chinese tech policy."
    home = client.get("/").content.decode()
    assert "<h1>Sinology Notes</h1>" in home and "<title>Sinology Notes</title>" in home
    assert '<p class="page-header__description site-introduction">Ten years of notes on Chinese tech policy.</p>' in home
    assert '<meta name="description" content="Ten years of notes on Chinese tech policy.">' in home
    assert "Ten years of notes" not in client.get("/page/2/").content.decode()
