"""Comments awaiting moderation: counted on the admin's home page, standing out in the comment list."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Comment, Post

LONGEST_TITLE = (
    "People‘s Daily: Sullivan Admits that US Efforts to Change the PRC Over the Past Several Decades Have Failed"
)
PENDING_LIST = "/admin/archive/comment/?status__exact=pending"


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=LONGEST_TITLE)


@pytest.fixture
def comments(post):
    statuses = ["pending", "approved", "pending", "spam", "pending", "rejected"]
    return [
        Comment.objects.create(post=post, author_name=f"Reader {n}", body=f"Comment {n}", status=status)
        for n, status in enumerate(statuses)
    ]


def queue_link(html):
    """The home page's link to the comments awaiting moderation, as (href, text), or None."""
    found = re.search(r'<p class="moderation-queue[^"]*">\s*<a href="([^"]+)">([^<]+)</a>', html)
    return (found[1].replace("&amp;", "&"), found[2]) if found else None


def test_the_home_page_counts_the_comments_awaiting_moderation_and_links_to_them(editor_client, comments):
    html = editor_client.get("/admin/").content.decode()
    assert queue_link(html) == (PENDING_LIST, "3 comments awaiting moderation")
    assert "moderation-queue--waiting" in html
    listed = editor_client.get(PENDING_LIST).context["cl"].result_list
    assert {comment.pk for comment in listed} == {c.pk for c in comments if c.status == "pending"}


def test_the_count_follows_moderation(editor_client, comments):
    pending = [c.pk for c in comments if c.status == "pending"]
    editor_client.post("/admin/archive/comment/", {"action": "approve", "_selected_action": pending[:2]})
    assert queue_link(editor_client.get("/admin/").content.decode())[1] == "1 comment awaiting moderation"
    editor_client.post("/admin/archive/comment/", {"action": "mark_spam", "_selected_action": pending[2:]})
    html = editor_client.get("/admin/").content.decode()
    assert queue_link(html)[1] == "No comments awaiting moderation"
    assert "moderation-queue--waiting" not in html


def test_the_count_is_one_query(editor_client, comments):
    with CaptureQueriesContext(connection) as queries:
        editor_client.get("/admin/")
    on_comments = [query["sql"] for query in queries.captured_queries if "archive_comment" in query["sql"]]
    assert len(on_comments) == 1 and "COUNT(" in on_comments[0].upper(), on_comments


def test_only_those_who_moderate_see_the_count(client, comments):
    User = get_user_model()
    viewer = User.objects.create_user("viewer", password="viewer passphrase 1", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(viewer)
    response = client.get("/admin/")
    assert response.status_code == 200 and queue_link(response.content.decode()) is None
    client.force_login(User.objects.create_superuser("root", "root@example.com", "root passphrase 1"))
    assert queue_link(client.get("/admin/").content.decode())[1] == "3 comments awaiting moderation"


def test_pending_comments_come_first_with_a_badge(editor_client, comments):
    response = editor_client.get("/admin/archive/comment/")
    html = response.content.decode()
    assert [c.status for c in response.context["cl"].result_list][:3] == ["pending"] * 3
    assert html.count('class="comment-status comment-status--pending">Pending</span>') == 3
    assert 'class="comment-status comment-status--approved">Approved</span>' in html
    # The badge and the tinted row are the moderation stylesheet's.
    assert "archive/admin/moderation.css" in html and "archive/admin/layout.css" in html


def test_sorting_by_status_puts_pending_comments_first_or_last(editor_client, comments):
    columns = editor_client.get("/admin/archive/comment/").context["cl"].list_display
    status = columns.index("status_badge")
    for order, pending_at in ((str(status), slice(0, 3)), (f"-{status}", slice(-3, None))):
        listed = editor_client.get(f"/admin/archive/comment/?o={order}").context["cl"].result_list
        assert [c.status for c in listed][pending_at] == ["pending"] * 3, order


def test_post_list_keeps_each_whole_title_as_a_tooltip(editor_client, post):
    html = editor_client.get("/admin/archive/post/?q=Sullivan").content.decode()
    assert f'<span class="post-title" title="{LONGEST_TITLE}">{LONGEST_TITLE}</span>' in html
    assert "archive/admin/layout.css" in html


def test_post_list_shows_the_day_a_post_was_published(editor_client, post):
    post.published = datetime.datetime(2024, 2, 2, 9, 30, tzinfo=datetime.UTC)
    post.save()
    html = editor_client.get("/admin/archive/post/?q=Sullivan").content.decode()
    assert '<td class="field-published_date">2 Feb 2024</td>' in html


def test_an_editor_edits_an_imported_comments_html_and_readers_see_it_sanitised(editor_client, post, client):
    comment = Comment.objects.create(post=post, author_name="Imported reader", body="<p>As <em>imported</em>.</p>",
                                     body_format=Comment.Format.HTML, status=Comment.Status.APPROVED)
    response = editor_client.post(f"/admin/archive/comment/{comment.pk}/change/", {
        "post": post.pk, "author_name": "Imported reader", "author_email": "", "status": "approved",
        "body": '<p>Mended: see <a href="/post/other/">this</a>.</p><script>alert(1)</script>',
        "body_format": "html", "created_0": "2024-01-03", "created_1": "12:00:00", "parent": "",
    })
    assert response.status_code == 302
    # The moderation list shows its text, not its markup.
    listed = editor_client.get("/admin/archive/comment/").content.decode()
    assert "Mended: see this." in listed and "&lt;p&gt;Mended" not in listed
    editor_client.logout()
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<p>Mended: see <a href="/post/other/" rel="noopener nofollow">this</a>.</p>' in html
    assert "alert(1)" not in html
