"""A post's stored content becomes the HTML its page showed: markers, block comments, embeds, shortcodes."""

import time

import pytest

from archive.importing.wordpress.bodies import Body, convert_body, remove_markers, strip_block_comments, title_text
from archive.importing.wordpress.reader import read_media

from .helpers import FIXTURES, items


def html(content, media=None, post_id=None):
    return convert_body(content, media, post_id).html


def test_the_classic_post_of_the_fixture():
    post = items(FIXTURES / "classic.xml")[101]
    body = convert_body(post.content, read_media(FIXTURES / "classic.xml"), post.id)
    assert body == Body(
        html=(
            "<p>The first paragraph, with a line<br>\nbroken by hand.</p>\n"
            "<p>The second paragraph.</p>\n"
            '<figure><a href="https://briefings.example/wp-content/uploads/2024/03/port.jpg">'
            '<img class="size-large wp-image-201" src="https://briefings.example/wp-content/uploads/2024/03/port-640x427.jpg"'
            ' alt="Cranes at the port" width="640" height="427" /></a>'
            "<figcaption>Container cranes at Ningbo-Zhoushan</figcaption></figure>\n"
            '<figure><img src="https://briefings.example/wp-content/uploads/2010/01/fab.jpg" alt="" width="300" height="200" />'
            "<figcaption>An older caption &amp; form</figcaption></figure>\n"
            "<blockquote><p>A quoted line.</p></blockquote>\n"
            "<p>Footnotes look like this [1], and [simple boat] is only text.</p>"
        ),
        teaser="<p>The first paragraph, with a line<br>\nbroken by hand.</p>\n<p>The second paragraph.</p>",
        more_text="",
        block_editor=False,
    )


def test_the_gallery_post_of_the_fixture():
    path = FIXTURES / "classic.xml"
    post = items(path)[104]
    body = convert_body(post.content, read_media(path), post.id).html
    chosen, everything = body.split("<p>And all of them, in the order they were sorted:</p>")
    assert chosen.startswith('<p>Three pictures, chosen:</p>\n<figure class="gallery"><figure><a href=')
    order = ["quay.jpg", "port.jpg", "ship.png"]
    assert [name for name in sorted(order, key=chosen.index)] == order
    assert [name for name in sorted(order, key=everything.index)] == ["ship.png", "port.jpg", "quay.jpg"]
    assert "<figcaption>The quay at dusk</figcaption>" in chosen
    assert 'alt="ship &amp; tug"' in everything and "<a " not in everything


def test_the_block_editor_post_of_the_fixture():
    path = FIXTURES / "block-editor.xml"
    post = items(path)[301]
    body = convert_body(post.content, read_media(path), post.id)
    assert body.block_editor and body.more_text == "Keep reading"
    assert body.teaser == "<p>The opening paragraph of a post written in the block editor.</p>"
    assert "<!--" not in body.html and "wp:" not in body.html
    # No autop: the line break the editor kept stays a line break, and no <p> is added.
    assert "<p>A paragraph\nwith a line break the block editor kept as typed.</p>" in body.html
    assert "<br>" not in body.html and "<p><h2" not in body.html
    assert '<ul>\n<li>One</li>\n\n<li>Two</li>\n</ul>' in body.html
    assert '<div class="wp-block-embed__wrapper">\n<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">' in body.html
    assert '<figure class="gallery"><figure><img src="https://briefings.example/wp-content/uploads/2024/06/map.png" alt="A map">' in body.html
    assert body.html.endswith("<p>The second page.</p>")
    assert "\n\n\n" not in body.html


def test_the_wordpress_com_post_of_the_fixture():
    post = items(FIXTURES / "wordpress-com.xml")[7]
    assert html(post.content) == (
        "<p>This week's episode:</p>\n"
        '<p><audio controls src="https://briefingsblog.files.wordpress.com/2013/05/episode-12.mp3">'
        '<a href="https://briefingsblog.files.wordpress.com/2013/05/episode-12.mp3">'
        "https://briefingsblog.files.wordpress.com/2013/05/episode-12.mp3</a></audio></p>\n"
        # A shortcode of a plugin (here WordPress.com's own) stays as text.
        "<p>[youtube https://www.youtube.com/watch?v=abcdefghijk]</p>\n"
        '<p><a href="https://vimeo.com/123456">https://vimeo.com/123456</a></p>'
    )


