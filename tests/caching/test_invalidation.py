"""Readers never see a stale page: every change starts a new generation when it commits."""

import pytest
from django.test import Client
from django.core.management import call_command
from django.db import transaction

from archive.derived import current_generation, start_generation
from archive.models import Category, Comment, Post
from archive.views.posts import PostDetailView
from tests.admin.helpers import form_data
from tests.factories import write_listing

from ..pages.helpers import page_text
from .helpers import POST_TITLE, POST_URL, send_comment

NEW_TITLE = "Biden Kicks Xi While He Is Up"


def cache_pages(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def moderate(editor_client, action, *comments):
    selected = [comment.pk for comment in comments]
    editor_client.post("/admin/archive/comment/", {"action": action, "_selected_action": selected})


def test_an_edit_in_the_admin_shows_at_once(client, editor_client, post, committed):
    cache_pages(client, POST_URL, "/", "/category/technology/", "/feed/")
    before = current_generation()
    url = f"/admin/archive/post/{post.pk}/change/"
    data = form_data(editor_client.get(url), "post_form")
    data["title"] = [NEW_TITLE]
    with committed():
        assert editor_client.post(url, data).status_code == 302
    # One generation for the whole save: the post, its sources, categories, history.
    assert current_generation().number == before.number + 1
    for url in ("/", "/category/technology/", "/feed/"):
        page = client.get(url)
        assert page["X-Cache"] == "miss" and NEW_TITLE in page.content.decode(), url
    assert NEW_TITLE in page_text(client.get(POST_URL))


def test_renaming_a_category_in_the_admin_shows_at_once(client, editor_client, seeded, committed):
    category = Category.objects.get(slug="technology")
    cache_pages(client, "/", "/category/technology/")
    url = f"/admin/archive/category/{category.pk}/change/"
    data = form_data(editor_client.get(url), "category_form")
    data["name"] = ["Technology and Industry"]
    with committed():
        assert editor_client.post(url, data).status_code == 302
    assert "Category Archives: Technology and Industry" in page_text(client.get("/category/technology/"))
    assert "Technology and Industry" in page_text(client.get("/"))


def test_approving_comments_in_bulk_shows_them_at_once(client, editor_client, post, committed):
    comment = Comment.objects.create(post=post, author_name="Ann", body="A pending thought.")
    cache_pages(client, POST_URL)
    assert "A pending thought." not in page_text(client.get(POST_URL))
    with committed():
        moderate(editor_client, "approve", comment)
    page = client.get(POST_URL)
    assert page["X-Cache"] == "miss" and "A pending thought." in page_text(page)
    with committed():
        moderate(editor_client, "mark_spam", comment)
    assert "A pending thought." not in page_text(client.get(POST_URL))


def test_saving_an_approved_comment_shows_it_at_once(client, post, committed):
    cache_pages(client, POST_URL, "/")
    with committed():
        comment = Comment.objects.create(post=post, author_name="Ann", body="Hello.", status="approved")
    assert "3 Comments: 2 on the original site (not archived) and 1 here." in page_text(client.get(POST_URL))
    assert f"1 comment on “{POST_TITLE}”, and 2 on the original site" in page_text(client.get("/"))
    with committed():
        comment.delete()
    assert "2 Comments, on the original site" in page_text(client.get(POST_URL))


def test_a_new_comment_awaiting_moderation_leaves_the_cache_alone(client, post, committed):
    cache_pages(client, POST_URL)
    before = current_generation()
    with committed():
        assert send_comment(client).status_code == 302
    assert current_generation() == before
    # Other readers still get the stored page (the commenter, with a session of their own, gets a fresh one).
    assert Client().get(POST_URL)["X-Cache"] == "hit"
    with committed():
        comment = Comment.objects.get()
        comment.status = Comment.Status.APPROVED
        comment.save()
    assert "A thoughtful comment." in page_text(client.get(POST_URL))


def test_an_import_shows_at_once_but_a_dry_run_or_a_repeat_changes_nothing(
    client, seeded, tmp_path, committed
):
    urls = ["/search/?q=synthetic", "/sitemap-posts.xml", "/"]
    cache_pages(client, *urls)
    assert client.get("/page/4/").status_code == 404  # 18 posts, 8 a page: the number is kept for the generation
    listing = write_listing(tmp_path / "900_synthetic.txt", 1, 7)
    with committed():
        call_command("load_seeds", str(listing), "--dry-run", verbosity=0)
        call_command("load_seeds", verbosity=0)  # the seeds again: nothing new
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit", url
    with committed():
        call_command("load_seeds", str(listing), verbosity=0)
    assert "Synthetic Post Number 2" in page_text(client.get("/search/?q=synthetic"))
    assert "/post/synthetic-post-number-2/" in client.get("/sitemap-posts.xml").content.decode()
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/page/4/").status_code == 200


def test_deleting_a_post_shows_at_once(client, post, committed):
    cache_pages(client, POST_URL, "/")
    with committed():
        post.delete()
    assert client.get(POST_URL).status_code == 404
    assert POST_TITLE not in page_text(client.get("/"))


def test_changing_a_posts_categories_shows_at_once(client, post, committed):
    cache_pages(client, "/category/defence/")
    with committed():
        post.categories.remove(Category.objects.get(slug="defence"))
    assert POST_TITLE not in page_text(client.get("/category/defence/"))


def test_a_rolled_back_change_keeps_the_cache(client, post, committed):
    cache_pages(client, POST_URL)
    before = current_generation()
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        post.title = NEW_TITLE
        post.save()
        raise RuntimeError("the editor's save failed")
    assert current_generation() == before
    assert client.get(POST_URL)["X-Cache"] == "hit"


def test_a_change_starts_no_generation_before_it_commits(client, post, committed):
    before = current_generation()
    with committed() as hooks:
        with transaction.atomic():
            post.title = NEW_TITLE
            post.save()
        # Until the commit, readers see the old post and store it under the old generation.
        assert current_generation() == before and hooks == []
    assert current_generation() != before


def test_a_page_rendered_while_a_change_commits_is_never_read_again(client, post, monkeypatch):
    render = PostDetailView.get_context_data

    def render_while_a_change_commits(self, **kwargs):
        context = render(self, **kwargs)
        start_generation()  # another process commits a change meanwhile
        return context

    monkeypatch.setattr(PostDetailView, "get_context_data", render_while_a_change_commits)
    assert client.get(POST_URL)["X-Cache"] == "miss"
    monkeypatch.undo()
    # Stored under the generation read before rendering, which is no longer current.
    assert client.get(POST_URL)["X-Cache"] == "miss"
    assert client.get(POST_URL)["X-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_real_commits_start_one_generation_and_rollbacks_none(client):
    call_command("load_seeds", verbosity=0)
    post = Post.objects.get(title=POST_TITLE)
    cache_pages(client, POST_URL)
    before = current_generation()
    with transaction.atomic():
        post.title = NEW_TITLE
        post.save()
        post.categories.clear()
        assert current_generation() == before
    after = current_generation()
    assert after.number == before.number + 1
    assert NEW_TITLE in page_text(client.get(POST_URL))
    with pytest.raises(RuntimeError), transaction.atomic():
        Post.objects.get(pk=post.pk).delete()
        raise RuntimeError
    assert current_generation() == after
