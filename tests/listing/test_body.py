"""Bodies become Markdown that renders back to exactly the archived text."""

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.importing.listing.body import body_html, body_markdown, body_text, escape_line
from archive.importing.listing.parser import Block
from archive.markup import plain_text, render


def rendered_paragraph(text):
    return render(escape_line(text))


@pytest.mark.parametrize(
    "text",
    [
        "*not emphasis* and _not either_",
        "# not a heading",
        "1989. A year, not a list item.",
        "10) nor this",
        "- not a bullet",
        "+ nor this",
        "> not a quote",
        "<b>not bold</b> <script>alert(1)</script>",
        "[not a link](https://example.com) ![nor an image](x.png)",
        "`not code` and a back\\slash",
        "&copy; &amp; &#169; stay as typed",
        "!!! note not an admonition",
        "===",
        "---",
        "AT&T, 50% <off>, a < b > c",
    ],
)
def test_markdown_syntax_in_archived_text_is_shown_as_typed(text):
    assert rendered_paragraph(text) == f"<p>{html.escape(text, quote=False)}</p>"


printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u00a0")


@settings(max_examples=400, deadline=None)
@given(st.text(printable, min_size=1, max_size=60).map(str.strip).filter(bool))
def test_any_paragraph_renders_verbatim(text):
    html_out = rendered_paragraph(text)
    assert html_out.startswith("<p>") and html_out.endswith("</p>")
    assert html.unescape(html_out[3:-4]) == text


def test_lists_and_editors_notes():
    markdown = body_markdown(
        [
            Block("paragraph", ("Readers wrote:",)),
            Block("list", ("“One.”", "*Two*")),
            Block("note", ("{Editor’s Note: see <here>.}",)),
        ]
    )
    assert render(markdown) == (
        "<p>Readers wrote:</p>\n<ul>\n<li>“One.”</li>\n<li>*Two*</li>\n</ul>\n"
        '<div class="admonition editors-note">\n<p>{Editor’s Note: see &lt;here&gt;.}</p>\n</div>'
    )


def test_rendering_sanitises_html_written_by_editors():
    out = render(
        '<script>alert(1)</script><img src="x" onerror="alert(2)">'
        '[click](javascript:alert(3)) <a href="https://example.com" onclick="x()">ok</a>'
    )
    assert "<script" not in out and "onerror" not in out and "javascript:" not in out
    assert "onclick" not in out
    assert 'href="https://example.com"' in out


def test_an_images_resized_copies_are_kept_and_only_those_on_the_web():
    out = render('<img src="/a.png" alt="A" srcset="javascript:alert(1) 1x, data:image/png;base64,AA 2x, '
                 '/media/a-300.png 300w, https://example.com/a-600.png 600w">', "html")
    assert 'srcset="/media/a-300.png 300w, https://example.com/a-600.png 600w"' in out
    assert "javascript:" not in out and "data:" not in out


lines = st.lists(st.text(printable, min_size=1, max_size=30).map(str.strip).filter(bool), min_size=1, max_size=3)
blocks = st.lists(
    st.builds(Block, st.sampled_from(["paragraph", "list", "note"]), lines.map(tuple)), min_size=1, max_size=5
).filter(lambda body: not any(a.kind == b.kind == "list" for a, b in zip(body, body[1:])))  # the parser merges those


@settings(max_examples=300, deadline=None)
@given(blocks)
def test_html_built_for_imports_is_what_rendering_the_markdown_gives(body):
    rendered = render(body_markdown(body))
    assert body_html(body) == rendered
    assert body_text(body) == plain_text(rendered)
