"""A post's page shows everything the archived listing showed for it."""

import re

import pytest

from archive.models import Post
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED

from .helpers import fold, page_text

ENDINGS = re.compile(r"^(Leave a comment|\d+ Comments?|Filed under .*|Sources?:.*|\d+\. .*|https?://\S+)$")


def seed_paragraphs(path, titles):
    """Each post's paragraphs, read from the seed with nothing but blank-line splitting."""
    paragraphs = [fold(p) for p in re.split(r"\n\s*\n", path.read_text("utf-8")) if p.strip()]
    owned, current = {}, None
    for paragraph in paragraphs:
        if paragraph in titles:
            current = owned.setdefault(paragraph, [])
        elif current is not None:
            current.append(paragraph)
    return owned


@pytest.mark.parametrize(
    "seed, post_count", [(TECHNOLOGY_SEED, 10), (BRIEFINGS_SEED, 8)], ids=["technology", "briefings"]
)
def test_every_seed_paragraph_appears_verbatim_on_its_post_page(client, seeded, seed, post_count):
    titles = {fold(title) for title in Post.objects.values_list("title", flat=True)}
    owned = seed_paragraphs(seed, titles)
    assert len(owned) == post_count
    for title, paragraphs in owned.items():
        checked = 0
        text = page_text(client.get(Post.objects.get(title=title).get_absolute_url()))
        assert title in text
        for paragraph in paragraphs:
            if ENDINGS.match(paragraph):
                continue
            for line in paragraph.split(" • ") if "•" in paragraph else [paragraph]:
                line = line.strip(" •")
                assert line in text, f"{title!r}: missing {line[:60]!r}"
                checked += 1
        assert checked >= 1


def test_post_page_shows_caption_categories_comment_line_and_origin(client, seeded):
    post = Post.objects.get(title="US Stacks The Chips In High-Stakes High-Tech Game With China")
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    text = page_text(response)
    assert response.status_code == 200
    assert "<figcaption>Extreme ultraviolet source, droplet generator" in html
    assert "Image not archived" in text
    assert "1 Comment" in text
    assert "Filed under China-U.S., Technology" in text
    assert 'href="/category/china-us/"' in html and 'href="/category/technology/"' in html
    assert "Archived from Category Archives: Technology, post 7." in text


def test_briefing_page_shows_its_sources_with_working_links(client, seeded):
    post = Post.objects.get(title__startswith="People‘s Daily: Sullivan Admits")
    html = client.get(post.get_absolute_url()).content.decode()
    text = page_text(html)
    assert "Sources: People’s Daily, February 2, 2024 http://world.people.com.cn/n1/2024/0202/c1002-40172130.html" in text
    assert "White House, January 30, 2024" in text
    assert "Archived from Briefings, page 46, post 7." in text
    kyodo = Post.objects.get(title="China Hacks and Leaks Confidential Japanese Diplomatic Cables")
    html = client.get(kyodo.get_absolute_url()).content.decode()
    assert "Source: Kyodo News, February 5, 2024" in page_text(html)
    # The link works: the non-ASCII dash is percent-encoded in the href, shown as typed.
    assert 'href="https://china.kyodonews.net/news/2024/02/5147b37c47db%E2%80%93.html"' in html
    assert ">https://china.kyodonews.net/news/2024/02/5147b37c47db–.html</a>" in html


@pytest.mark.parametrize(
    "title, line",
    [
        ("Biden Kicks Xi When He’s Up", "2 comments on the original site, not archived"),
        ("China Formalises State Guidance Of Its Tech Platforms", "1 comment on the original site, not archived"),
        ("Canada Finally Bans Huawei From Its 5G Networks", "Leave a comment on “{title}”"),
    ],
)
def test_comment_line_says_what_the_archive_holds(client, seeded, title, line):
    text = page_text(client.get(Post.objects.get(title=title).get_absolute_url()))
    assert line.format(title=title) in text


def test_front_page_lists_posts_in_order(client, seeded):
    response = client.get("/")
    text = page_text(response)
    assert response.status_code == 200
    titles = list(Post.objects.in_listing_order().values_list("title", flat=True))
    positions = [text.index(title) for title in titles[:8]]
    assert positions == sorted(positions)
    assert titles[8] not in text
    assert "Screenshot of Youku hope page captured January 14, 2023" in text


def test_unknown_post_is_404(client, seeded):
    assert client.get("/post/no-such-post/").status_code == 404
