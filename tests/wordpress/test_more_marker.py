"""A WordPress post's <!--more--> marker: lists show the text before it, the post's page the whole post, and the
marker stays in the body an editor edits, where WordPress's editor kept it."""

from django.core.management import call_command

from archive.markup import plain_text
from archive.models import Post
from tests.pages.helpers import page_text

from .helpers import FIXTURES, export, item_xml


def test_lists_show_the_teaser_and_the_post_page_the_whole_post(client, db):
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    post = Post.objects.get(wordpress_id=101)
    assert "<!--more-->" in post.body and "<!--" not in post.body_html
    listed = page_text(client.get("/2024/03/"))
    start = listed.index("Title With Markup")
    teaser = listed[start : listed.index("Continue reading", start)]
    assert "The second paragraph." in teaser and "Container cranes at Ningbo-Zhoushan" not in teaser
    whole = page_text(client.get(post.get_absolute_url()))
    assert "The second paragraph." in whole and "Container cranes at Ningbo-Zhoushan" in whole


def test_a_marker_inside_a_paragraph_ends_the_teaser_there(client, db, tmp_path):
    body = "A teaser sentence <!--more Read the rest--> and the rest of the paragraph.\n\nMore text."
    call_command("load_seeds", str(export(tmp_path, item_xml(7, content=body))), verbosity=0)
    post = Post.objects.get(wordpress_id=7)
    assert post.summary_html.startswith("<p>") and plain_text(post.summary_html) == "A teaser sentence"
    assert "<!--more Read the rest-->" in post.body
    assert "and the rest of the paragraph." in page_text(client.get(post.get_absolute_url()))
