"""Shortcodes are found by WordPress's rules and become plain, safe HTML."""

from html.parser import HTMLParser

import pytest

from archive.importing.wordpress.records import MediaFile
from archive.importing.wordpress.shortcodes import expand, parse_attributes, strip_c_slashes

MEDIA = {
    1: MediaFile(1, "https://example.com/up/one.jpg", title="One", alt="The first", caption="First caption", parent=9, menu_order=2),
    2: MediaFile(2, "https://example.com/up/two.png", title="Two &amp; <b>more</b>", parent=9, menu_order=1),
    3: MediaFile(3, "https://example.com/up/three.gif", title="Three", parent=9, menu_order=3),
    4: MediaFile(4, "https://example.com/up/other.jpg", title="Elsewhere", parent=8),
    5: MediaFile(5, "https://example.com/up/song.mp3", title="Song", parent=9, mime_type="audio/mpeg"),
    6: MediaFile(6, "https://example.com/up/clip.webm", title="Clip", parent=9, mime_type="video/webm"),
    7: MediaFile(7, 'javascript:alert(1)//.jpg', title="Evil", parent=8),
    8: MediaFile(8, 'https://example.com/up/q.jpg"><script>alert(1)</script>', title='"><script>x</script>', parent=8),
}
for number in (1, 2, 3, 4):
    MEDIA[number] = MediaFile(**{**MEDIA[number].__dict__, "mime_type": "image/jpeg"})


def test_attributes_by_wordpress_rules():
    assert parse_attributes(' ids="1,2" Link=\'file\' columns=3 "bare quoted" \'single\' bare') == {
        "ids": "1,2", "link": "file", "columns": "3", 0: "bare quoted", 1: "single", 2: "bare",
    }
    # Backslash escapes are decoded; a quote can't be escaped inside its own kind of quotes.
    assert parse_attributes(r' caption="tab\there" path=C:\\dir') == {"caption": "tab\there", "path": "C:\\dir"}
    assert parse_attributes(' title="say \\"hi\\""') == {0: 'title="say', 1: '"hi""'}
    assert parse_attributes("\u00a0width=300\u200b") == {"width": "300"}
    # A value that opens a tag without closing it is emptied.
    assert parse_attributes(' caption="<b>ok</b>" title="<script"') == {"caption": "<b>ok</b>", "title": ""}
    assert parse_attributes("") == {}


def test_c_escapes():
    assert strip_c_slashes(r"a\nb\tc\\d\x41\101\q") == "a\nb\tc\\dAAq"


@pytest.mark.parametrize(
    "text",
    [
        "Footnote [1] and [simple boat] and [contact-form id=3] and [gallery-x] and [captions]",
        "[/caption] alone, [caption without its end",
        "[ caption] has a space",
        '<img alt="[gallery]" src="/a.jpg"> and <a title="[embed]x[/embed]" href="/">x</a>',
        "<!-- [gallery ids=\"1\"] -->",
    ],
)
def test_what_is_not_a_shortcode_stays_as_it_is(text):
    assert expand(text, MEDIA, 9) == text


def test_a_lone_opening_caption_still_renders_as_wordpress_would():
    # "[caption without its end": no [/caption], so a caption of no content: nothing.
    assert expand("a [caption x] b") == "a  b"


def test_escaped_shortcodes_show_as_text():
    assert expand("[[gallery]] and [[caption]x[/caption]]") == "[gallery] and [caption]x[/caption]"
    assert expand('[[audio src="https://example.com/a.mp3"]]') == '[audio src="https://example.com/a.mp3"]'


def test_a_caption_with_its_text_after_a_linked_image():
    text = (
        '[caption id="attachment_1" align="alignright" width="300"]<a href="https://example.com/up/one.jpg">'
        '<img src="https://example.com/up/one-300.jpg" alt="" width="300" height="200" /></a> The <em>caption</em>[/caption]'
    )
    assert expand(text) == (
        '<figure><a href="https://example.com/up/one.jpg"><img src="https://example.com/up/one-300.jpg" alt="" '
        'width="300" height="200" /></a><figcaption>The <em>caption</em></figcaption></figure>'
    )


def test_the_older_caption_attribute():
    text = '[caption id="" align="alignnone" width="200" caption="Old &amp; <b>bold</b>"]<img src="/a.jpg" />[/caption]'
    assert expand(text) == '<figure><img src="/a.jpg" /><figcaption>Old &amp; <b>bold</b></figcaption></figure>'
    assert expand('[wp_caption caption="Alias"]<img src="/a.jpg">[/wp_caption]') == (
        '<figure><img src="/a.jpg"><figcaption>Alias</figcaption></figure>'
    )


def test_a_caption_without_text_is_its_image():
    assert expand('[caption width="10"]<img src="/a.jpg">[/caption]') == '<img src="/a.jpg">'


def test_nested_shortcodes_are_expanded():
    text = '[caption caption="A clip"][video src="https://example.com/v.mp4"][/caption]'
    assert expand(text) == (
        '<figure><video controls src="https://example.com/v.mp4"><a href="https://example.com/v.mp4">'
        "https://example.com/v.mp4</a></video><figcaption>A clip</figcaption></figure>"
    )


