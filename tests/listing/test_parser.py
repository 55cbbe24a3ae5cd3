"""The listing format, rule by rule (see README: "The listing format")."""

import datetime
import pickle
import textwrap

import pytest

from archive.importing.listing.parser import ListingError, parse_listing, post_key, read_listing


def parse(text, path="page.txt"):
    return parse_listing(textwrap.dedent(text).lstrip("\n"), path)


BLOG_POST = """
    A Title

    Body text.

    Leave a comment

    Filed under Technology
"""


def test_skip_link_and_category_heading():
    listing = parse("Skip to content\n\nCategory Archives: Technology\n" + textwrap.dedent(BLOG_POST))
    assert (listing.kind, listing.name, listing.page) == ("category", "Technology", None)
    assert listing.heading == "Category Archives: Technology"
    assert [post.title for post in listing.posts] == ["A Title"]


def test_paged_heading_names_listing_and_page():
    listing = parse("Briefings - 46. page\n" + textwrap.dedent(BLOG_POST))
    assert (listing.kind, listing.name, listing.page) == ("paged", "Briefings", 46)


def test_front_page_has_no_heading_and_adds_no_category():
    listing = parse(BLOG_POST)
    assert listing.kind == "front"
    assert listing.posts[0].categories == ["Technology"]


def test_post_under_a_heading_is_filed_under_it_once():
    listing = parse("Category Archives: Technology\n" + textwrap.dedent(BLOG_POST))
    assert listing.posts[0].categories == ["Technology"]
    paged = parse("Briefings - 2. page\n" + textwrap.dedent(BLOG_POST))
    assert paged.posts[0].categories == ["Technology", "Briefings"]


def test_posts_keep_their_order_and_lines():
    text = textwrap.dedent(BLOG_POST) + "\nSecond\n\nBody.\n\n1 Comment\n\nFiled under X\n"
    listing = parse(text)
    assert [(post.position, post.title, post.line) for post in listing.posts] == [
        (1, "A Title", 1),
        (2, "Second", 9),
    ]


@pytest.mark.parametrize(
    "line, count", [("Leave a comment", 0), ("1 Comment", 1), ("2 Comments", 2), ("12 Comments", 12)]
)
def test_comment_line_gives_the_count(line, count):
    listing = parse(BLOG_POST.replace("Leave a comment", line))
    assert listing.posts[0].comment_count == count


def test_filed_under_names_with_ampersand_dots_dashes_and_nbsp():
    text = BLOG_POST.replace(
        "Filed under Technology", "Filed under China-U.S., Politics & Society, Sichuan\u00a0earthquake"
    )
    assert parse(text).posts[0].categories == ["China-U.S.", "Politics & Society", "Sichuan earthquake"]


def test_paragraph_beginning_filed_under_without_comment_line_is_body_text():
    text = BLOG_POST.replace("Body text.", "Body text.\n\nFiled under pressure, the ministry gave way.")
    post = parse(text).posts[0]
    assert [block.lines for block in post.blocks] == [
        ("Body text.",),
        ("Filed under pressure, the ministry gave way.",),
    ]
    assert post.categories == ["Technology"]


def test_caption_is_a_first_paragraph_that_does_not_end_like_a_sentence():
    text = BLOG_POST.replace("Body text.", "Screenshot of a page, January 14, 2023\n\nbody starts lower-case.")
    post = parse(text).posts[0]
    assert post.caption == "Screenshot of a page, January 14, 2023"
    assert [block.lines for block in post.blocks] == [("body starts lower-case.",)]


@pytest.mark.parametrize("ending", [".", "!", "?", ":", ";", ")", "’", "”", '"', "…"])
def test_first_paragraph_ending_like_a_sentence_is_not_a_caption(ending):
    text = BLOG_POST.replace("Body text.", f"First paragraph{ending}\n\nSecond paragraph.")
    post = parse(text).posts[0]
    assert post.caption == ""
    assert len(post.blocks) == 2


def test_lone_paragraph_is_body_not_caption():
    post = parse(BLOG_POST.replace("Body text.", "Just one line without a full stop")).posts[0]
    assert post.caption == ""
    assert post.blocks[0].lines == ("Just one line without a full stop",)


def test_bullets_form_a_list_and_braces_an_editors_note():
    text = BLOG_POST.replace(
        "Body text.",
        "Readers wrote:\n\n  • “One.”\n  • “Two.”\n\n{Editor’s Note: A note.}",
    )
    blocks = parse(text).posts[0].blocks
    assert [(block.kind, block.lines) for block in blocks] == [
        ("paragraph", ("Readers wrote:",)),
        ("list", ("“One.”", "“Two.”")),
        ("note", ("{Editor’s Note: A note.}",)),
    ]


BRIEFING = """
    A Briefing

    What happened.

    Source: Kyodo News, February 5, 2024
    https://china.kyodonews.net/news/2024/02/5147b37c47db–.html
"""


