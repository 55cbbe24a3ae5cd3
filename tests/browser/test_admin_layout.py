"""The editor's screens fit a laptop's and a phone's width: no sideways scrolling in the admin.

An editor signs in and opens the admin's home page, the post list, the change
page of the post with the longest title in the seeds, and the comment
moderation queue, at 1280 px with the admin's menu open and at 390 px. Each
page is no wider than the window, and the lists show every column they have
(on a phone, fewer: static/archive/admin/layout.css) without scrolling the
table sideways. Screenshots go to screenshots/admin-*.png.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.functions import Length
from playwright.sync_api import expect

from archive.models import Comment, OldPath, Post

from .conftest import SCREENSHOTS
from .test_layout import WIDER_THAN

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
# The longest title among the seed posts (seeds/003_…: 107 characters, with its original left quotation mark).
LONGEST_TITLE = (
    "People‘s Daily: Sullivan Admits that US Efforts to Change the PRC Over the Past Several Decades Have Failed"
)
PASSPHRASE = "a long editor passphrase"
# What readers paste: a long link with no space to break at, and a long name.
LONG_LINK = (
    "https://www.whitehouse.gov/briefing-room/speeches-remarks/2024/01/30/"
    "remarks-and-qa-by-national-security-advisor-jake-sullivan-on-the-future-of-u-s-china-relations/"
)
READER_COMMENTS = [
    ("Mei Reader", f"The full remarks: {LONG_LINK}", Comment.Status.PENDING),
    ("Bartholomew Featherstonehaugh-Wolfeschlegel", "Did the paper print the whole interview?", Comment.Status.PENDING),
    ("Ann", "Thanks for keeping these.", Comment.Status.APPROVED),
]
# The lines of the change page's title (its h2) that the links beside it (History, View on site) cover.
TITLE_LINES_UNDER_THE_LINKS = """() => {
    const title = document.querySelector("#content > h2"), links = document.querySelector(".object-tools");
    const range = document.createRange();
    range.selectNodeContents(title);
    const around = links.getBoundingClientRect();
    return [...range.getClientRects()]
        .filter(line => line.right > around.left && line.left < around.right
            && line.bottom > around.top && line.top < around.bottom)
        .map(line => `${Math.round(line.left)}–${Math.round(line.right)} × ${Math.round(line.top)}`);
}"""


@pytest.fixture
def editor_page(page, seeded_site, django_db_blocker):
    """The browser page, signed in as an editor, over the seeded archive with readers' comments on the long post."""
    with django_db_blocker.unblock():
        call_command("add_editor", "edith", stdout=io.StringIO())
        editor = get_user_model().objects.get(username="edith")
        editor.set_password(PASSPHRASE)
        editor.save()
        post = Post.objects.get(title=LONGEST_TITLE)
        for name, body, status in READER_COMMENTS:
            Comment.objects.get_or_create(post=post, author_name=name, body=body, defaults={"status": status})
    page.goto(seeded_site + "/admin/")
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill(PASSPHRASE)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    page.site = seeded_site
    return page


def assert_fits(page, name, width):
    """The page is no wider than the window; what sticks out is named if it is."""
    page.screenshot(path=str(SCREENSHOTS / f"admin-{name}-{width}.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(WIDER_THAN, width)
    assert scroll_width <= width, f"{name} is {scroll_width} px wide at {width} px; these stick out: {too_wide}"


def assert_list_fits(page, path, name, width, showing):
    """The list at ``path``, showing ``showing``, fits the window at ``width`` with every column in view."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.site + path)
    expect(page.locator("#result_list")).to_contain_text(showing)
    assert_fits(page, name, width)
    assert_every_column_in_view(page)


def assert_every_column_in_view(page):
    """The list's table needs no sideways scrolling of its own: every column is on screen."""
    results = page.locator("#changelist .results")
    widths = results.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert widths[0] <= widths[1], f"the table is {widths[0]} px wide in a box of {widths[1]} px"


def test_the_longest_title_is_the_one_tested(seeded_site, django_db_blocker):
    """LONGEST_TITLE is still the longest title of the posts loaded from seeds/ (those archived from a listing)."""
    with django_db_blocker.unblock():
        seed_posts = Post.objects.filter(listing__isnull=False)
        longest = seed_posts.order_by(Length("title").desc(), "pk").values_list("title", flat=True).first()
    assert longest == LONGEST_TITLE


@pytest.mark.markup
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_home_page_with_the_comments_awaiting_moderation_fits(editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.site + "/admin/")
    expect(page.locator(".moderation-queue")).to_contain_text("comments awaiting moderation")
    assert_fits(page, "home", width)


@pytest.mark.markup
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_post_list_fits(editor_page, width):
    assert_list_fits(editor_page, "/admin/archive/post/", "post-list", width, showing="Sullivan Admits")


@pytest.mark.markup
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_change_page_of_the_longest_title_fits(editor_page, django_db_blocker, width):
    page = editor_page
    with django_db_blocker.unblock():
        post = Post.objects.get(title=LONGEST_TITLE)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.site + f"/admin/archive/post/{post.pk}/change/")
    expect(page.locator("#id_title")).to_have_value(LONGEST_TITLE)
    # The comments inline is folded away until opened: open it, as an editor moderating here would.
    page.locator("#comments-group summary").first.click()
    assert_fits(page, "post-change", width)
    # No line of the title runs under the links above the form (History, View on site).
    hidden_lines = page.evaluate(TITLE_LINES_UNDER_THE_LINKS)
    assert hidden_lines == [], f"the title runs under the links: {hidden_lines}"
    # Every source's Delete box can be reached: on a laptop the Sources table fits its box; on a phone,
    # where its five columns cannot, it scrolls inside its own box, never the page.
    sources = page.locator("#sources-group")
    if width >= 1280:
        widths = sources.evaluate("box => [box.scrollWidth, box.clientWidth]")
        assert widths[0] <= widths[1], f"the Sources table is {widths[0]} px wide in a box of {widths[1]} px"
    checkboxes = page.locator("#sources-group td.delete input").all()
    assert len(checkboxes) == 2
    for checkbox in checkboxes:
        checkbox.scroll_into_view_if_needed()
        box = checkbox.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, f"a source's Delete box is off screen at {box}"
        assert page.evaluate("window.scrollX") == 0


@pytest.mark.markup
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_comment_list_fits(editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.site + "/admin/archive/comment/")
    row = page.locator("#result_list tbody tr").filter(has_text="Mei Reader")
    expect(row.locator(".comment-status--pending")).to_have_text("Pending")
    assert_fits(page, "comment-list", width)
    assert_every_column_in_view(page)


@pytest.mark.markup
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_old_links_list_fits(editor_page, django_db_blocker, width):
    # The blog's permalinks, and the old path of the post with the longest title, whose link names it in full.
    with django_db_blocker.unblock():
        post = Post.objects.get(title=LONGEST_TITLE)
        OldPath.remember(post, "/2024/01/30/peoples-daily-sullivan-admits-that-us-efforts-to-change-the-prc-failed/")
    assert_list_fits(editor_page, "/admin/archive/oldpath/", "old-links", width, showing="Sullivan Admits")
