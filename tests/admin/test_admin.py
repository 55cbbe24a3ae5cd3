"""Editors in the admin: every page loads, history restores, moderation works."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from archive.models import Category, CategoryPlacement, Comment, Outlet, Post

from .helpers import form_data

POST_TITLE = "Biden Kicks Xi When He’s Up"


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=POST_TITLE)


@pytest.fixture
def comments(post):
    return [
        Comment.objects.create(post=post, author_name=f"Reader {n}", body=f"Comment {n}", status=status)
        for n, status in enumerate(["approved", "pending", "pending", "spam"])
    ]


def admin_pages(post, comments):
    category = Category.objects.get(slug="technology")
    return [
        "/admin/",
        "/admin/archive/post/",
        "/admin/archive/post/?q=lithium",
        "/admin/archive/post/?sources=yes",
        "/admin/archive/post/?sources=no",
        f"/admin/archive/post/?categories__id__exact={category.pk}",
        "/admin/archive/post/add/",
        f"/admin/archive/post/{post.pk}/change/",
        f"/admin/archive/post/{post.pk}/history/",
        "/admin/archive/post/recover/",
        "/admin/archive/category/",
        f"/admin/archive/category/{category.pk}/change/",
        "/admin/archive/category/add/",
        "/admin/archive/outlet/",
        "/admin/archive/source/",
        "/admin/archive/source/?outlet__id__exact=1",
        "/admin/archive/comment/",
        "/admin/archive/comment/?status__exact=pending",
        f"/admin/archive/comment/{comments[1].pk}/change/",
        "/admin/archive/listing/",
        "/admin/autocomplete/?app_label=archive&model_name=post&field_name=categories&term=tech",
    ]


def test_every_admin_page_an_editor_uses_loads(editor_client, post, comments):
    for url in admin_pages(post, comments):
        response = editor_client.get(url)
        assert response.status_code == 200, url


def test_post_list_shows_categories_origin_and_comment_counts(editor_client, post, comments):
    html = editor_client.get("/admin/archive/post/?q=Biden").content.decode()
    assert "China-U.S., Defence, Technology" in html
    assert "Category Archives: Technology, post 5" in html
    assert "2 / 1 / 2" in html  # original / approved here / pending


def test_readers_and_anonymous_visitors_cannot_reach_the_admin(client, post, comments):
    reader = get_user_model().objects.create_user("reader", password="reader passphrase 1")
    for login in (None, reader):
        if login:
            client.force_login(login)
        for url in admin_pages(post, comments):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    assert client.post("/admin/archive/post/preview/", {"body": "x"}).status_code == 302


def test_moderation_queue_lists_pending_first_and_actions_change_status(editor_client, comments):
    response = editor_client.get("/admin/archive/comment/")
    statuses = [comment.status for comment in response.context["cl"].result_list]
    assert statuses[:2] == ["pending", "pending"]
    for action, status in [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")]:
        editor_client.post(
            "/admin/archive/comment/",
            {"action": action, "_selected_action": [comments[1].pk, comments[2].pk]},
        )
        assert {c.status for c in Comment.objects.filter(pk__in=[comments[1].pk, comments[2].pk])} == {status}
    assert Comment.objects.get(pk=comments[0].pk).status == "approved"


def edit_post(client, post, **changes):
    url = f"/admin/archive/post/{post.pk}/change/"
    data = form_data(client.get(url), "post_form")
    for name, value in changes.items():
        data[name] = [value]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_editing_keeps_every_earlier_version_and_restores_one(editor_client, post):
    original_body = post.body
    edit_post(editor_client, post, title="Biden Kicks Xi While He Is Up", body="A corrected text.")
    edit_post(editor_client, post, body="A second correction.")
    post.refresh_from_db()
    assert (post.title, post.body) == ("Biden Kicks Xi While He Is Up", "A second correction.")
    versions = Version.objects.get_for_object(post)
    assert [v.field_dict["body"] for v in versions] == ["A second correction.", "A corrected text.", original_body]
    imported = versions.last()
    # Restore the imported version through the history page.
    url = f"/admin/archive/post/{post.pk}/history/{imported.pk}/"
    response = editor_client.post(url, form_data(editor_client.get(url), "post_form"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body) == (POST_TITLE, original_body)
    assert set(post.categories.values_list("name", flat=True)) == {"China-U.S.", "Defence", "Technology"}


def test_a_restored_version_shows_its_categories_as_they_are_named_now(editor_client, post):
    edit_post(editor_client, post, body="A corrected text.")
    defence = Category.objects.get(name="Defence")
    defence.name = "Defense and Security"
    defence.save()
    imported = Version.objects.get_for_object(post).last()
    url = f"/admin/archive/post/{post.pk}/history/{imported.pk}/"
    assert editor_client.post(url, form_data(editor_client.get(url), "post_form")).status_code == 302
    restored = Post.objects.get(pk=post.pk)
    # The version holds the post's row as it was when imported, "Defence" in it; the page shows today's name.
    assert [category.name for category in restored.filed_under] == ["China-U.S.", "Defense and Security",
                                                                      "Technology"]
    assert "Defense and Security" in editor_client.get(restored.get_absolute_url()).content.decode()


def test_an_edited_title_survives_load_seeds(editor_client, post):
    edit_post(editor_client, post, title="Biden Kicks Xi When He Is Up")
    call_command("load_seeds", verbosity=0)
    post.refresh_from_db()
    assert post.title == "Biden Kicks Xi When He Is Up"
    assert Post.objects.count() == 18


def test_deleted_post_can_be_recovered(editor_client, post):
    response = editor_client.post(f"/admin/archive/post/{post.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()
    version = Version.objects.get_deleted(Post).get(object_id=str(post.pk))
    url = f"/admin/archive/post/recover/{version.pk}/"
    response = editor_client.post(url, form_data(editor_client.get(url), "post_form"))
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).title == POST_TITLE


def test_preview_renders_markdown_sanitised_as_readers_see_it(editor_client):
    response = editor_client.post(
        "/admin/archive/post/preview/",
        {"body": "**Bold** [link](javascript:alert(1)) <script>alert(2)</script>\n\n!!! editors-note \"\"\n    {Note}"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html and '<div class="admonition editors-note">' in html
    assert "javascript:" not in html and "<script>" not in html


def test_editors_group_has_exactly_the_editing_permissions(editor):
    codenames = set(editor.get_all_permissions())
    assert "archive.change_post" in codenames and "archive.change_comment" in codenames
    assert "archive.add_comment" not in codenames
    assert not any(name.startswith("auth.") for name in codenames)
    assert not editor.is_superuser


def test_view_on_site_leads_to_the_post_page(editor_client, post):
    html = editor_client.get(f"/admin/archive/post/{post.pk}/change/").content.decode()
    link = html.split('class="viewsitelink"')[0].rsplit('href="', 1)[1].split('"')[0]
    response = editor_client.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith(post.get_absolute_url())


@pytest.mark.parametrize("selected", [1, 3, 7])
def test_deleting_a_selection_renumbers_the_archive_once(editor_client, seeded, selected):
    doomed = list(Post.objects.order_by("rank").values_list("pk", flat=True)[2 : 2 + selected])
    kept = list(Post.objects.exclude(pk__in=doomed).order_by("rank").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(
            "/admin/archive/post/", {"action": "delete_selected", "_selected_action": doomed, "post": "yes"}
        )
    assert response.status_code == 302
    renumberings = [query for query in queries.captured_queries if "SET rank" in query["sql"].replace('"', "")]
    assert len(renumberings) == 1
    assert list(Post.objects.order_by("rank").values_list("pk", "rank")) == [
        (pk, rank) for rank, pk in enumerate(kept, start=1)
    ]
    placements = CategoryPlacement.objects.filter(category__slug="technology").order_by("rank")
    assert [placement.rank for placement in placements] == list(range(1, placements.count() + 1))
    assert not CategoryPlacement.objects.filter(post_id__in=doomed).exists()


def test_deleting_a_briefing_renumbers_the_outlets_it_cited_once(editor_client, seeded):
    # Its sources go with it, each a change of an outlet's citers: one screen, one renumbering.
    briefing = Post.objects.annotate(cited=Count("sources")).filter(cited__gte=2).first()
    outlets = set(briefing.sources.values_list("outlet", flat=True))
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(f"/admin/archive/post/{briefing.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    renumberings = [query for query in queries.captured_queries
                    if query["sql"].startswith("INSERT INTO") and "outletplacement" in query["sql"]]
    assert len(renumberings) == 1
    for outlet in Outlet.objects.filter(pk__in=outlets):
        assert list(outlet.placements.order_by("rank").values_list("rank", flat=True)) == list(
            range(1, outlet.post_count + 1))
        assert not outlet.placements.filter(post_id=briefing.pk).exists()


def test_a_changed_slug_is_shown_under_the_post_and_its_old_url_leads_to_it(editor_client, post, client):
    old_url = post.get_absolute_url()
    edit_post(editor_client, post, slug="biden-and-xi")
    post.refresh_from_db()
    assert post.slug == "biden-and-xi"
    page = editor_client.get(f"/admin/archive/post/{post.pk}/change/").content.decode()
    assert "old paths that lead here (301)" in page.lower() and old_url in page
    client.logout()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/post/biden-and-xi/")
