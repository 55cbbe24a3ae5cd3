"""Lists show a long post up to its <!--more--> marker or its opening, with a link to the rest (issue: listings a
reader can skim); the post's own page shows it whole; a setting shows whole posts everywhere, feeds included."""

import re

import feedparser
import pytest

from archive import markup, summaries
from archive.models import Category, Comment, Post, Tag
from tests.pages.helpers import page_text

SENTENCE = "The delegation from the ministry met the harbour council about shipping and export tariffs."  # 14 words


def words(html):
    return len(re.findall(r"\w+", markup.plain_text(html)))


def summary_of(body, body_format="markdown"):
    html = markup.render(body, body_format)
    return summaries.summary_html(body, body_format, html, markup.plain_text(html))


def paragraphs(count, sentences=3):
    return "\n\n".join(f"Paragraph {n}. " + " ".join([SENTENCE] * sentences) for n in range(count))


def test_a_short_post_is_shown_whole():
    assert summary_of(paragraphs(3)) == ""  # about 130 words


def test_a_post_of_more_than_whole_up_to_words_is_cut_and_not_one_of_fewer():
    exactly = " ".join(["word"] * (summaries.WHOLE_UP_TO - 2)) + ". " + SENTENCE.split(" ", 1)[0] + " end."
    assert words(markup.render(exactly)) == summaries.WHOLE_UP_TO and summary_of(exactly) == ""
    one_more = exactly.replace("end.", "end again.")
    assert summary_of(one_more) != ""


def test_the_opening_is_the_same_however_long_the_rest_of_the_post():
    # The opening is found without reading the post to its end: whatever follows it changes nothing.
    for body in (paragraphs(8), " ".join([SENTENCE] * 20), paragraphs(1, 2) + "\n\n" + " ".join([SENTENCE] * 12)):
        summary = summary_of(body)
        assert summary and all(
            summary_of(body + more) == summary
            for more in ("\n\n" + paragraphs(40), " " + " ".join([SENTENCE] * 50), "\n\nShort. End.")
        )


def test_a_long_post_is_cut_after_the_paragraph_that_reaches_the_opening():
    summary = summary_of(paragraphs(8))  # 44 words a paragraph
    assert summary == markup.render(paragraphs(2))
    assert summaries.OPENING_WORDS <= words(summary) <= summaries.LONGEST_OPENING


def test_one_long_paragraph_is_cut_at_the_end_of_a_sentence():
    summary = summary_of(" ".join([SENTENCE] * 20))
    assert summary.startswith("<p>") and summary.endswith("tariffs.</p>")
    assert summaries.OPENING_WORDS <= words(summary) < summaries.OPENING_WORDS + 14


def test_a_cut_inside_markup_closes_what_it_opened():
    body = "<p>" + " ".join([SENTENCE] * 4) + " <em>" + " ".join([SENTENCE] * 10) + "</em></p>"
    summary = summary_of(body, "html")
    assert summary.count("<em>") == summary.count("</em>") == 1 and summary.endswith("</em></p>")


def test_the_more_marker_decides_in_markdown_and_in_html():
    assert summary_of("A first paragraph.\n\n<!--more-->\n\nThe rest.") == "<p>A first paragraph.</p>"
    html = "<p>Teaser.</p>\n<!--more Read the rest-->\n<p>" + " ".join([SENTENCE] * 30) + "</p>"
    assert summary_of(html, "html") == "<p>Teaser.</p>"


@pytest.fixture
def long_post(db):
    post = Post.objects.create(title="A Long Analysis", body=paragraphs(8) + "\n\nThe very last words of it.")
    post.categories.add(Category.objects.create(name="Trade", slug="trade"))
    post.tags.add(Tag.objects.create(name="Ports", slug="ports"))
    return post


def test_lists_show_the_opening_and_lead_to_the_whole_post(client, long_post):
    html = client.get("/").content.decode()
    text = page_text(html)
    assert "Paragraph 1." in text and "Paragraph 2." not in text and "The very last words" not in text
    assert f'<a href="{long_post.get_absolute_url()}">Continue reading <span class="more-link__title">' in html
    assert "Continue reading A Long Analysis" in text
    assert "The very last words of it." in page_text(client.get(long_post.get_absolute_url()))
    assert "Continue reading" not in page_text(client.get(long_post.get_absolute_url()))
    # Category, tag and date lists show the same.
    for url in ("/category/trade/", "/tag/ports/"):
        assert "The very last words" not in page_text(client.get(url))


def test_an_editors_change_changes_the_summary(client, long_post, committed):
    client.get("/")
    with committed():
        long_post.body = "A new opening.\n\n<!--more-->\n\n" + long_post.body
        long_post.save()
    html = client.get("/").content.decode()
    assert '<div class="post__body post__body--summary"><p>A new opening.</p></div>' in html


def test_the_setting_shows_whole_posts_in_lists_and_feeds(client, long_post, settings):
    assert "The very last words" not in feedparser.parse(client.get("/feed/").content).entries[0].description
    settings.LISTS_SHOW = "full"
    assert "The very last words of it." in page_text(client.get("/"))
    assert "Continue reading" not in page_text(client.get("/"))
    assert "The very last words" in feedparser.parse(client.get("/feed/").content).entries[0].description


def test_feeds_link_the_rest_of_a_summarised_post(client, long_post):
    entry = feedparser.parse(client.get("/feed/").content).entries[0]
    assert "Paragraph 1." in entry.description and "Paragraph 2." not in entry.description
    assert f'href="http://testserver{long_post.get_absolute_url()}">Continue reading' in entry.description


def test_lists_say_where_a_post_is_filed_under_its_title(client, long_post):
    text = page_text(client.get("/"))
    assert text.index("A Long Analysis") < text.index("Filed under Trade") < text.index("Paragraph 0.")
    assert text.index("Tagged Ports") < text.index("Paragraph 0.")


def test_the_comment_line_says_what_the_archive_holds(client, long_post):
    def line():
        html = client.get("/").content.decode()
        return re.search(r'<p class="comment-line">(.*?)</p>', html, re.S)[1]

    assert line() == f'<a href="{long_post.get_absolute_url()}#comment-form">Leave a comment<span ' \
                     'class="visually-hidden"> on “A Long Analysis”</span></a>'
    Post.objects.filter(pk=long_post.pk).update(archived_comment_count=2)
    # Counted on the original site, not archived: said so, and no link to comments that are not here.
    assert line() == "2 comments on the original site, not archived"
    Comment.objects.create(post=long_post, author_name="Reader", body="Agreed.", status="approved")
    assert page_text(line()) == "1 comment on “A Long Analysis”, and 2 on the original site, not archived"
    assert f'href="{long_post.get_absolute_url()}#comments"' in line()
