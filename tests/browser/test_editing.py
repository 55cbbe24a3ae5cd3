"""An editor corrects a post and approves a reader's comment, in a real browser."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from archive.models import Comment, Post

pytestmark = pytest.mark.browser

OLD_TITLE = "Canada Finally Bans Huawei From Its 5G Networks"
NEW_TITLE = "Canada Finally Bans Huawei and ZTE From Its 5G Networks"


def test_editor_corrects_a_title_and_approves_a_comment(page, site):
    cache.clear()
    call_command("add_editor", "edith", stdout=io.StringIO())
    editor = get_user_model().objects.get(username="edith")
    editor.set_password("a long editor passphrase")
    editor.save()
    post_url = site + Post.objects.get(title=OLD_TITLE).get_absolute_url()

    # A reader leaves a comment.
    page.goto(post_url)
    page.get_by_role("textbox", name="Name").fill("Mei Reader")
    page.get_by_role("textbox", name="Comment", exact=True).fill("Ottawa took its time.\nBetter late than never.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("awaiting moderation")
    expect(page.locator(".comment--pending")).to_contain_text("Awaiting moderation")
    expect(page.locator(".comment--pending")).to_contain_text("Better late than never.")

    # The editor signs in, corrects the title and approves the comment.
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()
    page.goto(site + "/admin/archive/post/?q=Canada")
    page.get_by_role("link", name=OLD_TITLE).click()
    page.locator("#id_title").fill(NEW_TITLE)
    # The preview shows the Markdown as readers will see it, sanitised, as the editor types.
    body = page.locator("#id_body")
    original_body = body.input_value()
    body.fill("**Bold** words <script>alert(1)</script>")
    expect(page.locator(".post-preview strong")).to_have_text("Bold")
    assert page.locator(".post-preview script").count() == 0
    body.fill(original_body)
    expect(page.locator(".post-preview")).to_contain_text("CANADA’S DECISION")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + "/admin/archive/comment/")
    row = page.locator("#result_list tbody tr").filter(has_text="Mei Reader")
    expect(row).to_contain_text("Pending")
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved")

    # Both changes are on the public site.
    page.goto(post_url)
    expect(page.locator("h1")).to_have_text(NEW_TITLE)
    comment = page.locator(".comment")
    expect(comment).to_contain_text("Mei Reader")
    expect(comment.locator(".comment__body")).to_contain_text("Ottawa took its time.")
    assert comment.locator(".comment__body br").count() == 1
    expect(page.locator(".comments__summary")).to_contain_text("1 Comment")

    # Loading the seeds again keeps the editor's title.
    call_command("load_seeds", verbosity=0)
    page.reload()
    expect(page.locator("h1")).to_have_text(NEW_TITLE)
    assert Post.objects.filter(import_key=Post.objects.get(title=NEW_TITLE).import_key).count() == 1


def test_a_page_on_another_site_cannot_post_a_comment_through_a_readers_browser(page, site):
    post_url = site + Post.objects.get(title=OLD_TITLE).get_absolute_url()
    # The reader has read the post (and the page is cached) before visiting the other site.
    page.goto(post_url)
    forged = (
        f'<form method="post" action="{post_url}"><input name="author_name" value="Spammer">'
        '<input name="body" value="Buy now."><button>Win a prize</button></form>'
    )
    page.route("http://attacker.test/", lambda route: route.fulfill(body=forged, content_type="text/html"))
    page.goto("http://attacker.test/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Win a prize").click()
    assert navigation.value.status == 403
    assert not Comment.objects.exists()
