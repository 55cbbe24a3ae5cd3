"""Both real seed listings, loaded and checked against what the files say."""

import datetime

import pytest
from django.core.management import call_command

from archive.models import Category, Listing, Outlet, Post, Source
from tests.conftest import BRIEFINGS_SEED, SEEDS

TECHNOLOGY = [
    # title, caption (start), archived comment count, categories
    ("China Steals A March In Global Battle For EV Battery Market", "", 0,
     {"Industry", "Sichuan earthquake", "Technology", "Transport"}),
    ("China Formalises State Guidance Of Its Tech Platforms",
     "Screenshot of Youku hope page captured January 14, 2023", 1, {"Economy", "Technology"}),
    ("China Scrambles For The High Ground In Chip War", "", 0, {"China-U.S.", "Technology", "Trade"}),
    ("US Further Closes The Door To Chinese Tech Companies",
     "Screenshot of US Federal Communications Commission order baning authorisation for sale in United "
     "States of products from five Chinese tech companies, November 21, 2022",
     0, {"China-U.S.", "Technology", "Trade"}),
    ("Biden Kicks Xi When He’s Up", "", 2, {"China-U.S.", "Defence", "Technology"}),
    ("Corruption Probes Aim To Kickstart China’s Lagging Semiconductors Sector", "", 1, {"Technology"}),
    ("US Stacks The Chips In High-Stakes High-Tech Game With China",
     "Extreme ultraviolet source, droplet generator and collector mirror in a NXE3400b lithography "
     "system. Photo credit: courtesty ASML.Copyright © (ASML) All Rights Reserved",
     1, {"China-U.S.", "Technology"}),
    ("Shanghai Police Data Hack Reveals As Much As It Hides", "", 0, {"Politics & Society", "Technology"}),
    ("The Unhealthy Use Of China’s Health Codes App", "", 1, {"Politics & Society", "Technology"}),
    ("Canada Finally Bans Huawei From Its 5G Networks", "", 0, {"Technology"}),
]

BRIEFINGS = [
    ("China Hacks and Leaks Confidential Japanese Diplomatic Cables",
     [("Kyodo News", datetime.date(2024, 2, 5), "https://china.kyodonews.net/news/2024/02/5147b37c47db–.html")]),
    ("Chinese Commercial Spaceflight Industry Poised for Liftoff Despite Lagging 10 Years Behind SpaceX",
     [("Xinhua", datetime.date(2023, 1, 24),
       "http://www.xinhuanet.com/20240124/4dd09cfced3d4931aee94c0e0ca2ef44/c.html")]),
    ("Chinese Tech Giants Ramp Up Lobbying in Face of US Government Scrutiny",
     [("Nikkei", datetime.date(2024, 2, 2), "https://zh.cn.nikkei.com/china/ccompany/54759-2024-02-02-10-55-24.html")]),
    ("Chinese Stock Investors Vent Frustration in Comments on US Embassy Weibo Posts",
     [("Epoch Times", datetime.date(2024, 2, 3), "https://www.epochtimes.com/gb/24/2/3/n14172430.htm")]),
    ("UDN: The United States Releases the List of Notorious Markets for 2023",
     [("UDN", datetime.date(2024, 1, 30), "https://udn.com/news/story/6809/7743640")]),
    ("Lianhe Zaobao: Profits of Chinese Industrial Companies Fell Last Year",
     [("Lianhe Zaobao", datetime.date(2024, 1, 27), "https://www.zaobao.com.sg/news/china/story20240127-1464777")]),
    ("People‘s Daily: Sullivan Admits that US Efforts to Change the PRC Over the Past Several Decades Have Failed",
     [("People’s Daily", datetime.date(2024, 2, 2), "http://world.people.com.cn/n1/2024/0202/c1002-40172130.html"),
      ("White House", datetime.date(2024, 1, 30),
       "https://www.whitehouse.gov/briefing-room/speeches-remarks/2024/01/30/remarks-and-qa-by-national-"
       "security-advisor-jake-sullivan-on-the-future-of-u-s-china-relations/")]),
    ("Nikkei Chinese: U.S. Surpassed China to Become Japan’s Largest Export Destination",
     [("Nikkei Chinese", datetime.date(2024, 1, 26),
       "https://cn.nikkei.com/politicsaeconomy/investtrade/54664-2024-01-26-05-00-10.html")]),
]


@pytest.fixture
def posts(seeded):
    return list(Post.objects.in_listing_order().prefetch_related("categories", "sources__outlet"))


def test_both_seeds_give_eighteen_posts_in_listing_order(posts):
    assert [post.title for post in posts] == [row[0] for row in TECHNOLOGY] + [row[0] for row in BRIEFINGS]
    assert [post.rank for post in posts] == list(range(1, 19))


def test_technology_posts_captions_counts_and_categories(posts):
    for post, (title, caption, count, categories) in zip(posts[:10], TECHNOLOGY):
        assert (post.title, post.caption, post.archived_comment_count) == (title, caption, count)
        assert {category.name for category in post.categories.all()} == categories
        assert not post.sources.all()
        assert (str(post.listing), post.listing_position) == ("Category Archives: Technology", posts.index(post) + 1)
        assert post.published is None  # the seeds state no dates; none is invented
    assert sum(1 for post in posts[:10] if post.caption) == 3
    assert [post.archived_comment_count for post in posts[:10]] == [0, 1, 0, 0, 2, 1, 1, 0, 1, 0]


def test_briefings_sources_in_order(posts):
    for position, (post, (title, sources)) in enumerate(zip(posts[10:], BRIEFINGS), start=1):
        assert post.title == title
        assert post.caption == "" and post.archived_comment_count is None
        assert [c.name for c in post.categories.all()] == ["Briefings"]
        assert [(s.outlet.name, s.date, s.url) for s in post.sources.all()] == sources
        assert [s.position for s in post.sources.all()] == list(range(1, len(sources) + 1))
        assert (str(post.listing), post.listing_position) == ("Briefings, page 46", position)
    assert Source.objects.count() == 9
    assert Outlet.objects.count() == 9


def test_categories_and_listings(seeded):
    assert set(Category.objects.values_list("name", flat=True)) == {
        "Technology", "Industry", "Sichuan earthquake", "Transport", "Economy", "China-U.S.",
        "Trade", "Defence", "Politics & Society", "Briefings",
    }
    assert Category.objects.get(name="Politics & Society").slug == "politics-society"
    assert Category.objects.get(name="China-U.S.").slug == "china-us"
    assert list(Listing.objects.values_list("file_name", "kind", "name", "page")) == [
        ("000_778017c9ee7efa21.txt", "category", "Technology", None),
        ("003_9246f7aff51efab0.txt", "paged", "Briefings", 46),
    ]


def test_bullets_and_editors_note_are_kept(posts):
    stock = posts[13]
    assert stock.body.count("\n- ") == 13
    assert stock.body_html.count("<li>") == 13
    sullivan = posts[16]
    assert '<div class="admonition editors-note">' in sullivan.body_html
    assert "{Editor’s Note: The video clip seems to be from Sullivan’s long speech" in sullivan.body_html


def test_loads_named_files_and_folders(db, tmp_path):
    call_command("load_seeds", str(BRIEFINGS_SEED), verbosity=0)
    assert Post.objects.count() == 8
    call_command("load_seeds", str(SEEDS), verbosity=0)
    assert Post.objects.count() == 18


def test_imported_html_and_text_are_what_the_markdown_renders(posts):
    from archive.markup import plain_text, render

    for post in posts:
        assert post.body_html == render(post.body)
        assert post.body_text == plain_text(post.body_html)