def test_single_source_with_non_ascii_url():
    post = parse(BRIEFING).posts[0]
    assert post.comment_count is None and post.is_briefing
    (source,) = post.sources
    assert (source.outlet, source.date, source.url) == (
        "Kyodo News",
        datetime.date(2024, 2, 5),
        "https://china.kyodonews.net/news/2024/02/5147b37c47db–.html",
    )


def test_numbered_sources_and_outlet_names_with_commas():
    text = BRIEFING.replace(
        "Source: Kyodo News, February 5, 2024\n    https://china.kyodonews.net/news/2024/02/5147b37c47db–.html",
        "Sources:\n    1. Reuters, Inc., Asia desk, Jan 2, 2024\n    https://a.example/1\n"
        "    2. White House, January 30, 2024\n    https://b.example/2",
    )
    sources = parse(text).posts[0].sources
    assert [(s.outlet, s.date, s.url) for s in sources] == [
        ("Reuters, Inc., Asia desk", datetime.date(2024, 1, 2), "https://a.example/1"),
        ("White House", datetime.date(2024, 1, 30), "https://b.example/2"),
    ]


def test_windows_line_endings_and_byte_order_mark(tmp_path):
    text = "\ufeffCategory Archives: Technology\r\n" + textwrap.dedent(BLOG_POST).replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    listing = read_listing(path)
    assert listing.kind == "category"
    assert listing.posts[0].title == "A Title"
    assert listing.posts[0].blocks[0].lines == ("Body text.",)


def test_non_breaking_spaces_in_titles_are_spaces():
    listing = parse(BLOG_POST.replace("A Title", "EV Battery\u00a0Market\u00a0"))
    assert listing.posts[0].title == "EV Battery Market"


def test_one_post_in_two_listings_has_one_key():
    technology = parse("Category Archives: Technology\n" + textwrap.dedent(BLOG_POST))
    trade = parse(
        "Category Archives: Trade\n"
        + textwrap.dedent(BLOG_POST).replace("A Title", "A\u00a0title").replace("Technology", "Technology, Trade")
    )
    assert technology.posts[0].key == trade.posts[0].key == post_key("a title")


def test_import_key_ignores_case_accents_punctuation_and_spacing():
    assert post_key("Biden Kicks Xi When He’s Up") == post_key("biden kicks xi when he's  up")
    assert post_key("Café Über") == "cafe-uber"
    assert post_key("Biden Kicks Xi") != post_key("Biden Kicks Xi Again")


# --- Errors: every one names the file and the line -------------------------------------------


def error_for(text):
    with pytest.raises(ListingError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "empty listing"),
        ("\n\n   \n", 1, "empty listing"),
        ("Skip to content\n\nCategory Archives: Technology\n", 1, "no posts"),
        ("A Title\n\nBody.\n", 1, "cut off"),
        ("A Title\n", 1, "cut off"),
        ("A Title\n\nBody.\n\nLeave a comment\n", 5, "Filed under"),
        ("A Title\n\nBody.\n\n2 Comments\n\nNext Title\n", 5, "Filed under"),
        ("A Title\n\nLeave a comment\n\nFiled under X\n", 1, "no text"),
        ("A Title\n\nBody.\n\nSource: Kyodo News\nhttps://x.example/\n", 5, "without a date"),
        ("A Title\n\nBody.\n\nSource: Kyodo News, February 30, 2024\nhttps://x.example/\n", 5, "impossible date"),
        ("A Title\n\nBody.\n\nSource: Kyodo News, February 3, 2024\n", 5, "no URL"),
        ("A Title\n\nBody.\n\nSource: Kyodo News, February 3, 2024\nnot a url\n", 6, "not a URL"),
        ("A Title\n\nBody.\n\nSources:\n2. X, May 1, 2024\nhttps://x.example/\n", 6, "number 1"),
        ("A Title\n\nBody.\n\nSources:\n", 5, "no sources"),
        ("Category Archives: A\n\nCategory Archives: B\n\n" + BLOG_POST, 3, "second heading"),
    ],
)
def test_errors_name_the_line(text, line, words):
    error = error_for(text)
    assert error.path == "page.txt"
    assert error.line == line
    assert words in error.message
    assert str(error).startswith(f"page.txt:{line}: ")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"A Title\n\n\x89PNG\x00\x00binary")
    with pytest.raises(ListingError, match=r"image\.txt:3: binary"):
        read_listing(path)


def test_latin1_file_is_refused_with_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("A Title\n\nCaf\u00e9 society.\n".encode("latin-1"))
    with pytest.raises(ListingError, match=r"latin1\.txt:3: not valid UTF-8"):
        read_listing(path)


def test_tabs_are_spaces_and_other_control_characters_are_refused():
    post = parse(BLOG_POST.replace("Body text.", "Body\ttext.")).posts[0]
    assert post.blocks[0].lines == ("Body text.",)
    error = error_for(BLOG_POST.replace("Body text.", "Body\x07text."))
    assert (error.line, "control character U+0007" in error.message) == (3, True)


def test_an_error_keeps_file_line_and_message_across_processes():
    error = ListingError("seeds/a.txt", 7, "source without a date")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message, str(copy)) == ("seeds/a.txt", 7, "source without a date", str(error))
