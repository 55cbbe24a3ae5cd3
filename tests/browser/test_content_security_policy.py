"""The site and the admin work under a Content-Security-Policy with no inline scripts or styles.

Chromium reports every violation of the policy twice: as a console error
("Refused to ...") and as a `securitypolicyviolation` event in the page. The
tests listen for both on every page type a reader can land on, and on the
admin pages an editor works in, while using them: the live preview, the
date and filter widgets, the moderation queue, history and recovery.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from archive.models import Comment, Post

from .pages import PAGE_NAMES, PAGE_TYPES

pytestmark = pytest.mark.browser

# Runs in every document before its own scripts; the events stay in the page for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched_page(page):
    """A page that collects CSP violations from the console and from the document."""
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations():
        return console + page.evaluate("window.__cspViolations || []")

    page.violations = violations
    return page


def policy_of(response):
    return response.headers.get("content-security-policy", "")


def assert_strict(policy):
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    for name in ("script-src", "style-src"):
        assert name in directives, f"no {name} in {policy!r}"
        assert "unsafe-inline" not in directives[name], policy
        assert "unsafe-eval" not in directives[name], policy
    assert directives["default-src"] == "'self'"


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=PAGE_NAMES)
def test_reader_pages_break_no_rule_of_the_policy(watched_page, seeded_site, page_type):
    response = watched_page.goto(seeded_site + page_type.path)
    assert response.status == page_type.status
    assert_strict(policy_of(response))
    # Use what the page offers: the search box and, on a post, the comment form.
    watched_page.locator(".site-search input[type=search]").fill("huawei")
    watched_page.locator(".site-search input[type=search]").press("Enter")
    expect(watched_page.locator("h1")).to_contain_text("huawei")
    assert watched_page.violations() == []


def test_a_policy_violation_is_seen(watched_page, seeded_site):
    """The watcher is not blind: inline code the policy forbids is reported."""
    watched_page.goto(seeded_site + "/")
    watched_page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true";
            document.body.append(script);
            const style = document.createElement("div");
            style.setAttribute("style", "color: red");
            document.body.append(style);
        }"""
    )
    watched_page.wait_for_function("window.__cspViolations.length >= 2")
    assert watched_page.evaluate("window.ranInline === undefined")
    found = watched_page.violations()
    assert any("script-src" in violation for violation in found), found
    assert any("style-src" in violation for violation in found), found


def test_the_admin_works_under_the_policy(watched_page, site):
    # A superuser, so that the user and password pages are reachable too.
    editor = get_user_model().objects.create_superuser("edith", "edith@example.com", "a long editor passphrase")
    post = Post.objects.get(title="Canada Finally Bans Huawei From Its 5G Networks")
    Comment.objects.create(post=post, author_name="Mei Reader", body="Ottawa took its time.")
    page = watched_page

    response = page.goto(site + "/admin/")
    assert_strict(policy_of(response))
    page.get_by_label("Username").fill("edith")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()

    # The post list with its search, filters and date drill-down.
    page.goto(site + "/admin/archive/post/?q=Huawei")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto(site + f"/admin/archive/post/{post.pk}/change/")
    # Inline sources, the category selector, the calendar and clock widgets, the live preview.
    page.locator("#id_body").fill("**Bold** words and an image ![chart](https://example.com/chart.png)")
    expect(page.locator(".post-preview strong")).to_have_text("Bold")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    page.locator(".datetimeshortcuts a", has_text="Now").first.click()
    page.locator(".datetimeshortcuts .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator(".add-row a").first.click()
    page.locator(".dynamic-sources .inline-deletelink").first.click()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(site + f"/admin/archive/post/{post.pk}/history/")
    page.goto(site + "/admin/archive/post/add/")
    page.locator("#id_title").fill("A new post")
    page.goto(site + "/admin/archive/post/recover/")

    # Moderation, categories, sources, listings and the editors' own pages.
    page.goto(site + "/admin/archive/comment/")
    page.locator("#result_list input.action-select").first.check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("approved")
    for path in (
        "/admin/archive/category/",
        "/admin/archive/category/add/",
        "/admin/archive/source/",
        "/admin/archive/outlet/",
        "/admin/archive/listing/",
        "/admin/auth/user/",
        f"/admin/auth/user/{editor.pk}/password/",
        "/admin/password_change/",
    ):
        response = page.goto(site + path)
        assert response.status == 200, path
        assert_strict(policy_of(response))

    # The editor's view of the site while signed in (no page cache) and signing out.
    page.goto(site + post.get_absolute_url())
    page.goto(site + "/admin/")
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("h1")).to_contain_text("Logged out")
    assert page.violations() == []