def test_no_content_is_no_html():
    assert convert_body("") == convert_body(None) == convert_body(" \n ") == Body(html="")


@pytest.mark.parametrize(
    "content, full, teaser",
    [
        ("Teaser.<!--more-->Rest.", "<p>Teaser.Rest.</p>", "<p>Teaser.</p>"),
        ("Teaser.\n\n<!--more-->\n\nRest.", "<p>Teaser.</p>\n<p>Rest.</p>", "<p>Teaser.</p>"),
        # A marker alone on its line takes its line with it.
        ("Teaser.\n<!--more-->\nRest.", "<p>Teaser.<br>\nRest.</p>", "<p>Teaser.</p>"),
        ("<!--noteaser-->Teaser.<!--more-->\n\nRest.", "<p>Teaser.</p>\n<p>Rest.</p>", "<p>Teaser.</p>"),
        ("No marker.", "<p>No marker.</p>", None),
    ],
)
def test_more_is_removed_and_its_teaser_kept(content, full, teaser):
    body = convert_body(content)
    assert (body.html, body.teaser) == (full, teaser)


def test_the_more_link_text():
    body = convert_body("Teaser.<!--more Read the rest &raquo;-->\n\nRest.<!--more-->")
    assert body.more_text == "Read the rest &raquo;" and body.teaser == "<p>Teaser.</p>"
    assert body.html == "<p>Teaser.</p>\n<p>Rest.</p>"


def test_next_page_markers_become_paragraph_breaks():
    assert html("Page one.<!--nextpage-->Page two.\n<!--nextpage-->\nPage three.") == (
        "<p>Page one.</p>\n<p>Page two.</p>\n<p>Page three.</p>"
    )
    assert html("One <!--nextpage--> <!--nextpage-->  Two") == "<p>One</p>\n<p>Two</p>"
    assert remove_markers("a<!--more-->b<!--noteaser-->c") == "abc"


def test_block_comments_go_and_their_markup_stays():
    content = (
        '<!-- wp:image {"id":5,"sizeSlug":"large","style":{"border":{"radius":"2px"}}} -->\n'
        '<figure class="wp-block-image"><img src="/a.jpg" alt=""/></figure>\n'
        "<!-- /wp:image -->\n\n"
        "<!-- wp:paragraph --><p>Inline comments too.</p><!-- /wp:paragraph -->\n\n"
        '<!-- wp:core/spacer {"height":"20px"} /-->\n'
        "<!-- wp:my-plugin/box -->\n<div>Plugin</div>\n<!-- /wp:my-plugin/box -->\n"
        "<!-- an author's own comment -->"
    )
    assert strip_block_comments(content) == (
        '<figure class="wp-block-image"><img src="/a.jpg" alt=""/></figure>\n\n'
        "<p>Inline comments too.</p>\n\n<div>Plugin</div>\n<!-- an author's own comment -->"
    )
    body = convert_body(content)
    assert body.block_editor and body.html == (
        '<figure class="wp-block-image"><img src="/a.jpg" alt=""/></figure>\n\n'
        "<p>Inline comments too.</p>\n\n<div>Plugin</div>\n<!-- an author's own comment -->"
    )


def test_block_content_is_not_given_paragraphs():
    content = "<!-- wp:html -->\nRaw text\nover lines\n<!-- /wp:html -->"
    assert html(content) == "Raw text\nover lines"
    assert html("Raw text\nover lines") == "<p>Raw text<br>\nover lines</p>"


