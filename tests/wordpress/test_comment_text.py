"""An imported comment's text as WordPress showed it: web addresses made links, paragraphs and line breaks."""

import pytest

from archive.importing.wordpress.autop import autop
from archive.importing.wordpress.comments import clickable, comment_html


@pytest.mark.parametrize("text, shown", [
    ("See https://a.example/x/.", 'See <a href="https://a.example/x/">https://a.example/x/</a>.'),
    ("(www.a.example/b_(c))", '(<a href="http://www.a.example/b_(c)">www.a.example/b_(c)</a>)'),
    ("http://a.example/?x=1&amp;y=2!", '<a href="http://a.example/?x=1&amp;y=2">http://a.example/?x=1&amp;y=2</a>!'),
    # Links and code are left as they were typed.
    ('<a href="https://a.example/">https://a.example/</a>', '<a href="https://a.example/">https://a.example/</a>'),
    ("<code>https://a.example/</code> <pre>www.a.example</pre>", "<code>https://a.example/</code> "
                                                                   "<pre>www.a.example</pre>"),
    # Not an address: inside a word, an attribute, or another scheme.
    ("mail@www.a.example xhttp://a.example javascript:alert(1)", "mail@www.a.example xhttp://a.example "
                                                                  "javascript:alert(1)"),
    ('<img src="https://a.example/i.png">', '<img src="https://a.example/i.png">'),
])
def test_web_addresses_in_a_comment_become_links(text, shown):
    assert clickable(text) == shown


def test_a_comments_paragraphs_and_line_breaks_are_kept():
    assert comment_html("One\nline.\n\nTwo.") == "<p>One<br>\nline.</p>\n<p>Two.</p>"


@pytest.mark.parametrize("text", ["One line.", "  Spaces around, kept as autop keeps them. ", "x &amp; y > z",
                                  "See www.a.example today", "\t", "Two\nlines", "a\r\nb", "<em>marked</em>"])
def test_a_one_line_comment_is_the_paragraph_autop_makes(text):
    # comment_html skips autop for one line without markup: the same answer, a third of an import's comment work.
    assert comment_html(text) == autop(clickable(text))