def test_two_captions_in_a_row():
    text = '[caption]<img src="/a.jpg"> A[/caption][caption]<img src="/b.jpg"> B[/caption]'
    assert expand(text) == (
        '<figure><img src="/a.jpg"><figcaption>A</figcaption></figure>'
        '<figure><img src="/b.jpg"><figcaption>B</figcaption></figure>'
    )


def test_a_gallery_of_chosen_ids_in_their_order():
    assert expand('[gallery ids="3,1, 99"]', MEDIA, 9) == (
        '<figure class="gallery">'
        '<figure><img src="https://example.com/up/three.gif" alt="Three"></figure>'
        '<figure><img src="https://example.com/up/one.jpg" alt="The first"><figcaption>First caption</figcaption></figure>'
        "</figure>"
    )


def test_a_gallery_without_ids_shows_the_posts_images_by_menu_order():
    html = expand("[gallery]", MEDIA, 9)
    assert [html.index(name) for name in ("two.png", "one.jpg", "three.gif")] == sorted(
        html.index(name) for name in ("two.png", "one.jpg", "three.gif")
    )
    assert "song.mp3" not in html and "other.jpg" not in html
    # Titles are plain text in alt: tags dropped, entities decoded then escaped.
    assert 'alt="Two &amp; more"' in html


def test_gallery_options():
    assert "one.jpg" not in expand('[gallery exclude="1"]', MEDIA, 9)
    descending = expand('[gallery order="DESC" orderby="menu_order"]', MEDIA, 9)
    assert descending.index("three.gif") < descending.index("one.jpg") < descending.index("two.png")
    linked = expand('[gallery ids="1" link="file"]', MEDIA, 9)
    assert '<a href="https://example.com/up/one.jpg"><img src="https://example.com/up/one.jpg"' in linked
    assert expand('[gallery id="8"]', MEDIA, 9).count("<img") == 2  # another post's images; 7 is unsafe
    assert expand("[gallery]", MEDIA, 42) == ""
    assert expand("[gallery]") == ""


class Markup(HTMLParser):
    """The tags and attribute names of some HTML."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.attributes = set(), set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_attribute_values_never_break_out():
    html = expand('[gallery ids="7,8"]', MEDIA, 9)
    assert "javascript:" not in html
    markup = Markup(html)
    assert markup.tags == {"figure", "img"} and markup.attributes == {"class", "src", "alt"}
    assert 'src="https://example.com/up/q.jpg&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    audio = expand("[audio src='https://example.com/a.mp3\" onerror=\"alert(1)']")
    assert Markup(audio).attributes == {"href"} and "&quot; onerror=&quot;alert(1)" in audio


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '[audio src="https://example.com/a.mp3"]',
            '<audio controls src="https://example.com/a.mp3"><a href="https://example.com/a.mp3">https://example.com/a.mp3</a></audio>',
        ),
        (
            '[audio mp3="/up/a.mp3" ogg="/up/a.ogg"][/audio]',
            '<audio controls src="/up/a.mp3"><a href="/up/a.mp3">/up/a.mp3</a></audio>',
        ),
        (
            "[audio https://example.com/ep.mp3|titles=Episode 1]",
            '<audio controls src="https://example.com/ep.mp3"><a href="https://example.com/ep.mp3">https://example.com/ep.mp3</a></audio>',
        ),
        (
            '[video width="640" height="360" mp4="https://example.com/v.mp4"][/video]',
            '<video controls src="https://example.com/v.mp4"><a href="https://example.com/v.mp4">https://example.com/v.mp4</a></video>',
        ),
        # Not a file to play: a link to it.
        (
            '[video src="https://www.youtube.com/watch?v=abc&amp;t=10"]',
            '<a href="https://www.youtube.com/watch?v=abc&amp;t=10">https://www.youtube.com/watch?v=abc&amp;t=10</a>',
        ),
        ('[audio src="https://example.com/page"]', '<a href="https://example.com/page">https://example.com/page</a>'),
        # A bare word is an option, not a source.
        ('[video loop autoplay="on"]', ""),
        # No source that may be linked to: nothing.
        ('[audio src="javascript:alert(1)"]', ""),
        ('[video src="data:video/mp4;base64,AAAA"]', ""),
    ],
)
def test_audio_and_video(text, expected):
    assert expand(text) == expected


def test_audio_and_video_without_a_source_play_the_posts_file():
    assert expand("[audio]", MEDIA, 9).startswith('<audio controls src="https://example.com/up/song.mp3">')
    assert expand("[video]", MEDIA, 9).startswith('<video controls src="https://example.com/up/clip.webm">')
    assert expand("[audio]", MEDIA, 8) == expand("[audio]") == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[embed]https://vimeo.com/1[/embed]", '<a href="https://vimeo.com/1">https://vimeo.com/1</a>'),
        ('[embed width="500"] https://x.example/?a=1&b=2 [/embed]', '<a href="https://x.example/?a=1&amp;b=2">https://x.example/?a=1&amp;b=2</a>'),
        ("[embed]javascript:alert(1)[/embed]", ""),
        ("[embed][/embed]", ""),
    ],
)
def test_embeds_are_links(text, expected):
    assert expand(text) == expected


def test_self_closing_shortcodes_take_no_content():
    text = '[audio src="/a.mp3" /] between [/audio]'
    assert expand(text) == '<audio controls src="/a.mp3"><a href="/a.mp3">/a.mp3</a></audio> between [/audio]'