def test_block_content_keeps_pre_as_typed():
    content = "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>a\n\n\n\nb</code></pre>\n<!-- /wp:code -->"
    assert html(content) == '<pre class="wp-block-code"><code>a\n\n\n\nb</code></pre>'


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            "Watch this:\n\nhttps://www.youtube.com/watch?v=abc&t=5\n\nThen this.",
            '<p>Watch this:</p>\n<p><a href="https://www.youtube.com/watch?v=abc&amp;t=5">'
            "https://www.youtube.com/watch?v=abc&amp;t=5</a></p>\n<p>Then this.</p>",
        ),
        # The spaces around stay, as wpautop leaves them.
        ("  https://example.com/a  ", '<p>  <a href="https://example.com/a">https://example.com/a</a>  </p>'),
        # Only a URL alone on its line: one in a sentence is the author's text.
        ("See https://example.com/a for more.", "<p>See https://example.com/a for more.</p>"),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("<pre>\nhttps://example.com/code\n</pre>", "<pre>\nhttps://example.com/code\n</pre>"),
        (
            '<img\nsrc="x.jpg"\nalt="https://example.com/a">',
            '<p><img\nsrc="x.jpg"\nalt="https://example.com/a"></p>',
        ),
        (
            '<!-- wp:paragraph -->\n<p>https://example.com/alone</p>\n<!-- /wp:paragraph -->',
            '<p><a href="https://example.com/alone">https://example.com/alone</a></p>',
        ),
    ],
)
def test_urls_alone_on_their_line_are_links(content, expected):
    assert html(content) == expected


def test_a_figure_is_taken_out_of_its_paragraph():
    content = '[caption width="1"]<img src="/a.jpg"> A caption[/caption]\nText right after.'
    assert html(content) == (
        '<figure><img src="/a.jpg"><figcaption>A caption</figcaption></figure>\n<p>Text right after.</p>'
    )
    content = 'Before it. [caption caption="C"]<img src="/a.jpg">[/caption] After it.'
    assert html(content) == (
        '<p>Before it.</p>\n<figure><img src="/a.jpg"><figcaption>C</figcaption></figure>\n<p>After it.</p>'
    )


def test_an_inline_shortcode_stays_in_its_paragraph():
    assert html('Listen: [audio src="/a.mp3"] now.') == (
        '<p>Listen: <audio controls src="/a.mp3"><a href="/a.mp3">/a.mp3</a></audio> now.</p>'
    )


def test_a_shortcode_that_renders_nothing_leaves_no_stray_markup():
    # It is gone before autop runs: its line is then an empty line, a paragraph break.
    assert html('One\n[audio src="javascript:x"]\nTwo') == "<p>One</p>\n<p>Two</p>"
    assert html("One\n\n[gallery]\n\nTwo") == "<p>One</p>\n<p>Two</p>"


def test_shortcode_content_is_not_given_paragraphs():
    content = '[caption caption="Cap"]<img src="/a.jpg">\n[/caption]'
    assert html(content) == '<figure><img src="/a.jpg"><figcaption>Cap</figcaption></figure>'


def test_characters_that_could_pass_for_stand_ins_are_dropped():
    assert html("x \x020\x03 [embed]https://e.com[/embed]") == '<p>x 0 <a href="https://e.com">https://e.com</a></p>'


@pytest.mark.parametrize(
    "title, text",
    [
        ("Title <em>With</em> <b>Mark<sup>up</sup></b>", "Title With Markup"),
        ("Fish &amp; Chips &#8211; &#8220;Quoted&#8221; &nbsp;", "Fish & Chips – “Quoted”"),
        ("Plain   title\n", "Plain title"),
        ("a < b > c", "a < b > c"),
        ("<script>alert(1)</script>Safe <style>p{}</style>title", "Safe title"),
        ("", ""),
    ],
)
def test_title_text(title, text):
    assert title_text(title) == text


@pytest.mark.parametrize(
    "content",
    [
        "a" + " " * 200_000 + "b",
        "<!--nextpage-->" + " " * 200_000,
        "<script>" * 25_000,
        "<!-- wp:x {" * 20_000,
        "<!--more" * 25_000,
        "<pre " * 40_000,
        "<p " * 60_000,
        "[caption]" + "<a <img " * 25_000 + "[/caption]",
        "[caption " * 20_000,
        "[embed]x " * 20_000,
        "<figcaption>" + " " * 200_000 + "<option>",
    ],
    ids=lambda content: repr(content[:12]),
)
def test_hostile_bodies_take_time_in_proportion_to_their_length(content):
    # Each of these took minutes when a pattern was tried again from every position.
    started = time.perf_counter()
    convert_body(content)
    assert time.perf_counter() - started < 2
