"""The classic editor's text gets paragraphs by wpautop's rules; each expectation follows from a rule."""

import pytest

from archive.importing.wordpress.autop import autop


@pytest.mark.parametrize(
    "text, expected",
    [
        # A blank line ends a paragraph; blank lines in a row are one; the ends are trimmed.
        ("One\n\nTwo", "<p>One</p>\n<p>Two</p>"),
        ("\n\n\nOne\n\n\n\nTwo\n\n", "<p>One</p>\n<p>Two</p>"),
        ("One\n   \nTwo", "<p>One</p>\n<p>Two</p>"),
        # A single line break is a <br>.
        ("Line one\nLine two", "<p>Line one<br>\nLine two</p>"),
        # Windows and old Mac line ends are line ends.
        ("One\r\n\r\nTwo\r\nThree\rFour", "<p>One</p>\n<p>Two<br>\nThree<br>\nFour</p>"),
        # Two <br> in a row are a paragraph break; one that is already there is not doubled.
        ("A<br /><br />B", "<p>A</p>\n<p>B</p>"),
        ("A <br>\nB", "<p>A <br>\nB</p>"),
        # Spaces before a line break go with it; after a <br>, WordPress's look-behind keeps the first.
        ("A   \nB", "<p>A<br>\nB</p>"),
        ("A<br> \t\nB", "<p>A<br> <br>\nB</p>"),
        # White space is PHP's: a no-break space is text, and stays.
        ("A\u00a0\nB", "<p>A\u00a0<br>\nB</p>"),
        # Inline markup stays in its paragraph.
        ('Some <em>emphasis</em> and <a href="/x">a link</a>.', '<p>Some <em>emphasis</em> and <a href="/x">a link</a>.</p>'),
    ],
)
def test_paragraphs_and_line_breaks(text, expected):
    assert autop(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Intro\n<div>Box</div>\nOutro", "<p>Intro</p>\n<div>Box</div>\n<p>Outro</p>"),
        ("<h2>Title</h2>\nText under it", "<h2>Title</h2>\n<p>Text under it</p>"),
        ("Above\n<hr>\nBelow", "<p>Above</p>\n<hr>\n<p>Below</p>"),
        ("<ul>\n<li>One</li>\n<li>Two</li>\n</ul>", "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>"),
        ("<ol><li>One</li></ol>\nAfter", "<ol>\n<li>One</li>\n</ol>\n<p>After</p>"),
        ("<table>\n<tr><td>a</td></tr>\n</table>", "<table>\n<tr>\n<td>a</td>\n</tr>\n</table>"),
        ("<p>Already</p>\n\n<p>Two</p>", "<p>Already</p>\n<p>Two</p>"),
        # A paragraph around a <blockquote> moves inside it.
        ("<blockquote>Quoted\n\nTwo</blockquote>", "<blockquote><p>Quoted</p>\n<p>Two</p></blockquote>"),
        # Line breaks around <source>, <track>, <param> and <embed> are not <br>.
        (
            'One.\n\n<video controls>\n\t<source src="a.mp4" />\n\t<track src="a.vtt" />\n\t<a href="a.mp4">a</a>\n</video>',
            '<p>One.</p>\n<p><video controls><source src="a.mp4" /><track src="a.vtt" /><a href="a.mp4">a</a></video></p>',
        ),
        (
            '<object data="x">\n\t<param name="a" value="1" />\n\n\t<embed src="x" />\n</object>',
            '<p><object data="x"><param name="a" value="1" /><embed src="x" /></object></p>',
        ),
        (
            'Pick: <select name="s">\n<option value="1">One</option>\n<option value="2">Two</option>\n</select>',
            '<p>Pick: <select name="s"><option value="1">One</option><option value="2">Two</option></select></p>',
        ),
        # Line breaks around a <figcaption> are not <br>.
        (
            '<figure><img src="a.jpg">\n<figcaption>Caption</figcaption>\n</figure>',
            '<figure><img src="a.jpg"><figcaption>Caption</figcaption></figure>',
        ),
    ],
)
def test_block_level_elements_are_not_wrapped(text, expected):
    assert autop(text) == expected


def test_pre_is_left_as_typed():
    text = "Before\n<pre>\nline 1\n\nline 2\n   indented\n</pre>\nAfter"
    assert autop(text) == "<p>Before</p>\n<pre>\nline 1\n\nline 2\n   indented\n</pre>\n<p>After</p>"
    two = autop("<pre>a\n\nb</pre>\n\nMiddle\n\n<pre class=\"x\">c\nd</pre>")
    assert two == '<pre>a\n\nb</pre>\n<p>Middle</p>\n<pre class="x">c\nd</pre>'


def test_line_breaks_inside_tags_and_comments_stay():
    assert autop('Line <a\nhref="/x">link</a> end') == '<p>Line <a\nhref="/x">link</a> end</p>'
    assert autop("A <!-- note\nhere --> B") == "<p>A <!-- note\nhere --> B</p>"


def test_script_and_style_keep_their_line_breaks():
    assert autop("<script>a();\nb();</script>") == "<p><script>a();\nb();</script></p>"
    assert autop("<style>p {}\nh2 {}</style>") == "<style>p {}\nh2 {}</style>"


def test_without_line_breaks():
    assert autop("A\nB\n\nC", br=False) == "<p>A\nB</p>\n<p>C</p>"


def test_nothing_is_nothing():
    assert autop("") == autop("  \n\t\n ") == ""


def test_a_block_name_is_matched_whole():
    # WordPress's later rules would take <picture> and <pretty> for <p> and <pre>.
    assert autop("<picture>x</picture>") == "<p><picture>x</picture></p>"
    assert autop("<pretty>x</pretty>") == "<p><pretty>x</pretty></p>"
